//! Registry-style documentation rendered from the schemas themselves, so the pages can never
//! disagree with what the provider serves: `docs/index.md`, `docs/resources/*.md`,
//! `docs/data-sources/*.md`, `docs/list-resources/*.md`, `docs/ephemeral-resources/*.md`,
//! `docs/actions/*.md` and `docs/functions/*.md`, in the Terraform Registry's layout.
//!
//! Each page takes the schema's (or the function signature's) markdown descriptions plus
//! files from the provider's examples folder (`examples/<kind folder>/<type>/`): the example
//! (`resource.tf`, `data-source.tf`, `ephemeral-resource.tf`, `action.tf`, `function.tf`,
//! or for a list resource the query file `list-resource.tfquery.hcl`), an optional
//! `notes.md`, and for resources the import syntax. The provider supplies its short name and
//! that folder; a provider's test checks that its `docs/` is what this module renders, and
//! that nothing lacks a description. Pages of schemas are drawn in `docs/schema_page.rs`,
//! those of functions in `docs/function_page.rs`.

mod function_page;
mod schema_page;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::cty::Type;
use crate::provider::Provider;
use crate::schema::{Block, Schema};

use schema_page::Kind;

/// One rendered page: its path under `docs/` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Page {
    /// E.g. `resources/org_secret.md`.
    pub path: String,
    /// The markdown.
    pub text: String,
}

/// Renders every page for `provider`, called `name` (e.g. `hello`), reading example
/// files from `examples` (the repository's `examples/` folder).
pub fn render_all(provider: &dyn Provider, name: &str, examples: &Path) -> Vec<Page> {
    let mut pages = vec![Page {
        path: "index.md".into(),
        text: schema_page::render_index(&provider.schema(), name, &examples.join("provider")),
    }];
    for (kind, type_name, schema) in typed_schemas(provider) {
        let short = short_name(type_name, name);
        let dir = examples.join(kind.folder).join(type_name);
        pages.push(Page {
            path: format!("{}/{short}.md", kind.folder),
            text: schema_page::render_type(type_name, &kind, &schema, name, &dir),
        });
    }
    for f in provider.functions() {
        let dir = examples.join("functions").join(f.name());
        pages.push(Page {
            path: format!("functions/{}.md", f.name()),
            text: function_page::render(f.name(), &f.signature(), name, &dir),
        });
    }
    pages
}

/// Every type of `provider` that has a schema, in the order of the pages: resources, data
/// sources, list resources, ephemeral resources, actions.
fn typed_schemas(provider: &dyn Provider) -> Vec<(Kind, &'static str, Schema)> {
    let mut types = Vec::new();
    for r in provider.resources() {
        types.push((Kind::RESOURCE, r.type_name(), r.schema()));
    }
    for d in provider.data_sources() {
        types.push((Kind::DATA_SOURCE, d.type_name(), d.schema()));
    }
    for l in provider.list_resources() {
        types.push((Kind::LIST_RESOURCE, l.type_name(), l.schema()));
    }
    for e in provider.ephemeral_resources() {
        types.push((Kind::EPHEMERAL_RESOURCE, e.type_name(), e.schema()));
    }
    for a in provider.actions() {
        types.push((Kind::ACTION, a.type_name(), a.schema()));
    }
    types
}

/// Everything that lacks a description: the attribute paths (`type.attribute`, the block
/// itself where its description is empty), function summaries and parameters.
pub fn undocumented(provider: &dyn Provider) -> Vec<String> {
    let mut missing = Vec::new();
    check_described("provider", &provider.schema().block, &mut missing);
    for (kind, type_name, schema) in typed_schemas(provider) {
        let owner = match kind.prefix {
            "" => type_name.to_string(),
            prefix => format!("{prefix} {type_name}"),
        };
        check_described(&owner, &schema.block, &mut missing);
    }
    for f in provider.functions() {
        function_page::check_described(f.name(), &f.signature(), &mut missing);
    }
    missing
}

/// Adds to `missing` what in `block` (nested blocks included) has no description.
fn check_described(owner: &str, block: &Block, missing: &mut Vec<String>) {
    if block.description.trim().is_empty() {
        missing.push(format!("{owner} (the block itself)"));
    }
    for a in block
        .attributes
        .iter()
        .filter(|a| a.description.trim().is_empty())
    {
        missing.push(format!("{owner}.{}", a.name));
    }
    for b in &block.blocks {
        check_described(&format!("{owner}.{}", b.type_name), &b.block, missing);
    }
}

fn short_name<'a>(type_name: &'a str, provider: &str) -> &'a str {
    type_name
        .strip_prefix(provider)
        .and_then(|s| s.strip_prefix('_'))
        .unwrap_or(type_name)
}

fn read_example(path: &Path) -> Option<String> {
    fs::read_to_string(path)
        .ok()
        .map(|s| s.trim_end().to_string())
}

fn front_matter(out: &mut String, title: &str, description: &str) {
    let first = description.lines().next().unwrap_or_default();
    let _ = write!(
        out,
        "---\npage_title: \"{title}\"\nsubcategory: \"\"\ndescription: |-\n  {first}\n---\n\n"
    );
}

fn example_section(out: &mut String, file: &Path, lang: &str) {
    if let Some(example) = read_example(file) {
        let _ = write!(out, "## Example Usage\n\n```{lang}\n{example}\n```\n\n");
    }
}

fn notes_section(out: &mut String, dir: &Path) {
    if let Some(notes) = read_example(&dir.join("notes.md")) {
        let _ = write!(out, "{notes}\n\n");
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn type_label(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Number => "Number".into(),
        Type::Bool => "Boolean".into(),
        Type::Dynamic => "Dynamic".into(),
        Type::List(e) => format!("List of {}", type_label(e)),
        Type::Set(e) => format!("Set of {}", type_label(e)),
        Type::Map(e) => format!("Map of {}", type_label(e)),
        Type::Object(_) => "Object".into(),
        Type::Tuple(_) => "Tuple".into(),
    }
}

#[cfg(test)]
mod tests;
