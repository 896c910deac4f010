//! Reading a Rust file as the layer test needs it: its code without comments, strings or
//! character literals, and every path in it that starts at the crate's root (`crate::...`,
//! or `super::...` resolved against the file's module), use trees expanded.

/// `text` with comments, string and character literals blanked out: what is left is code.
pub fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        let skip_to = if c == '/' && next == Some('/') {
            chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n)
        } else if c == '/' && next == Some('*') {
            block_comment_end(&chars, i)
        } else if c == '"' {
            string_end(&chars, i + 1, 0)
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !ident_before(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            match chars.get(i + 1 + hashes) {
                Some('"') => string_end(&chars, i + 2 + hashes, hashes),
                _ => i + 1,
            }
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal (`'c'`, `'\''`, `'\u{7f}'`), not a lifetime (`'a`).
            let from = if next == Some('\\') { i + 3 } else { i + 2 };
            let close = chars[from..].iter().position(|&c| c == '\'');
            close.map_or(chars.len(), |n| from + n + 1)
        } else {
            out.push(c);
            i += 1;
            continue;
        };
        out.extend(
            chars[i..skip_to]
                .iter()
                .map(|&c| if c == '\n' { '\n' } else { ' ' }),
        );
        i = skip_to;
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Where the block comment opening at `start` ends (they nest).
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => (depth, i) = (depth + 1, i + 2),
            ('*', '/') if depth == 1 => return i + 2,
            ('*', '/') => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
    }
    chars.len()
}

/// Where a string whose text starts at `from` ends: after its closing quote and `hashes`.
fn string_end(chars: &[char], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if hashes == 0 => i += 2,
            '"' if chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes =>
            {
                return i + 1 + hashes
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// A use tree, or the path of an expression, read from `code` at `*at`: every full path it
/// names, as segments (`a::{b, c::d}`: `[a, b]`, `[a, c, d]`).
pub fn paths_at(code: &[char], at: &mut usize) -> Vec<Vec<String>> {
    skip_space(code, at);
    if code.get(*at) == Some(&'{') {
        *at += 1;
        let mut all = Vec::new();
        loop {
            skip_space(code, at);
            match code.get(*at) {
                None => return all,
                Some('}') => {
                    *at += 1;
                    return all;
                }
                Some(',') => *at += 1,
                Some(_) => {
                    let before = *at;
                    all.extend(paths_at(code, at));
                    if *at == before {
                        *at += 1;
                    }
                }
            }
        }
    }
    let start = *at;
    while code
        .get(*at)
        .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '*')
    {
        *at += 1;
    }
    if *at == start {
        return Vec::new();
    }
    let segment: String = code[start..*at].iter().collect();
    let mut look = *at;
    skip_space(code, &mut look);
    if code.get(look) == Some(&':') && code.get(look + 1) == Some(&':') {
        *at = look + 2;
        let rest = paths_at(code, at);
        if !rest.is_empty() {
            return rest
                .into_iter()
                .map(|mut p| {
                    p.insert(0, segment.clone());
                    p
                })
                .collect();
        }
    }
    vec![vec![segment]]
}

fn skip_space(code: &[char], at: &mut usize) {
    while code.get(*at).is_some_and(|c| c.is_whitespace()) {
        *at += 1;
    }
}

/// Every path of `code` (a file whose module path is `module` under `prefix`) that starts at
/// the crate's root, as segments from that root: `crate::...` paths, and `super::...` paths
/// resolved against `module`.
pub fn rooted_paths(code: &str, prefix: &[&str], module: &[String]) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let word_start = !ident_before(&chars, i);
        let at_crate = chars[i..].starts_with(&['c', 'r', 'a', 't', 'e', ':', ':']);
        let at_super = chars[i..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']);
        if !word_start || !(at_crate || at_super) {
            i += 1;
            continue;
        }
        let mut at = i;
        let base: Vec<String> = if at_crate {
            at += "crate::".len();
            Vec::new()
        } else {
            let mut climbs = 0;
            while chars[at..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
                climbs += 1;
                at += "super::".len();
                skip_space(&chars, &mut at);
            }
            let own = module.len().saturating_sub(climbs);
            prefix
                .iter()
                .map(|s| s.to_string())
                .chain(module[..own].iter().cloned())
                .collect()
        };
        for path in paths_at(&chars, &mut at) {
            found.push(base.iter().cloned().chain(path).collect());
        }
        i = at.max(i + 1);
    }
    found
}

#[test]
fn the_reader_sees_every_path_and_only_code() {
    let text = r#"
        use crate::error::Error;
        pub(crate) use crate::{http::{Http, Body}, auth::Bearer};
        // crate::commented::Out
        /* crate::blocked::Out /* nested */ crate::still::Out */
        fn f() -> u64 { let _ = ("crate::q::Out", '\'', 'c'); crate::clock::now_secs() }
        fn g<'a>(x: &'a str) { super::super::client::x(); super::sibling::y(); }
        /// [`crate::doc::Link`]
    "#;
    let code = code_of(text);
    let module = vec!["http".to_string(), "tries".to_string()];
    let firsts: Vec<String> = rooted_paths(&code, &[], &module)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        firsts,
        [
            "error::Error",
            "http::Http",
            "http::Body",
            "auth::Bearer",
            "clock::now_secs",
            "client::x",
            "http::sibling::y",
        ]
    );
}
