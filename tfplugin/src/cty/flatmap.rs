//! The legacy flatmap state (Terraform 0.11 and the SDKs of its time), driven by a
//! [`Type`]: UpgradeResourceState hands it over for states never rewritten as JSON.
//!
//! Every primitive sits under its dotted address (`name`, `block.0.port`); a list or set
//! has a count at `address.#` and its elements at `address.0`, `address.1`, ... (a set's
//! under hash codes); a map has its count at `address.%` and its elements under their
//! keys. A single nested block was a list of one, so an object is read from `address.0`
//! when `address.#` is there. Absent addresses are null, as with JSON states; cty's unknown
//! placeholder reads as unknown.

use std::collections::BTreeMap;

use super::error::ValueError;
use super::number::parse_decimal;
use super::path::AttributePath;
use super::types::Type;
use super::value::Value;

/// What the legacy SDK stored for an unknown value.
const UNKNOWN: &str = "74D93920-ED26-11E3-AC10-0800200C9A66";

type Flat = BTreeMap<String, String>;

/// Decodes a flatmap as a value of type `ty` (an object type, a schema's).
pub fn decode(map: &Flat, ty: &Type) -> Result<Value, ValueError> {
    read(map, "", ty, &AttributePath::root())
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// The distinct first segments of the keys under `prefix.`, counts left out.
fn children<'m>(map: &'m Flat, prefix: &str, whole_rest: bool) -> Vec<&'m str> {
    let start = format!("{prefix}.");
    let mut out: Vec<&str> = Vec::new();
    for key in map.range(start.clone()..).map(|(k, _)| k) {
        let Some(rest) = key.strip_prefix(&start) else {
            break;
        };
        let segment = if whole_rest {
            rest
        } else {
            rest.split('.').next().unwrap_or(rest)
        };
        if segment != "#" && segment != "%" && out.last() != Some(&segment) {
            out.push(segment);
        }
    }
    out.dedup();
    out
}

fn read(map: &Flat, at: &str, ty: &Type, path: &AttributePath) -> Result<Value, ValueError> {
    let wrong = |what: &str| ValueError::mismatch(path, format!("expected {what}"));
    match ty {
        Type::String | Type::Number | Type::Bool => {
            let Some(text) = map.get(at) else {
                return Ok(Value::Null);
            };
            if text == UNKNOWN {
                return Ok(Value::Unknown);
            }
            match ty {
                Type::String => Ok(Value::string(text)),
                Type::Number => parse_decimal(text)
                    .map(Value::Number)
                    .ok_or_else(|| wrong("a number")),
                _ => match text.as_str() {
                    "true" | "1" => Ok(Value::Bool(true)),
                    "false" | "0" => Ok(Value::Bool(false)),
                    _ => Err(wrong("a bool")),
                },
            }
        }
        Type::List(e) | Type::Set(e) => {
            if !map.contains_key(&join(at, "#")) {
                return Ok(Value::Null);
            }
            let segments: Vec<String> = match ty {
                // Set elements sit under hash codes.
                Type::Set(_) => children(map, at, false)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                // List elements under their indices; a count larger than the map is not
                // believed.
                _ => {
                    let count = map
                        .get(&join(at, "#"))
                        .and_then(|c| c.parse::<usize>().ok())
                        .ok_or_else(|| wrong("a count at `#`"))?;
                    (0..count.min(map.len())).map(|i| i.to_string()).collect()
                }
            };
            let items = segments
                .iter()
                .enumerate()
                .map(|(i, seg)| {
                    let step = path.then_index(i64::try_from(i).unwrap_or(i64::MAX));
                    read(map, &join(at, seg), e, &step)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(match ty {
                Type::Set(_) => Value::Set(items),
                _ => Value::List(items),
            })
        }
        Type::Tuple(es) => {
            if !map.contains_key(&join(at, "#")) {
                return Ok(Value::Null);
            }
            Ok(Value::List(
                es.iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let step = path.then_index(i64::try_from(i).unwrap_or(i64::MAX));
                        read(map, &join(at, &i.to_string()), e, &step)
                    })
                    .collect::<Result<_, _>>()?,
            ))
        }
        Type::Map(e) => {
            if !map.contains_key(&join(at, "%")) && !map.contains_key(&join(at, "#")) {
                return Ok(Value::Null);
            }
            let primitive = matches!(**e, Type::String | Type::Number | Type::Bool);
            let mut out = BTreeMap::new();
            for key in children(map, at, primitive) {
                let v = read(map, &join(at, key), e, &path.then_key(key))?;
                out.insert(key.to_string(), v);
            }
            Ok(Value::Map(out))
        }
        Type::Object(attrs) => {
            let at = if at.is_empty() {
                at.to_string()
            } else if let Some(count) = map.get(&join(at, "#")) {
                // A single nested block, stored as a list of one.
                if count == "0" {
                    return Ok(Value::Null);
                }
                join(at, "0")
            } else if children(map, at, false).is_empty() {
                return Ok(Value::Null);
            } else {
                at.to_string()
            };
            let mut out = BTreeMap::new();
            for (name, t) in attrs {
                out.insert(
                    name.clone(),
                    read(map, &join(&at, name), t, &path.then_attr(name))?,
                );
            }
            Ok(Value::Object(out))
        }
        Type::Dynamic => Err(wrong("no dynamic value: a flatmap cannot hold one")),
    }
}

#[cfg(test)]
mod tests;
