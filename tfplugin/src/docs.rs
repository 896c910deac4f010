//! Registry-style documentation rendered from the schemas themselves, so the pages can never
//! disagree with what the provider serves: `docs/index.md`, `docs/resources/*.md`,
//! `docs/data-sources/*.md` and `docs/list-resources/*.md`, in the Terraform Registry's
//! layout.
//!
//! Each page takes the schema's markdown descriptions plus files from the provider's
//! examples folder (`examples/<kind>/<type>/`): the example (`resource.tf`,
//! `data-source.tf`, or for a list resource the query file `list-resource.tfquery.hcl`), an
//! optional `notes.md`, and for resources the import syntax. The provider supplies its short name and that folder; a provider's test
//! checks that its `docs/` is what this module renders, and that no attribute lacks a
//! description.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::cty::Type;
use crate::provider::Provider;
use crate::schema::{Attribute, Block, NestedBlock, NestingMode, Schema};

/// One rendered page: its path under `docs/` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Page {
    /// E.g. `resources/org_secret.md`.
    pub path: String,
    /// The markdown.
    pub text: String,
}

/// Renders every page for `provider`, called `name` (e.g. `codespaces`), reading example
/// files from `examples` (the repository's `examples/` folder).
pub fn render_all(provider: &dyn Provider, name: &str, examples: &Path) -> Vec<Page> {
    let mut pages = vec![Page {
        path: "index.md".into(),
        text: render_index(&provider.schema(), name, &examples.join("provider")),
    }];
    for r in provider.resources() {
        let short = short_name(r.type_name(), name);
        let dir = examples.join("resources").join(r.type_name());
        pages.push(Page {
            path: format!("resources/{short}.md"),
            text: render_type(r.type_name(), "Resource", &r.schema(), name, &dir),
        });
    }
    for d in provider.data_sources() {
        let short = short_name(d.type_name(), name);
        let dir = examples.join("data-sources").join(d.type_name());
        pages.push(Page {
            path: format!("data-sources/{short}.md"),
            text: render_type(d.type_name(), "Data Source", &d.schema(), name, &dir),
        });
    }
    for l in provider.list_resources() {
        let short = short_name(l.type_name(), name);
        let dir = examples.join("list-resources").join(l.type_name());
        pages.push(Page {
            path: format!("list-resources/{short}.md"),
            text: render_type(l.type_name(), "List Resource", &l.schema(), name, &dir),
        });
    }
    pages
}

/// Every `(type name, attribute path)` whose description is empty.
pub fn undocumented(provider: &dyn Provider) -> Vec<String> {
    let mut missing = Vec::new();
    check_described("provider", &provider.schema().block, &mut missing);
    for r in provider.resources() {
        check_described(r.type_name(), &r.schema().block, &mut missing);
    }
    for d in provider.data_sources() {
        check_described(d.type_name(), &d.schema().block, &mut missing);
    }
    for l in provider.list_resources() {
        check_described(
            &format!("list {}", l.type_name()),
            &l.schema().block,
            &mut missing,
        );
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

fn render_index(schema: &Schema, name: &str, dir: &Path) -> String {
    let mut out = String::new();
    front_matter(
        &mut out,
        &format!("{name} Provider"),
        &schema.block.description,
    );
    let _ = write!(out, "# {name} Provider\n\n{}\n\n", schema.block.description);
    example_section(&mut out, &dir.join("provider.tf"), "terraform");
    notes_section(&mut out, dir);
    schema_section(&mut out, &schema.block);
    out
}

fn render_type(type_name: &str, kind: &str, schema: &Schema, name: &str, dir: &Path) -> String {
    let mut out = String::new();
    let file = match kind {
        "Resource" => "resource.tf",
        "List Resource" => "list-resource.tfquery.hcl",
        _ => "data-source.tf",
    };
    front_matter(
        &mut out,
        &format!("{type_name} {kind} - {name}"),
        &schema.block.description,
    );
    let _ = write!(
        out,
        "# {type_name} ({kind})\n\n{}\n\n",
        schema.block.description
    );
    example_section(&mut out, &dir.join(file), "terraform");
    notes_section(&mut out, dir);
    schema_section(&mut out, &schema.block);
    if let Some(import) = read_example(&dir.join("import.sh")) {
        let _ = write!(out, "## Import\n\nImport is supported using the following syntax:\n\n```shell\n{import}\n```\n\n");
        if let Some(block) = read_example(&dir.join("import-block.tf")) {
            let _ = write!(out, "Or, with Terraform 1.5 or later, an `import` block:\n\n```terraform\n{block}\n```\n\n");
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
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

type Keep = fn(&Attribute) -> bool;

const GROUPS: [(&str, Keep); 3] = [
    ("Required", |a| a.required),
    ("Optional", |a| a.optional),
    ("Read-Only", |a| a.computed && !a.optional),
];

fn schema_section(out: &mut String, block: &Block) {
    out.push_str("## Schema\n\n");
    let mut nested = Vec::new();
    for (title, keep) in GROUPS {
        let mut lines: Vec<(String, String)> = block
            .attributes
            .iter()
            .filter(|a| keep(a))
            .map(|a| {
                if let Some(fields) = object_fields(&a.ty) {
                    nested.push((a.name.clone(), fields));
                }
                let line = format!("- `{}` ({}) {}", a.name, flags(a), one_line(&a.description));
                (a.name.clone(), line)
            })
            .collect();
        let required = title == "Required";
        if required || title == "Optional" {
            lines.extend(
                block
                    .blocks
                    .iter()
                    .filter(|b| (b.min_items > 0) == required)
                    .map(|b| (b.type_name.clone(), block_line(b))),
            );
        }
        if lines.is_empty() {
            continue;
        }
        lines.sort();
        let _ = write!(out, "### {title}\n\n");
        for (_, line) in lines {
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    for (attr, fields) in nested {
        let _ = write!(
            out,
            "<a id=\"nestedatt--{attr}\"></a>\n### Nested Schema for `{attr}`\n\nRead-Only:\n\n"
        );
        for (field, ty) in fields {
            let _ = writeln!(out, "- `{field}` ({})", type_label(&ty));
        }
        out.push('\n');
    }
    for b in &block.blocks {
        nested_block_section(out, b);
    }
}

fn block_line(b: &NestedBlock) -> String {
    let kind = match b.nesting {
        NestingMode::Single | NestingMode::Group => "Block".to_string(),
        NestingMode::List => "Block List".into(),
        NestingMode::Set => "Block Set".into(),
        NestingMode::Map => "Block Map".into(),
    };
    let max = match b.nesting {
        NestingMode::List | NestingMode::Set if b.max_items > 0 => {
            format!(", Max: {}", b.max_items)
        }
        _ => String::new(),
    };
    format!(
        "- `{name}` ({kind}{max}) {} (see [below for nested schema](#nestedblock--{name}))",
        one_line(&b.block.description),
        name = b.type_name
    )
}

fn nested_block_section(out: &mut String, b: &NestedBlock) {
    let name = &b.type_name;
    let _ = write!(
        out,
        "<a id=\"nestedblock--{name}\"></a>\n### Nested Schema for `{name}`\n\n"
    );
    for (title, keep) in GROUPS {
        let mut attrs: Vec<&Attribute> = b.block.attributes.iter().filter(|a| keep(a)).collect();
        if attrs.is_empty() {
            continue;
        }
        attrs.sort_by(|x, y| x.name.cmp(&y.name));
        let _ = write!(out, "{title}:\n\n");
        for a in attrs {
            let _ = writeln!(
                out,
                "- `{}` ({}) {}",
                a.name,
                flags(a),
                one_line(&a.description)
            );
        }
        out.push('\n');
    }
}

fn flags(a: &Attribute) -> String {
    let mut parts = vec![type_label(&a.ty)];
    if a.sensitive {
        parts.push("Sensitive".into());
    }
    if a.write_only {
        parts.push("Write-only".into());
    }
    if a.deprecated {
        parts.push("Deprecated".into());
    }
    parts.join(", ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn object_fields(ty: &Type) -> Option<Vec<(String, Type)>> {
    match ty {
        Type::Object(fields) => Some(fields.iter().map(|(k, t)| (k.clone(), t.clone())).collect()),
        Type::List(e) | Type::Set(e) | Type::Map(e) => object_fields(e),
        _ => None,
    }
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
