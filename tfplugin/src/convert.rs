//! Conversions between the protocol's messages and this library's types: schemas,
//! diagnostics, attribute paths, client capabilities and `DynamicValue`s.

use super::diag::{AttributePath, Diagnostic, Diagnostics, PathStep, Severity};
use super::proto::tfplugin5 as pb;
use super::schema::{Attribute, Block, NestedBlock, NestingMode, Schema};
use super::traits::ClientCapabilities;
use crate::cty::Type;
use crate::cty::{json, msgpack};
use crate::cty::{Value, ValueError};

/// A schema as the protocol carries it.
pub fn schema(s: &Schema) -> pb::Schema {
    pb::Schema {
        version: s.version,
        block: Some(block(&s.block)),
    }
}

fn block(b: &Block) -> pb::schema::Block {
    pb::schema::Block {
        version: 0,
        attributes: b.attributes.iter().map(attribute).collect(),
        block_types: b.blocks.iter().map(nested_block).collect(),
        description: b.description.clone(),
        description_kind: pb::StringKind::Markdown as i32,
        deprecated: b.deprecated,
        ..Default::default()
    }
}

fn attribute(a: &Attribute) -> pb::schema::Attribute {
    pb::schema::Attribute {
        name: a.name.clone(),
        r#type: a.ty.to_json_bytes(),
        description: a.description.clone(),
        required: a.required,
        optional: a.optional,
        computed: a.computed,
        sensitive: a.sensitive,
        description_kind: pb::StringKind::Markdown as i32,
        deprecated: a.deprecated,
        write_only: a.write_only,
        ..Default::default()
    }
}

fn nested_block(n: &NestedBlock) -> pb::schema::NestedBlock {
    use pb::schema::nested_block::NestingMode as Pm;
    let nesting = match n.nesting {
        NestingMode::Single => Pm::Single,
        NestingMode::Group => Pm::Group,
        NestingMode::List => Pm::List,
        NestingMode::Set => Pm::Set,
        NestingMode::Map => Pm::Map,
    };
    pb::schema::NestedBlock {
        type_name: n.type_name.clone(),
        block: Some(block(&n.block)),
        nesting: nesting as i32,
        min_items: n.min_items,
        max_items: n.max_items,
    }
}

/// An attribute path as the protocol carries it.
pub fn path(p: &AttributePath) -> pb::AttributePath {
    use pb::attribute_path::step::Selector;
    pb::AttributePath {
        steps: p
            .steps
            .iter()
            .map(|s| pb::attribute_path::Step {
                selector: Some(match s {
                    PathStep::Attribute(a) => Selector::AttributeName(a.clone()),
                    PathStep::Key(k) => Selector::ElementKeyString(k.clone()),
                    PathStep::Index(i) => Selector::ElementKeyInt(*i),
                }),
            })
            .collect(),
    }
}

/// Diagnostics as the protocol carries them.
pub fn diagnostics(d: &Diagnostics) -> Vec<pb::Diagnostic> {
    d.iter().map(diagnostic).collect()
}

fn diagnostic(d: &Diagnostic) -> pb::Diagnostic {
    let severity = match d.severity {
        Severity::Error => pb::diagnostic::Severity::Error,
        Severity::Warning => pb::diagnostic::Severity::Warning,
    };
    pb::Diagnostic {
        severity: severity as i32,
        summary: d.summary.clone(),
        detail: d.detail.clone(),
        attribute: d.attribute.as_ref().map(path),
    }
}

/// What the client announced, or nothing.
pub fn capabilities(c: Option<&pb::ClientCapabilities>) -> ClientCapabilities {
    c.map_or_else(ClientCapabilities::default, |c| ClientCapabilities {
        deferral_allowed: c.deferral_allowed,
        write_only_attributes_allowed: c.write_only_attributes_allowed,
    })
}

/// Decodes a `DynamicValue` (msgpack, else JSON; absent means null) as type `ty`.
pub fn decode(value: Option<&pb::DynamicValue>, ty: &Type) -> Result<Value, Diagnostic> {
    let Some(dv) = value else {
        return Ok(Value::Null);
    };
    let decoded = if !dv.msgpack.is_empty() || dv.json.is_empty() {
        msgpack::decode(&dv.msgpack, ty)
    } else {
        json::decode(&dv.json, ty)
    };
    decoded.map_err(|e| value_error("Invalid value from Terraform", e))
}

/// Encodes `value` as a msgpack `DynamicValue` of type `ty`.
pub fn encode(value: &Value, ty: &Type) -> Result<pb::DynamicValue, Diagnostic> {
    let bytes = msgpack::encode(value, ty)
        .map_err(|e| value_error("Provider produced a value it cannot encode", e))?;
    Ok(pb::DynamicValue {
        msgpack: bytes,
        json: Vec::new(),
    })
}

/// A codec error as a diagnostic on the attribute it concerns.
pub fn value_error(summary: &str, e: ValueError) -> Diagnostic {
    let at = match &e {
        ValueError::Mismatch { path, .. } if !path.steps.is_empty() => Some(path.clone()),
        _ => None,
    };
    let d = Diagnostic::error(summary, e.to_string());
    match at {
        Some(p) => d.at(p),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_only_and_sensitive_flags_reach_the_wire() {
        let s = Schema::new(
            Block::new().attribute(
                Attribute::optional("v", Type::String)
                    .sensitive()
                    .write_only(),
            ),
        );
        let pb = schema(&s);
        let attr = &pb.block.unwrap().attributes[0];
        assert!(attr.write_only && attr.sensitive && attr.optional);
        assert_eq!(attr.r#type, b"\"string\"");
    }

    #[test]
    fn decode_errors_point_at_the_attribute() {
        let ty = Type::object([("n", Type::Number)]);
        let bad = pb::DynamicValue {
            msgpack: vec![0x81, 0xa1, b'n', 0xa1, b'x'],
            json: vec![],
        };
        let d = decode(Some(&bad), &ty).unwrap_err();
        assert_eq!(d.attribute.unwrap().to_string(), "n");
        assert_eq!(decode(None, &ty).unwrap(), Value::Null);
    }
}
