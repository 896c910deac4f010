//! The module order of each crate, checked, so that no import circle comes back: in every
//! file under a module folder, every path that names another module of the folder
//! (`crate::...` anywhere in the code, `use` lines or not, and `super::...` paths that climb
//! to the folder's own module) names a module of the file's own layer or of a lower one.
//! Items of the folder's own module (its root file) may be used from below, as a parent's
//! are. Comments and strings are not code: a doc link is not an import.
//!
//! A crate's root documents its layers; [`ORDERS`] is their one checked copy. To check
//! another crate, or a folder of modules within one, add one [`Layers`] entry, its lowest
//! layer first.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of the modules of one folder: a crate's `src/`, or a module's folder.
struct Layers {
    /// The crate or module, for messages.
    name: &'static str,
    /// The folder of the ordered modules, from the workspace root.
    dir: &'static str,
    /// The file of the module whose children they are (`lib.rs`, or `http.rs` beside
    /// `http/`), from the workspace root. It is above every layer.
    root: &'static str,
    /// The path of that module from the crate root (`[]` for a crate's `src/`).
    prefix: &'static [&'static str],
    /// The layers, lowest first, each its modules.
    layers: &'static [&'static [&'static str]],
}

const ORDERS: &[Layers] = &[
    Layers {
        name: "github-client",
        dir: "github-client/src",
        root: "github-client/src/lib.rs",
        prefix: &[],
        layers: &[
            &[
                "error", "clock", "urls", "headers", "crypto", "rules", "types", "home",
            ],
            &["config", "credentials", "key", "retry"],
            &["auth"],
            &["http"],
            &["client"],
        ],
    },
    Layers {
        name: "github-client's transport (http)",
        dir: "github-client/src/http",
        root: "github-client/src/http.rs",
        prefix: &["http"],
        layers: &[
            &["body", "stop", "limits", "pacing"],
            &["call"],
            &["failure", "redirect"],
            &["judge", "pages", "waits"],
            &["tries"],
        ],
    },
    Layers {
        name: "the provider (terraform-provider-codespaces)",
        dir: "src/provider",
        root: "src/provider.rs",
        prefix: &["provider"],
        layers: &[
            &["support"],
            &["identity", "auth", "run", "plans"],
            &["config"],
            &["state"],
            &["org_secret", "org_secret_repository", "data"],
            &["lists"],
        ],
    },
    Layers {
        name: "the provider's codespaces_org_secret",
        dir: "src/provider/org_secret",
        root: "src/provider/org_secret.rs",
        prefix: &["provider", "org_secret"],
        layers: &[&["model"], &["plan", "validate"], &["apply", "read"]],
    },
];

impl Layers {
    fn layer_of(&self, module: &str) -> Option<usize> {
        self.layers.iter().position(|l| l.contains(&module))
    }
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of `file` under `dir` (`http/tries.rs`: `[http, tries]`).
fn module_path(dir: &Path, file: &Path) -> Vec<String> {
    file.strip_prefix(dir)
        .unwrap()
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// `text` with comments, string and character literals blanked out: what is left is code.
fn code_of(text: &str) -> String {
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
fn paths_at(code: &[char], at: &mut usize) -> Vec<Vec<String>> {
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
fn rooted_paths(code: &str, prefix: &[&str], module: &[String]) -> Vec<Vec<String>> {
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

/// What the root file `root` offers its modules by name: the items it re-exports, by the
/// module they come from (`pub use clock::{Sleeper, ...}` makes `Sleeper` stand for
/// `clock`), and the items it defines itself.
fn root_names(root: &str) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let code = code_of(&std::fs::read_to_string(workspace().join(root)).unwrap());
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let kinds = ["struct", "enum", "fn", "const", "static", "type", "trait"];
    let own = words
        .windows(2)
        .filter(|w| kinds.contains(&w[0]))
        .map(|w| w[1].to_string())
        .collect();
    let mut names = BTreeMap::new();
    for statement in code.split(';') {
        let Some(tree) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let chars: Vec<char> = tree.chars().collect();
        for path in paths_at(&chars, &mut 0) {
            if let (Some(module), Some(item)) = (path.first(), path.last()) {
                if path.len() > 1 {
                    names.insert(item.clone(), module.clone());
                }
            }
        }
    }
    (names, own)
}

fn check(crate_layers: &Layers) {
    let dir = workspace().join(crate_layers.dir);
    let (reexported, own_items) = root_names(crate_layers.root);
    let mut files = Vec::new();
    sources(&dir, &mut files);
    let (mut seen, mut wrong) = (0, Vec::new());
    for file in files
        .iter()
        .filter(|f| **f != workspace().join(crate_layers.root))
    {
        let module = module_path(&dir, file);
        let own = &module[0];
        let own_layer = crate_layers.layer_of(own).unwrap_or_else(|| {
            panic!(
                "{}: module {own} is in no layer: add it to its layer in ORDERS",
                crate_layers.name
            )
        });
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for path in rooted_paths(&code, crate_layers.prefix, &module) {
            let Some(rest) = path.strip_prefix(
                &crate_layers
                    .prefix
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()[..],
            ) else {
                continue;
            };
            let Some(first) = rest.first() else { continue };
            if first == "*" || first == own || own_items.contains(first) {
                seen += usize::from(first != "*");
                continue;
            }
            let used = reexported.get(first).unwrap_or(first);
            seen += 1;
            let their_layer = crate_layers.layer_of(used).unwrap_or_else(|| {
                panic!(
                    "{}: {} names {}, which is no module of a layer",
                    crate_layers.name,
                    file.display(),
                    path.join("::")
                )
            });
            if their_layer > own_layer {
                wrong.push(format!(
                    "{} (layer {}) names {} (layer {})",
                    file.strip_prefix(workspace()).unwrap().display(),
                    own_layer + 1,
                    path.join("::"),
                    their_layer + 1
                ));
            }
        }
    }
    assert!(
        seen > 10,
        "{}: only {seen} paths to other modules found: is the reader blind?",
        crate_layers.name
    );
    assert!(
        wrong.is_empty(),
        "{}: paths against the layers:\n{}",
        crate_layers.name,
        wrong.join("\n")
    );
}

#[test]
fn no_module_names_one_of_a_higher_layer() {
    for layers in ORDERS {
        check(layers);
    }
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
