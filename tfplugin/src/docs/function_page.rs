//! The page of a provider-defined function: its summary and description, the example, the
//! notes, its signature as Terraform's type constraints write it
//! (`join(greeting string, names ...string) string`), and each argument with its type and
//! what it takes.

use std::fmt::Write as _;
use std::path::Path;

use super::{example_section, front_matter, notes_section, one_line, type_label};
use crate::cty::Type;
use crate::function::{FunctionParameter, FunctionSignature};

/// The page of function `name` of the provider called `provider`.
pub(super) fn render(name: &str, f: &FunctionSignature, provider: &str, dir: &Path) -> String {
    let mut out = String::new();
    front_matter(
        &mut out,
        &format!("{name} function - {provider}"),
        &f.summary,
    );
    let _ = write!(out, "# function: {name}\n\n");
    if !f.deprecation_message.is_empty() {
        let _ = write!(out, "~> **Deprecated:** {}\n\n", f.deprecation_message);
    }
    let text = if f.description.is_empty() {
        &f.summary
    } else {
        &f.description
    };
    let _ = write!(out, "{text}\n\n");
    example_section(&mut out, &dir.join("function.tf"), "terraform");
    notes_section(&mut out, dir);
    let _ = write!(
        out,
        "## Signature\n\n```text\n{}\n```\n\n",
        signature(name, f)
    );
    let arguments: Vec<(&FunctionParameter, bool)> = f
        .parameters
        .iter()
        .map(|p| (p, false))
        .chain(f.variadic.iter().map(|p| (p, true)))
        .collect();
    if !arguments.is_empty() {
        out.push_str("## Arguments\n\n");
        for (p, variadic) in arguments {
            let _ = writeln!(
                out,
                "1. `{}` ({}) {}",
                p.name,
                flags(p, variadic),
                one_line(&p.description)
            );
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Adds to `missing` what of function `name` has no description: its summary, its
/// parameters.
pub(super) fn check_described(name: &str, f: &FunctionSignature, missing: &mut Vec<String>) {
    if f.summary.trim().is_empty() {
        missing.push(format!("function {name} (its summary)"));
    }
    for p in f.parameters.iter().chain(&f.variadic) {
        if p.description.trim().is_empty() {
            missing.push(format!("function {name}.{}", p.name));
        }
    }
}

fn signature(name: &str, f: &FunctionSignature) -> String {
    let mut parameters: Vec<String> = f
        .parameters
        .iter()
        .map(|p| format!("{} {}", p.name, constraint(&p.ty)))
        .collect();
    if let Some(p) = &f.variadic {
        parameters.push(format!("{} ...{}", p.name, constraint(&p.ty)));
    }
    format!(
        "{name}({}) {}",
        parameters.join(", "),
        constraint(&f.return_type)
    )
}

fn flags(p: &FunctionParameter, variadic: bool) -> String {
    let mut parts = Vec::new();
    if variadic {
        parts.push("Variadic".to_string());
    }
    parts.push(type_label(&p.ty));
    if p.allow_null {
        parts.push("Nullable".into());
    }
    parts.join(", ")
}

/// `ty` as a Terraform type constraint.
fn constraint(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Number => "number".into(),
        Type::Bool => "bool".into(),
        Type::Dynamic => "any".into(),
        Type::List(e) => format!("list({})", constraint(e)),
        Type::Set(e) => format!("set({})", constraint(e)),
        Type::Map(e) => format!("map({})", constraint(e)),
        Type::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, t)| format!("{k} = {}", constraint(t)))
                .collect();
            format!("object({{{}}})", fields.join(", "))
        }
        Type::Tuple(elements) => {
            let elements: Vec<String> = elements.iter().map(constraint).collect();
            format!("tuple([{}])", elements.join(", "))
        }
    }
}
