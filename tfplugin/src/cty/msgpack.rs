//! cty's msgpack encoding, driven by a [`Type`]: the form of every `DynamicValue` on the wire.
//!
//! Rules (from cty's published encoding): null is msgpack nil; an unknown value is extension
//! type 0 (newer Terraform may send extension type 12, an unknown with refinements, which we
//! read as plain unknown); numbers are ints, floats, or a decimal string when neither holds
//! them exactly; objects are maps keyed by attribute name; lists, sets and tuples are
//! arrays; a value of the dynamic pseudo-type is a two-element array of its type's JSON and
//! the value itself.
//!
//! Decoding walks the type over the bytes directly (`msgpack/read.rs` reads one item head at
//! a time), so hostile input meets the defences in `limits.rs` and no intermediate tree is
//! built; encoding goes through rmpv.

use std::collections::BTreeMap;

use rmpv::Value as Mp;

use super::error::ValueError;
use super::limits::{deeper, fault, finish, index, within};
use super::number::{parse_decimal, Number};
use super::path::{AttributePath, PathStep};
use super::types::Type;
use super::value::Value;

mod read;

use read::{Head, Reader};

const EXT_UNKNOWN: i8 = 0;
const EXT_REFINED_UNKNOWN: i8 = 12;

/// Decodes msgpack `bytes` as a value of type `ty`. Empty input is null.
///
/// Safe on any input: see `limits.rs` for the depth limit and the allocation guarantees.
pub fn decode(bytes: &[u8], ty: &Type) -> Result<Value, ValueError> {
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    let mut reader = Reader::new(bytes);
    let value = read_value(&mut reader, ty, 0).map_err(finish)?;
    if reader.remaining() != 0 {
        return Err(fault("trailing bytes after msgpack value"));
    }
    Ok(value)
}

/// Encodes `value` as msgpack for type `ty`.
pub fn encode(value: &Value, ty: &Type) -> Result<Vec<u8>, ValueError> {
    let raw = to_mp(value, ty, &AttributePath::root())?;
    let mut out = Vec::new();
    rmpv::encode::write_value(&mut out, &raw)
        .map_err(|e| ValueError::mismatch(&AttributePath::root(), e.to_string()))?;
    Ok(out)
}

/// Reads one value of type `ty`, `depth` levels down. Errors carry their path inside out.
fn read_value(r: &mut Reader<'_>, ty: &Type, depth: usize) -> Result<Value, ValueError> {
    let head = r.head()?;
    let wrong = |what: &str| fault(format!("expected {what}, found {}", head.kind()));
    match head {
        Head::Nil => return Ok(Value::Null),
        Head::Ext(EXT_UNKNOWN | EXT_REFINED_UNKNOWN, _) => return Ok(Value::Unknown),
        _ => {}
    }
    match (ty, head) {
        (Type::String, Head::Str(s)) => std::str::from_utf8(s)
            .map(Value::string)
            .map_err(|_| fault("string is not valid UTF-8")),
        (Type::String, _) => Err(wrong("a string")),
        (Type::Bool, Head::Bool(b)) => Ok(Value::Bool(b)),
        (Type::Bool, _) => Err(wrong("a bool")),
        (Type::Number, _) => number_from_head(head).map(Value::Number),
        (Type::List(e) | Type::Set(e), Head::Array(n)) => {
            let depth = deeper(depth)?;
            // No capacity from `n`: even capped by the bytes left, claims nested in claims
            // would each reserve that much. The vector grows as elements really arrive.
            let mut values = Vec::new();
            for i in 0..n {
                values.push(read_value(r, e, depth).map_err(|err| within(err, index(i)))?);
            }
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        (Type::List(_) | Type::Set(_), _) => Err(wrong("an array")),
        (Type::Tuple(elems), Head::Array(n)) => {
            if n != elems.len() {
                return Err(fault(format!(
                    "tuple needs {} elements, found {n}",
                    elems.len()
                )));
            }
            let depth = deeper(depth)?;
            // Sized by the type, which is trusted schema or, under `dynamic`, type JSON that
            // the input spelled out element by element.
            let mut values = Vec::with_capacity(elems.len());
            for (i, t) in elems.iter().enumerate() {
                values.push(read_value(r, t, depth).map_err(|err| within(err, index(i)))?);
            }
            Ok(Value::List(values))
        }
        (Type::Tuple(_), _) => Err(wrong("an array")),
        (Type::Map(e), Head::Map(n)) => {
            let depth = deeper(depth)?;
            let mut out = BTreeMap::new();
            for _ in 0..n {
                let key = read_key(r, "string map keys")?;
                let v = read_value(r, e, depth)
                    .map_err(|err| within(err, PathStep::Key(key.to_string())))?;
                out.insert(key.to_string(), v);
            }
            Ok(Value::Map(out))
        }
        (Type::Map(_), _) => Err(wrong("a map")),
        (Type::Object(attrs), Head::Map(n)) => {
            let depth = deeper(depth)?;
            let mut out = BTreeMap::new();
            for _ in 0..n {
                let key = read_key(r, "string attribute names")?;
                let at = || PathStep::Attribute(key.to_string());
                let t = attrs
                    .get(key)
                    .ok_or_else(|| within(fault("unsupported attribute"), at()))?;
                let v = read_value(r, t, depth).map_err(|err| within(err, at()))?;
                out.insert(key.to_string(), v);
            }
            if let Some(missing) = attrs.keys().find(|k| !out.contains_key(*k)) {
                let step = PathStep::Attribute(missing.clone());
                return Err(within(fault("attribute missing from object"), step));
            }
            Ok(Value::Object(out))
        }
        (Type::Object(_), _) => Err(wrong("an object")),
        (Type::Dynamic, Head::Array(2)) => {
            let depth = deeper(depth)?;
            let type_json = match r.head()? {
                Head::Bin(b) | Head::Str(b) => b,
                other => {
                    let found = other.kind();
                    return Err(fault(format!("expected a type description, found {found}")));
                }
            };
            let json: serde_json::Value = serde_json::from_slice(type_json)
                .map_err(|e| fault(format!("bad type JSON: {e}")))?;
            read_value(r, &Type::from_json(&json)?, depth)
        }
        (Type::Dynamic, _) => Err(wrong("a [type, value] pair for a dynamic value")),
    }
}

/// A map key or attribute name: a msgpack string in valid UTF-8.
fn read_key<'a>(r: &mut Reader<'a>, what: &str) -> Result<&'a str, ValueError> {
    match r.head()? {
        Head::Str(s) => {
            std::str::from_utf8(s).map_err(|_| fault(format!("{what} must be valid UTF-8")))
        }
        other => Err(fault(format!("expected {what}, found {}", other.kind()))),
    }
}

fn number_from_head(head: Head<'_>) -> Result<Number, ValueError> {
    match head {
        Head::Int(n) => Ok(Number::Int(n)),
        Head::UInt(u) => {
            Ok(i64::try_from(u).map_or_else(|_| Number::Big(u.to_string()), Number::Int))
        }
        Head::F32(f) if f.is_nan() => Err(fault("NaN is not a number")),
        Head::F64(f) if f.is_nan() => Err(fault("NaN is not a number")),
        Head::F32(f) => Ok(Number::Float(f64::from(f))),
        Head::F64(f) => Ok(Number::Float(f)),
        Head::Str(s) => std::str::from_utf8(s)
            .ok()
            .and_then(parse_decimal)
            .ok_or_else(|| fault("string is not a number")),
        other => Err(fault(format!("expected a number, found {}", other.kind()))),
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

#[cfg(test)]
mod tests;
