//! What the server logs of each RPC. Every RPC runs in a span naming it (`tf_rpc`), the type
//! it works on (`tf_resource_type`, `tf_data_source_type`, `tf_list_resource_type`,
//! `tf_ephemeral_resource_type`, `tf_action_type`) or function (`tf_function_name`) and,
//! once the request is decoded, the ID it works on (`tf_resource_id`): the `id` attribute of
//! its state, plan or configuration when the schema has an `id` that is neither sensitive
//! nor write-only, or the ID an import asks for. Every line logged while the RPC runs (the
//! provider's own, its clients') carries these fields. The RPC itself is logged at trace as
//! it starts. Never a value.
//!
//! The spans are at ERROR level so that they exist whatever level lines are logged at; a
//! span's level only decides whether it is recorded, not how its lines read.

use tracing::field::Empty;
use tracing::Span;

use crate::cty::{Number, Value};
use crate::schema::Block;

/// The span of a provider-wide RPC.
pub(super) fn provider(rpc: &'static str) -> Span {
    tracing::error_span!("rpc", tf_rpc = rpc)
}

/// The span of a resource RPC on `type_name`.
pub(super) fn resource(rpc: &'static str, type_name: &str) -> Span {
    tracing::error_span!(
        "rpc",
        tf_rpc = rpc,
        tf_resource_type = type_name,
        tf_resource_id = Empty
    )
}

/// The span of a data source RPC on `type_name`.
pub(super) fn data_source(rpc: &'static str, type_name: &str) -> Span {
    tracing::error_span!(
        "rpc",
        tf_rpc = rpc,
        tf_data_source_type = type_name,
        tf_resource_id = Empty
    )
}

/// The span of a list resource RPC on `type_name`.
pub(super) fn list_resource(rpc: &'static str, type_name: &str) -> Span {
    tracing::error_span!("rpc", tf_rpc = rpc, tf_list_resource_type = type_name)
}

/// The span of an ephemeral resource RPC on `type_name`.
pub(super) fn ephemeral(rpc: &'static str, type_name: &str) -> Span {
    tracing::error_span!("rpc", tf_rpc = rpc, tf_ephemeral_resource_type = type_name)
}

/// The span of an action RPC on `type_name`.
pub(super) fn action(rpc: &'static str, type_name: &str) -> Span {
    tracing::error_span!("rpc", tf_rpc = rpc, tf_action_type = type_name)
}

/// The span of a call of the function `name`.
pub(super) fn function(rpc: &'static str, name: &str) -> Span {
    tracing::error_span!("rpc", tf_rpc = rpc, tf_function_name = name)
}

/// Notes in the current RPC's span the ID the RPC works on (the first of `values` with a
/// known `id`, if `block` declares a non-sensitive one), then logs the RPC at trace.
pub(super) fn begin(rpc: &'static str, block: &Block, values: &[&Value]) {
    if let Some(id) = id_of(block, values) {
        Span::current().record("tf_resource_id", id.as_str());
    }
    tracing::trace!("{rpc}");
}

/// Notes `id` (an import's) as the ID the RPC works on, then logs the RPC at trace.
pub(super) fn begin_with_id(rpc: &'static str, id: &str) {
    Span::current().record("tf_resource_id", id);
    tracing::trace!("{rpc}");
}

/// The ID in `values` (the first known, non-empty `id` among them), if `block` has an `id`
/// attribute that may be shown.
fn id_of(block: &Block, values: &[&Value]) -> Option<String> {
    let attr = block.find("id")?;
    if attr.sensitive || attr.write_only {
        return None;
    }
    values.iter().find_map(|v| match v.get("id") {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(Number::Int(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;
    use crate::schema::Attribute;

    #[test]
    fn the_id_is_shown_only_when_the_schema_lets_it() {
        let state = Value::object([("id", Value::string("DB")), ("name", Value::string("x"))]);
        let plain = Block::new().attribute(Attribute::computed("id", Type::String));
        assert_eq!(
            id_of(&plain, &[&Value::Null, &state]).as_deref(),
            Some("DB")
        );
        let unknown = Value::object([("id", Value::Unknown)]);
        assert_eq!(id_of(&plain, &[&unknown]), None);
        let secret = Block::new().attribute(Attribute::computed("id", Type::String).sensitive());
        assert_eq!(id_of(&secret, &[&state]), None);
        let none = Block::new().attribute(Attribute::required("name", Type::String));
        assert_eq!(id_of(&none, &[&state]), None);
    }
}
