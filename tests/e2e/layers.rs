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

mod reader;

use reader::{code_of, paths_at, rooted_paths};

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
            &["body", "stop", "limits", "pacing", "host"],
            &["call"],
            &["failure", "redirect"],
            &["judge", "pages", "waits"],
            &["tries"],
        ],
    },
    Layers {
        name: "tfplugin",
        dir: "tfplugin/src",
        root: "tfplugin/src/lib.rs",
        prefix: &[],
        layers: &[
            &["cty", "private", "capabilities", "proto", "tls", "log"],
            &["diagnostic", "accept", "services"],
            &["model", "signals"],
            &["identity", "validator", "plan_modifier"],
            &["schema"],
            &["validate_config"],
            &[
                "resource",
                "data_source",
                "list",
                "ephemeral",
                "action",
                "function",
            ],
            &["provider", "wire"],
            &["server", "docs"],
            &["serve"],
            &["testing"],
        ],
    },
    Layers {
        name: "tfplugin's cty",
        dir: "tfplugin/src/cty",
        root: "tfplugin/src/cty.rs",
        prefix: &["cty"],
        layers: &[
            &["path"],
            &["error"],
            &["number", "types"],
            &["value", "limits"],
            &["msgpack", "json", "flatmap"],
        ],
    },
    Layers {
        name: "tfplugin's typed models (model)",
        dir: "tfplugin/src/model",
        root: "tfplugin/src/model.rs",
        prefix: &["model"],
        layers: &[
            &["tokens", "error", "number", "shape"],
            &["maybe_unknown", "value_serde"],
            &["probe", "de", "ser"],
        ],
    },
    Layers {
        name: "tfplugin's schema",
        dir: "tfplugin/src/schema",
        root: "tfplugin/src/schema.rs",
        prefix: &["schema"],
        layers: &[
            &["attribute"],
            &["typing", "validation", "planning"],
            &["tests"],
        ],
    },
    Layers {
        name: "the provider (terraform-provider-codespaces)",
        dir: "src/provider",
        root: "src/provider.rs",
        prefix: &["provider"],
        layers: &[
            &["support", "reports", "scope", "repository_name"],
            &[
                "identity",
                "auth",
                "run",
                "plans",
                "names",
                "incumbent",
                "functions",
            ],
            &["config"],
            &["state"],
            &["secret", "grant", "data"],
            &["lists"],
        ],
    },
    Layers {
        name: "the provider's secrets of every scope",
        dir: "src/provider/secret",
        root: "src/provider/secret.rs",
        prefix: &["provider", "secret"],
        layers: &[
            &["model", "rules"],
            &["schema"],
            &["validate", "one_name", "refused"],
            &["plan"],
            &["apply", "read", "moved"],
            &["push"],
        ],
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
