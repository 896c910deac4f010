//! cty's JSON encoding, driven by a [`Type`]: how Terraform stores state, and hence what
//! `UpgradeResourceState` receives as `raw_state.json`. Numbers keep their exact text
//! (serde_json's `arbitrary_precision`). Attributes a schema no longer has are ignored and
//! missing ones read as null, which is how a state written by an older schema is read.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::error::ValueError;
use super::limits::{deeper, fault, finish, index, within};
use super::number::{parse_decimal, Number};
use super::path::{AttributePath, PathStep};
use super::types::Type;
use super::value::Value;

/// Decodes JSON `bytes` as a value of type `ty`.
///
/// Safe on any input. serde_json builds the parse tree first, refusing nesting past 128
/// levels and growing arrays, objects and strings only as their contents arrive; the walk
/// over the tree then stops at [`MAX_DEPTH`](super::MAX_DEPTH) levels of the value.
pub fn decode(bytes: &[u8], ty: &Type) -> Result<Value, ValueError> {
    let json: Json =
        serde_json::from_slice(bytes).map_err(|e| fault(format!("malformed JSON: {e}")))?;
    from_json(&json, ty, 0).map_err(finish)
}

/// Encodes a wholly known `value` as JSON for type `ty`.
pub fn encode(value: &Value, ty: &Type) -> Result<Vec<u8>, ValueError> {
    let json = to_json(value, ty, &AttributePath::root())?;
    Ok(json.to_string().into_bytes())
}

/// Reads `json` as a value of type `ty`, `depth` levels down. Errors carry their path inside
/// out.
fn from_json(json: &Json, ty: &Type, depth: usize) -> Result<Value, ValueError> {
    let wrong = |what: &str| fault(format!("expected {what}"));
    if json.is_null() {
        return Ok(Value::Null);
    }
    match ty {
        Type::String => json
            .as_str()
            .map(Value::string)
            .ok_or_else(|| wrong("a string")),
        Type::Bool => json
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| wrong("a bool")),
        Type::Number => match json {
            Json::Number(n) => parse_decimal(&n.to_string()).map(Value::Number),
            Json::String(s) => parse_decimal(s).map(Value::Number),
            _ => None,
        }
        .ok_or_else(|| wrong("a number")),
        Type::List(e) | Type::Set(e) => {
            let items = json.as_array().ok_or_else(|| wrong("an array"))?;
            let depth = deeper(depth)?;
            let values = items
                .iter()
                .enumerate()
                .map(|(i, v)| from_json(v, e, depth).map_err(|err| within(err, index(i))))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(match ty {
                Type::Set(_) => Value::Set(values),
                _ => Value::List(values),
            })
        }
        Type::Tuple(elems) => {
            let items = json
                .as_array()
                .filter(|a| a.len() == elems.len())
                .ok_or_else(|| wrong(&format!("an array of {} elements", elems.len())))?;
            let depth = deeper(depth)?;
            Ok(Value::List(
                items
                    .iter()
                    .zip(elems)
                    .enumerate()
                    .map(|(i, (v, t))| from_json(v, t, depth).map_err(|err| within(err, index(i))))
                    .collect::<Result<_, _>>()?,
            ))
        }
        Type::Map(e) => {
            let obj = json.as_object().ok_or_else(|| wrong("an object"))?;
            let depth = deeper(depth)?;
            let mut out = BTreeMap::new();
            for (k, v) in obj {
                let v =
                    from_json(v, e, depth).map_err(|err| within(err, PathStep::Key(k.clone())))?;
                out.insert(k.clone(), v);
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let obj = json.as_object().ok_or_else(|| wrong("an object"))?;
            let depth = deeper(depth)?;
            let mut out = BTreeMap::new();
            for (k, t) in attrs {
                let v = match obj.get(k) {
                    Some(v) => from_json(v, t, depth)
                        .map_err(|err| within(err, PathStep::Attribute(k.clone())))?,
                    None => Value::Null,
                };
                out.insert(k.clone(), v);
            }
            Ok(Value::Object(out))
        }
        Type::Dynamic => {
            let obj = json
                .as_object()
                .ok_or_else(|| wrong("a {value, type} object"))?;
            let depth = deeper(depth)?;
            let ty = Type::from_json(obj.get("type").ok_or_else(|| wrong("a type"))?)?;
            from_json(obj.get("value").unwrap_or(&Json::Null), &ty, depth)
        }
    }
}

fn to_json(value: &Value, ty: &Type, path: &AttributePath) -> Result<Json, ValueError> {
    let wrong = |what: &str| ValueError::mismatch(path, format!("expected {what}"));
    match (value, ty) {
        (Value::Null, _) => Ok(Json::Null),
        (Value::Unknown, _) => Err(ValueError::mismatch(
            path,
            "unknown values have no JSON form",
        )),
        (v, Type::Dynamic) => {
            let actual = v.implied_type();
            let mut obj = serde_json::Map::new();
            obj.insert("value".into(), to_json(v, &actual, path)?);
            obj.insert("type".into(), actual.to_json());
            Ok(Json::Object(obj))
        }
        (Value::String(s), Type::String) => Ok(Json::from(s.as_str())),
        (Value::Bool(b), Type::Bool) => Ok(Json::Bool(*b)),
        (Value::Number(n), Type::Number) => {
            let text = match n {
                Number::Float(f) if !f.is_finite() => return Err(wrong("a finite number")),
                other => other.to_decimal_string(),
            };
            serde_json::from_str(&text).map_err(|_| wrong("a number"))
        }
        (Value::List(items) | Value::Set(items), Type::List(e) | Type::Set(e)) => Ok(Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| to_json(v, e, &path.then_index(i as i64)))
                .collect::<Result<_, _>>()?,
        )),
        (Value::List(items), Type::Tuple(elems)) if items.len() == elems.len() => Ok(Json::Array(
            items
                .iter()
                .zip(elems)
                .enumerate()
                .map(|(i, (v, t))| to_json(v, t, &path.then_index(i as i64)))
                .collect::<Result<_, _>>()?,
        )),
        (Value::Map(m), Type::Map(e)) => Ok(Json::Object(
            m.iter()
                .map(|(k, v)| Ok((k.clone(), to_json(v, e, &path.then_key(k))?)))
                .collect::<Result<_, ValueError>>()?,
        )),
        (Value::Object(m), Type::Object(attrs)) => Ok(Json::Object(
            attrs
                .iter()
                .map(|(k, t)| {
                    let v = m.get(k).unwrap_or(&Value::Null);
                    Ok((k.clone(), to_json(v, t, &path.then_attr(k))?))
                })
                .collect::<Result<_, ValueError>>()?,
        )),
        _ => Err(wrong(&format!("a value of type {}", ty.to_json()))),
    }
}

#[cfg(test)]
mod tests;
