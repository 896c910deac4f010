//! cty's msgpack encoding, driven by a [`Type`]: the form of every `DynamicValue` on the wire.

use super::types::Type;
use super::value::{Value, ValueError};

/// Decodes msgpack `bytes` as a value of type `ty`. Empty input is null.
pub fn decode(_bytes: &[u8], _ty: &Type) -> Result<Value, ValueError> {
    Err(ValueError::BadType(
        "msgpack decoding is not written yet".into(),
    ))
}

/// Encodes `value` as msgpack for type `ty`.
pub fn encode(_value: &Value, _ty: &Type) -> Result<Vec<u8>, ValueError> {
    Err(ValueError::BadType(
        "msgpack encoding is not written yet".into(),
    ))
}
