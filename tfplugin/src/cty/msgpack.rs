//! cty's msgpack encoding, driven by a [`Type`]: the form of every `DynamicValue` on the wire.
//!
//! Rules (from cty's published encoding): null is msgpack nil; an unknown value is extension
//! type 0 (newer Terraform may send extension type 12, an unknown with refinements, which we
//! read as plain unknown); numbers are ints, floats, or a decimal string when neither holds
//! them exactly; objects are maps keyed by attribute name; lists, sets and tuples are
//! arrays; a value of the dynamic pseudo-type is a two-element array of its type's JSON and
//! the value itself.

use std::collections::BTreeMap;
use std::io::Cursor;

use rmpv::Value as Mp;

use super::path::AttributePath;
use super::types::Type;
use super::value::{Number, Value, ValueError};

const EXT_UNKNOWN: i8 = 0;
const EXT_REFINED_UNKNOWN: i8 = 12;

/// Decodes msgpack `bytes` as a value of type `ty`. Empty input is null.
pub fn decode(bytes: &[u8], ty: &Type) -> Result<Value, ValueError> {
    let root = AttributePath::root();
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    let mut cursor = Cursor::new(bytes);
    let raw = rmpv::decode::read_value(&mut cursor)
        .map_err(|e| ValueError::mismatch(&root, format!("malformed msgpack: {e}")))?;
    if (cursor.position() as usize) != bytes.len() {
        return Err(ValueError::mismatch(
            &root,
            "trailing bytes after msgpack value",
        ));
    }
    from_mp(&raw, ty, &root)
}

/// Encodes `value` as msgpack for type `ty`.
pub fn encode(value: &Value, ty: &Type) -> Result<Vec<u8>, ValueError> {
    let raw = to_mp(value, ty, &AttributePath::root())?;
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, &raw)
        .map_err(|e| ValueError::mismatch(&AttributePath::root(), e.to_string()))?;
    Ok(out)
}

fn from_mp(raw: &Mp, ty: &Type, path: &AttributePath) -> Result<Value, ValueError> {
    let wrong =
        |what: &str| ValueError::mismatch(path, format!("expected {what}, found {}", kind(raw)));
    match raw {
        Mp::Nil => return Ok(Value::Null),
        Mp::Ext(EXT_UNKNOWN | EXT_REFINED_UNKNOWN, _) => return Ok(Value::Unknown),
        _ => {}
    }
    match ty {
        Type::String => match raw {
            Mp::String(s) => s
                .as_str()
                .map(Value::string)
                .ok_or_else(|| ValueError::mismatch(path, "string is not valid UTF-8")),
            _ => Err(wrong("a string")),
        },
        Type::Bool => raw
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| wrong("a bool")),
        Type::Number => number_from_mp(raw, path).map(Value::Number),
        Type::List(e) | Type::Set(e) => {
            let items = raw.as_array().ok_or_else(|| wrong("an array"))?;
            let values = items
                .iter()
                .enumerate()
                .map(|(i, item)| from_mp(item, e, &path.then_index(i as i64)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        Type::Tuple(elems) => {
            let items = raw.as_array().ok_or_else(|| wrong("an array"))?;
            if items.len() != elems.len() {
                return Err(ValueError::mismatch(
                    path,
                    format!(
                        "tuple needs {} elements, found {}",
                        elems.len(),
                        items.len()
                    ),
                ));
            }
            let values = items
                .iter()
                .zip(elems)
                .enumerate()
                .map(|(i, (item, t))| from_mp(item, t, &path.then_index(i as i64)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::List(values))
        }
        Type::Map(e) => {
            let mut out = BTreeMap::new();
            for (k, v) in raw.as_map().ok_or_else(|| wrong("a map"))? {
                let key = k.as_str().ok_or_else(|| wrong("string map keys"))?;
                out.insert(key.to_string(), from_mp(v, e, &path.then_key(key))?);
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let mut out = BTreeMap::new();
            for (k, v) in raw.as_map().ok_or_else(|| wrong("an object"))? {
                let key = k.as_str().ok_or_else(|| wrong("string attribute names"))?;
                let at = path.then_attr(key);
                let t = attrs
                    .get(key)
                    .ok_or_else(|| ValueError::mismatch(&at, "unsupported attribute"))?;
                out.insert(key.to_string(), from_mp(v, t, &at)?);
            }
            if let Some(missing) = attrs.keys().find(|k| !out.contains_key(*k)) {
                return Err(ValueError::mismatch(
                    &path.then_attr(missing),
                    "attribute missing from object",
                ));
            }
            Ok(Value::Object(out))
        }
        Type::Dynamic => {
            let pair = raw
                .as_array()
                .filter(|a| a.len() == 2)
                .ok_or_else(|| wrong("a [type, value] pair for a dynamic value"))?;
            let type_json = match &pair[0] {
                Mp::Binary(b) => b.as_slice(),
                Mp::String(s) => s.as_bytes(),
                _ => return Err(wrong("a type description")),
            };
            let json: serde_json::Value = serde_json::from_slice(type_json)
                .map_err(|e| ValueError::mismatch(path, format!("bad type JSON: {e}")))?;
            from_mp(&pair[1], &Type::from_json(&json)?, path)
        }
    }
}

fn number_from_mp(raw: &Mp, path: &AttributePath) -> Result<Number, ValueError> {
    match raw {
        Mp::Integer(i) => Ok(match (i.as_i64(), i.as_u64()) {
            (Some(n), _) => Number::Int(n),
            (None, Some(u)) => Number::Big(u.to_string()),
            (None, None) => return Err(ValueError::mismatch(path, "integer out of range")),
        }),
        Mp::F32(f) => Ok(Number::Float(f64::from(*f))),
        Mp::F64(f) => Ok(Number::Float(*f)),
        Mp::String(s) => s
            .as_str()
            .and_then(parse_decimal)
            .ok_or_else(|| ValueError::mismatch(path, "string is not a number")),
        other => Err(ValueError::mismatch(
            path,
            format!("expected a number, found {}", kind(other)),
        )),
    }
}

/// Parses cty's string form of a number, keeping it exact.
pub(crate) fn parse_decimal(text: &str) -> Option<Number> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::Int(i));
    }
    let body = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    let valid = !whole.is_empty() && digits(whole) && digits(frac) && exponent_ok;
    if !valid {
        return None;
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f.to_string() == text => Some(Number::Float(f)),
        _ => Some(Number::Big(text.to_string())),
    }
}

fn to_mp(value: &Value, ty: &Type, path: &AttributePath) -> Result<Mp, ValueError> {
    let wrong = |what: &str| ValueError::mismatch(path, format!("expected {what}"));
    match (value, ty) {
        (Value::Null, _) => Ok(Mp::Nil),
        (Value::Unknown, _) => Ok(Mp::Ext(EXT_UNKNOWN, vec![0])),
        (v, Type::Dynamic) => {
            let actual = v.implied_type();
            Ok(Mp::Array(vec![
                Mp::Binary(actual.to_json_bytes()),
                to_mp(v, &actual, path)?,
            ]))
        }
        (Value::String(s), Type::String) => Ok(Mp::from(s.as_str())),
        (Value::Bool(b), Type::Bool) => Ok(Mp::Boolean(*b)),
        (Value::Number(n), Type::Number) => number_to_mp(n, path),
        (Value::List(items) | Value::Set(items), Type::List(e) | Type::Set(e)) => Ok(Mp::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| to_mp(v, e, &path.then_index(i as i64)))
                .collect::<Result<_, _>>()?,
        )),
        (Value::List(items), Type::Tuple(elems)) if items.len() == elems.len() => Ok(Mp::Array(
            items
                .iter()
                .zip(elems)
                .enumerate()
                .map(|(i, (v, t))| to_mp(v, t, &path.then_index(i as i64)))
                .collect::<Result<_, _>>()?,
        )),
        (Value::Map(m), Type::Map(e)) => Ok(Mp::Map(
            m.iter()
                .map(|(k, v)| Ok((Mp::from(k.as_str()), to_mp(v, e, &path.then_key(k))?)))
                .collect::<Result<_, ValueError>>()?,
        )),
        (Value::Object(m), Type::Object(attrs)) => {
            if let Some(extra) = m.keys().find(|k| !attrs.contains_key(*k)) {
                return Err(ValueError::mismatch(
                    &path.then_attr(extra),
                    "unsupported attribute",
                ));
            }
            Ok(Mp::Map(
                attrs
                    .iter()
                    .map(|(k, t)| {
                        let v = m.get(k).unwrap_or(&Value::Null);
                        Ok((Mp::from(k.as_str()), to_mp(v, t, &path.then_attr(k))?))
                    })
                    .collect::<Result<_, ValueError>>()?,
            ))
        }
        (_, Type::String) => Err(wrong("a string")),
        (_, Type::Bool) => Err(wrong("a bool")),
        (_, Type::Number) => Err(wrong("a number")),
        (_, Type::List(_) | Type::Set(_)) => Err(wrong("a list or set")),
        (_, Type::Tuple(elems)) => Err(wrong(&format!("a tuple of {} elements", elems.len()))),
        (_, Type::Map(_)) => Err(wrong("a map")),
        (_, Type::Object(_)) => Err(wrong("an object")),
    }
}

fn number_to_mp(n: &Number, path: &AttributePath) -> Result<Mp, ValueError> {
    match n {
        Number::Int(i) => Ok(Mp::from(*i)),
        Number::Float(f) if f.is_nan() => Err(ValueError::mismatch(path, "NaN is not a number")),
        Number::Float(f) => match n.as_i64() {
            Some(i) => Ok(Mp::from(i)),
            None => Ok(Mp::F64(*f)),
        },
        Number::Big(s) => Ok(Mp::from(s.as_str())),
    }
}

fn kind(raw: &Mp) -> &'static str {
    match raw {
        Mp::Nil => "null",
        Mp::Boolean(_) => "a bool",
        Mp::Integer(_) | Mp::F32(_) | Mp::F64(_) => "a number",
        Mp::String(_) => "a string",
        Mp::Binary(_) => "binary data",
        Mp::Array(_) => "an array",
        Mp::Map(_) => "a map",
        Mp::Ext(..) => "an extension value",
    }
}

#[cfg(test)]
#[path = "msgpack_tests.rs"]
mod tests;
