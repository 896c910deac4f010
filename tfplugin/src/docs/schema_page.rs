//! The page of a type with a schema (a resource, data source, list resource, ephemeral
//! resource or action) and of the provider itself: the description, the example, the
//! notes, the schema's attributes grouped as required, optional and read-only, nested
//! blocks and object attributes in sections of their own, and a resource's import syntax.

use std::fmt::Write as _;
use std::path::Path;

use super::{example_section, front_matter, notes_section, one_line, read_example, type_label};
use crate::cty::Type;
use crate::schema::{Attribute, Block, NestedBlock, NestingMode, Schema};

/// A kind of type with a schema, as the registry shows it.
pub(super) struct Kind {
    /// The title in the page's heading (`# hello_greeting (Resource)`).
    pub(super) title: &'static str,
    /// The folder of its pages under `docs/`, and of its examples under `examples/`.
    pub(super) folder: &'static str,
    /// The example file in the type's examples folder.
    pub(super) example: &'static str,
    /// How `undocumented` names its types (`list hello_greeting`), if not by name alone.
    pub(super) prefix: &'static str,
}

impl Kind {
    pub(super) const RESOURCE: Kind = Kind {
        title: "Resource",
        folder: "resources",
        example: "resource.tf",
        prefix: "",
    };
    pub(super) const DATA_SOURCE: Kind = Kind {
        title: "Data Source",
        folder: "data-sources",
        example: "data-source.tf",
        prefix: "",
    };
    pub(super) const LIST_RESOURCE: Kind = Kind {
        title: "List Resource",
        folder: "list-resources",
        example: "list-resource.tfquery.hcl",
        prefix: "list",
    };
    pub(super) const EPHEMERAL_RESOURCE: Kind = Kind {
        title: "Ephemeral Resource",
        folder: "ephemeral-resources",
        example: "ephemeral-resource.tf",
        prefix: "ephemeral",
    };
    pub(super) const ACTION: Kind = Kind {
        title: "Action",
        folder: "actions",
        example: "action.tf",
        prefix: "action",
    };
}

pub(super) fn render_index(schema: &Schema, name: &str, dir: &Path) -> String {
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

pub(super) fn render_type(
    type_name: &str,
    kind: &Kind,
    schema: &Schema,
    name: &str,
    dir: &Path,
) -> String {
    let mut out = String::new();
    let title = kind.title;
    front_matter(
        &mut out,
        &format!("{type_name} {title} - {name}"),
        &schema.block.description,
    );
    let _ = write!(
        out,
        "# {type_name} ({title})\n\n{}\n\n",
        schema.block.description
    );
    example_section(&mut out, &dir.join(kind.example), "terraform");
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

fn object_fields(ty: &Type) -> Option<Vec<(String, Type)>> {
    match ty {
        Type::Object(fields) => Some(fields.iter().map(|(k, t)| (k.clone(), t.clone())).collect()),
        Type::List(e) | Type::Set(e) | Type::Map(e) => object_fields(e),
        _ => None,
    }
}
