//! Documentation and examples stay true: `docs/` is exactly what the schemas render (an
//! undocumented attribute fails), list resources included, every example is `terraform fmt`
//! clean and passes `terraform validate` (query files `terraform validate -query`). Regenerate the docs with `UPDATE_DOCS=1 cargo test --test e2e docs::`.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::{Tf, REQUIRED};
use terraform_provider_codespaces::provider::CodespacesProvider;
use tfplugin::docs::{render_all, undocumented};
use tfplugin::Provider;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_attribute_has_a_description() {
    let missing = undocumented(&CodespacesProvider::new());
    assert!(missing.is_empty(), "undocumented: {missing:?}");
}

#[test]
fn docs_are_what_the_schemas_render() {
    let provider = CodespacesProvider::new();
    let pages = render_all(&provider, "codespaces", &root().join("examples"));
    let docs = root().join("docs");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        for page in &pages {
            let path = docs.join(&page.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &page.text).unwrap();
        }
    }
    let stale: Vec<&str> = pages
        .iter()
        .filter(|p| {
            std::fs::read_to_string(docs.join(&p.path)).ok().as_deref() != Some(p.text.as_str())
        })
        .map(|p| p.path.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "docs out of date: {stale:?}; run `UPDATE_DOCS=1 cargo test --test e2e docs::`"
    );
    assert_eq!(
        pages.len(),
        1 + provider.resources().len()
            + provider.data_sources().len()
            + provider.list_resources().len()
            + provider.actions().len()
            + provider.functions().len()
    );
    for (kind, schemas) in [
        (
            "resources",
            provider
                .resources()
                .iter()
                .map(|r| (r.type_name(), r.schema()))
                .collect::<Vec<_>>(),
        ),
        (
            "data-sources",
            provider
                .data_sources()
                .iter()
                .map(|d| (d.type_name(), d.schema()))
                .collect(),
        ),
        (
            "list-resources",
            provider
                .list_resources()
                .iter()
                .map(|l| (l.type_name(), l.schema()))
                .collect(),
        ),
        (
            "actions",
            provider
                .actions()
                .iter()
                .map(|a| (a.type_name(), a.schema()))
                .collect(),
        ),
    ] {
        for (name, schema) in schemas {
            let page = pages
                .iter()
                .find(|p| p.path == format!("{kind}/{}.md", &name["codespaces_".len()..]))
                .unwrap();
            for attr in &schema.block.attributes {
                assert!(
                    page.text.contains(&format!("`{}`", attr.name())),
                    "{name}.{} missing from {}",
                    attr.name(),
                    page.path
                );
            }
            assert!(
                page.text.contains("## Example Usage"),
                "{} has no example",
                page.path
            );
        }
    }
    let secret_page = pages
        .iter()
        .find(|p| p.path == "resources/org_secret.md")
        .unwrap();
    assert!(secret_page.text.contains("## Import") && secret_page.text.contains("Write-only"));
}

fn example_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        root().join("examples/provider"),
        root().join("examples/quickstart"),
        root().join("examples/query"),
    ];
    let mut kinds = vec!["resources", "data-sources", "list-resources", "functions"];
    // Older Terraforms do not know `action` blocks: 1.14+ checks those examples.
    if common::terraform_at_least(1, 14, "docs::examples_are_formatted_and_valid (actions)") {
        kinds.push("actions");
    }
    for kind in kinds {
        for entry in std::fs::read_dir(root().join("examples").join(kind)).unwrap() {
            dirs.push(entry.unwrap().path());
        }
    }
    dirs
}

#[test]
fn examples_are_formatted_and_valid() {
    let fmt = Tf::new();
    let check = fmt.run(&[
        "fmt",
        "-check",
        "-recursive",
        "-diff",
        root().join("examples").to_str().unwrap(),
    ]);
    assert!(
        check.ok(),
        "examples need `terraform fmt`:\n{}",
        check.text()
    );
    let provider = CodespacesProvider::new();
    let covered: Vec<String> = example_dirs()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for name in provider
        .resources()
        .iter()
        .map(|r| r.type_name())
        .chain(provider.data_sources().iter().map(|d| d.type_name()))
    {
        assert!(
            covered.iter().any(|c| c == name),
            "no example folder for {name}"
        );
    }
    for action in provider.actions() {
        let example = root()
            .join("examples/actions")
            .join(action.type_name())
            .join("action.tf");
        assert!(
            example.is_file(),
            "no example for action {}",
            action.type_name()
        );
    }
    for list in provider.list_resources() {
        let query = root()
            .join("examples/list-resources")
            .join(list.type_name())
            .join("list-resource.tfquery.hcl");
        assert!(
            query.is_file(),
            "no query example for list {}",
            list.type_name()
        );
    }
    for dir in example_dirs() {
        let tf = Tf::new();
        let mut has_required = false;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if name.ends_with(".tfquery.hcl") {
                tf.write(&name, &std::fs::read_to_string(&path).unwrap());
            } else if path.extension().is_some_and(|e| e == "tf") {
                let text = std::fs::read_to_string(&path).unwrap();
                has_required |= text.contains("required_providers");
                tf.write(path.file_name().unwrap().to_str().unwrap(), &text);
            }
        }
        if !has_required {
            tf.write("providers.tf", REQUIRED);
        }
        let r = tf.run(&["validate", "-no-color"]);
        assert!(r.ok(), "{} does not validate:\n{}", short(&dir), r.text());
        // Terraform 1.14+ checks the query files too (older ones ignore them).
        if common::terraform_version() >= (1, 14, 0) {
            let q = tf.run(&["validate", "-query", "-no-color"]);
            assert!(
                q.ok(),
                "{} query files do not validate:\n{}",
                short(&dir),
                q.text()
            );
        }
    }
}

#[test]
fn guides_are_registry_pages() {
    let dir = root().join("docs/guides");
    let mut found = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("---\npage_title: \"")
                && text.contains("\nsubcategory: \"")
                && text.contains("\n---\n\n# "),
            "{} needs registry front matter (page_title, subcategory, description) and a title",
            short(&path)
        );
        found += 1;
    }
    assert!(found >= 1, "no guide in docs/guides");
}

fn short(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}
