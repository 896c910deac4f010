//! The SDK's types as the protocol carries them: schemas, identity schemas and data,
//! function signatures and errors, diagnostics with their attribute paths, times, and the
//! server capabilities.

use std::time::SystemTime;

use super::dynamic_value::encode;
use crate::cty::{AttributePath, PathStep, Value};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::function::{FunctionError, FunctionParameter, FunctionSignature};
use crate::identity::IdentitySchema;
use crate::proto::tfplugin5 as pb;
use crate::schema::{Attribute, Block, NestedBlock, NestingMode, Schema};

/// A schema (`tfplugin5.Schema`).
pub(crate) fn schema(s: &Schema) -> pb::Schema {
    pb::Schema {
        version: s.version,
        block: Some(block(&s.block)),
        ..Default::default()
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
        ..Default::default()
    }
}

/// An identity schema (`tfplugin5.ResourceIdentitySchema`).
pub(crate) fn identity_schema(s: &IdentitySchema) -> pb::ResourceIdentitySchema {
    pb::ResourceIdentitySchema {
        version: s.version,
        identity_attributes: s
            .attributes
            .iter()
            .map(|a| pb::resource_identity_schema::IdentityAttribute {
                name: a.name.clone(),
                r#type: a.ty.to_json_bytes(),
                required_for_import: a.required_for_import,
                optional_for_import: !a.required_for_import,
                description: a.description.clone(),
            })
            .collect(),
        ..Default::default()
    }
}

/// An identity for Terraform, encoded with the type's identity schema; none without a
/// schema or without an identity.
pub(crate) fn identity_data(
    schema: Option<&IdentitySchema>,
    identity: Option<&Value>,
) -> Result<Option<pb::ResourceIdentityData>, Diagnostic> {
    let (Some(schema), Some(identity)) = (schema, identity) else {
        return Ok(None);
    };
    Ok(Some(pb::ResourceIdentityData {
        identity_data: Some(encode(identity, &schema.implied_type())?),
        ..Default::default()
    }))
}

/// An attribute path (`tfplugin5.AttributePath`).
pub(crate) fn attribute_path(p: &AttributePath) -> pb::AttributePath {
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
        ..Default::default()
    }
}

/// One diagnostic (`tfplugin5.Diagnostic`).
pub(crate) fn diagnostic(d: &Diagnostic) -> pb::Diagnostic {
    let severity = match d.severity {
        Severity::Error => pb::diagnostic::Severity::Error,
        Severity::Warning => pb::diagnostic::Severity::Warning,
    };
    pb::Diagnostic {
        severity: severity as i32,
        summary: d.summary.clone(),
        detail: d.detail.clone(),
        attribute: d.attribute.as_ref().map(attribute_path),
        ..Default::default()
    }
}

/// Diagnostics, in order.
pub(crate) fn diagnostics(d: &Diagnostics) -> Vec<pb::Diagnostic> {
    d.iter().map(diagnostic).collect()
}

/// A function's signature (`tfplugin5.Function`).
pub(crate) fn function(f: &FunctionSignature) -> pb::Function {
    pb::Function {
        parameters: f.parameters.iter().map(parameter).collect(),
        variadic_parameter: f.variadic.as_ref().map(parameter),
        r#return: Some(pb::function::Return {
            r#type: f.return_type.to_json_bytes(),
        }),
        summary: f.summary.clone(),
        description: f.description.clone(),
        description_kind: pb::StringKind::Markdown as i32,
        deprecation_message: f.deprecation_message.clone(),
        ..Default::default()
    }
}

fn parameter(p: &FunctionParameter) -> pb::function::Parameter {
    pb::function::Parameter {
        name: p.name.clone(),
        r#type: p.ty.to_json_bytes(),
        allow_null_value: p.allow_null,
        allow_unknown_values: p.allow_unknown,
        description: p.description.clone(),
        description_kind: pb::StringKind::Markdown as i32,
        ..Default::default()
    }
}

/// A function's failure (`tfplugin5.FunctionError`) for a call with `arguments` arguments:
/// an argument index outside them is dropped, so the error still shows, on the call.
pub(crate) fn function_error(e: &FunctionError, arguments: usize) -> pb::FunctionError {
    pb::FunctionError {
        text: e.text.clone(),
        function_argument: e
            .argument
            .filter(|i| *i < arguments)
            .and_then(|i| i64::try_from(i).ok()),
        ..Default::default()
    }
}

/// A time (`google.protobuf.Timestamp`).
pub(crate) fn timestamp(t: SystemTime) -> prost_types::Timestamp {
    prost_types::Timestamp::from(t)
}

/// The server capabilities: destroy plans always; GenerateResourceConfig when the provider
/// serves list resources (whose results Terraform turns into configuration);
/// MoveResourceState when a resource takes moved states.
pub(crate) fn server_capabilities(
    generate_resource_config: bool,
    move_resource_state: bool,
) -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state,
        generate_resource_config,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;

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
    fn functions_keep_their_flags_and_errors_their_argument() {
        let sig = FunctionSignature::new(Type::String)
            .parameter(FunctionParameter::new("a", Type::Number).allow_null())
            .variadic(FunctionParameter::new("rest", Type::String).allow_unknown());
        let wire = function(&sig);
        let a = &wire.parameters[0];
        assert!(a.allow_null_value && !a.allow_unknown_values);
        assert_eq!(a.r#type, b"\"number\"");
        let rest = wire.variadic_parameter.unwrap();
        assert!(rest.allow_unknown_values && !rest.allow_null_value);
        assert_eq!(wire.r#return.unwrap().r#type, b"\"string\"");
        let at_two = FunctionError::at_argument(2, "bad");
        assert_eq!(function_error(&at_two, 3).function_argument, Some(2));
        // An index past the arguments would point nowhere: the error stays on the call.
        assert_eq!(function_error(&at_two, 2).function_argument, None);
    }

    #[test]
    fn paths_keep_every_step() {
        let p = AttributePath::attr("rule").then_index(2).then_key("k");
        let wire = attribute_path(&p);
        assert_eq!(wire.steps.len(), 3);
    }
}
