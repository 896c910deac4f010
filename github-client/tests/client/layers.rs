//! The crate's shape, checked: its dependency graph holds nothing of Terraform (no tfplugin,
//! no provider), and its modules form layers that only look down (basics, configuration,
//! credentials, transport, endpoints; see `src/lib.rs`): no `use crate::` line names a
//! module of a higher layer.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Each top-level module and its layer, lowest first.
const LAYERS: &[(&str, u32)] = &[
    ("error", 1),
    ("clock", 1),
    ("urls", 1),
    ("request", 1),
    ("crypto", 1),
    ("rules", 1),
    ("types", 1),
    ("config", 2),
    ("credentials", 2),
    ("key", 2),
    ("retry", 2),
    ("auth", 3),
    ("http", 4),
    ("client", 5),
];

fn layer_of(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
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

/// The top-level module a file under `src/` belongs to (`http/tries.rs`: `http`).
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules named by the `use crate::...` lines of `text`, grouped uses
/// (`use crate::{a::X, b::Y}`) included.
fn used_modules(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for statement in text.split(';') {
        let s = statement.trim_start();
        let Some(rest) = s
            .strip_prefix("pub(crate) use crate::")
            .or_else(|| s.strip_prefix("pub use crate::"))
            .or_else(|| s.strip_prefix("use crate::"))
        else {
            continue;
        };
        let rest = rest.trim();
        if let Some(group) = rest.strip_prefix('{') {
            for item in group.trim_end_matches('}').split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.push(name.to_string());
                }
            }
        } else {
            found.push(rest.split("::").next().unwrap_or("").trim().to_string());
        }
    }
    found
}

#[test]
fn no_module_uses_one_of_a_higher_layer() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut seen = 0;
    let mut wrong = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("lib.rs")) {
        let module = module_of(file);
        let own = layer_of(&module)
            .unwrap_or_else(|| panic!("{module} is in no layer: add it to LAYERS"));
        let text = std::fs::read_to_string(file).unwrap();
        for used in used_modules(&text) {
            seen += 1;
            let theirs = layer_of(&used)
                .unwrap_or_else(|| panic!("{}: unknown module {used}", file.display()));
            if theirs > own {
                wrong.push(format!(
                    "{} (layer {own}) uses {used} (layer {theirs})",
                    file.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        seen > 40,
        "only {seen} `use crate::` lines found: is the parser blind?"
    );
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_check_sees_grouped_and_plain_uses() {
    let text = "use crate::error::Error;\npub(crate) use crate::{http::Http, auth::Bearer};\nuse super::x;";
    assert_eq!(used_modules(text), ["error", "http", "auth"]);
}

#[test]
fn the_dependency_graph_holds_nothing_of_terraform() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .args(["--package", "github-client"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"reqwest"), "not the client's tree:\n{tree}");
    for banned in [
        "tfplugin",
        "terraform-provider-codespaces",
        "tonic",
        "prost",
    ] {
        assert!(
            !names.contains(&banned),
            "github-client depends on {banned}:\n{tree}"
        );
    }
}
