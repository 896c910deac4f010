//! `DynamicValue`, the protocol's envelope for a cty value (msgpack, or JSON from older
//! clients): decoding one with the schema's type, and encoding one.

use crate::cty::{json, msgpack, Type, Value};
use crate::diagnostic::{value_error, Diagnostic};
use crate::proto::tfplugin5 as pb;

/// Decodes a `DynamicValue` (msgpack, else JSON; absent means null) as type `ty`.
pub(crate) fn decode(value: Option<&pb::DynamicValue>, ty: &Type) -> Result<Value, Diagnostic> {
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
pub(crate) fn encode(value: &Value, ty: &Type) -> Result<pb::DynamicValue, Diagnostic> {
    let bytes = msgpack::encode(value, ty)
        .map_err(|e| value_error("Provider produced a value it cannot encode", e))?;
    Ok(pb::DynamicValue {
        msgpack: bytes,
        json: Vec::new(),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_point_at_the_attribute() {
        let ty = Type::object([("n", Type::Number)]);
        let bad = pb::DynamicValue {
            msgpack: vec![0x81, 0xa1, b'n', 0xa1, b'x'],
            json: vec![],
            ..Default::default()
        };
        let d = decode(Some(&bad), &ty).unwrap_err();
        assert_eq!(d.attribute.unwrap().to_string(), "n");
        assert_eq!(decode(None, &ty).unwrap(), Value::Null);
    }
}
