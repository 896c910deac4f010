//! cty values: what Terraform sends and receives for configs, plans and states.
//!
//! A [`Value`] carries no type of its own; the schema's [`Type`] drives the
//! codecs (`msgpack.rs` for the wire, `json.rs` for stored state). This module owns the value
//! model and the small accessors resources use to read it.
//!
//! A value knows nothing of the schema, so it cannot tell a password from a name: its `Debug`
//! output shows the shape (kinds, attribute names, element counts, nulls and unknowns) and
//! prints every string, number and bool, and every map key, as `(sensitive)`. A stray `{:?}`
//! of a configuration, plan or state then leaks no token and no secret value.

use std::collections::BTreeMap;
use std::fmt;

use super::number::{Number, Sensitive};
use super::path::AttributePath;
use super::types::Type;

/// A cty value. `Debug` shows its shape, never its contents (see the module comment).
#[derive(Clone, Default, PartialEq)]
pub enum Value {
    /// A null of any type.
    #[default]
    Null,
    /// A value not known until apply. Refinements Terraform may attach (e.g. "not null",
    /// string prefix) are accepted on decode and not kept.
    Unknown,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A list, or a tuple.
    List(Vec<Value>),
    /// A set (element order carries no meaning).
    Set(Vec<Value>),
    /// A map.
    Map(BTreeMap<String, Value>),
    /// An object.
    Object(BTreeMap<String, Value>),
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leaf =
            |f: &mut fmt::Formatter<'_>, kind| f.debug_tuple(kind).field(&Sensitive).finish();
        match self {
            Value::Null => f.write_str("Null"),
            Value::Unknown => f.write_str("Unknown"),
            Value::Bool(_) => leaf(f, "Bool"),
            Value::Number(_) => leaf(f, "Number"),
            Value::String(_) => leaf(f, "String"),
            Value::List(items) => {
                f.write_str("List")?;
                f.debug_list().entries(items).finish()
            }
            Value::Set(items) => {
                f.write_str("Set")?;
                f.debug_set().entries(items).finish()
            }
            Value::Map(entries) => {
                f.write_str("Map")?;
                f.debug_map()
                    .entries(entries.values().map(|v| (Sensitive, v)))
                    .finish()
            }
            Value::Object(attributes) => {
                f.write_str("Object")?;
                f.debug_map().entries(attributes).finish()
            }
        }
    }
}

static NULL: Value = Value::Null;

impl Value {
    /// A string value.
    pub fn string(s: impl Into<String>) -> Value {
        Value::String(s.into())
    }

    /// A number value from an `i64`.
    pub fn int(i: i64) -> Value {
        Value::Number(Number::Int(i))
    }

    /// An object value from `(name, value)` pairs.
    pub fn object<I, S>(attributes: I) -> Value
    where
        I: IntoIterator<Item = (S, Value)>,
        S: Into<String>,
    {
        Value::Object(attributes.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// True for null.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for an unknown value (at the top level only).
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when neither this value nor anything inside it is unknown.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(v) | Value::Set(v) => v.iter().all(Value::is_wholly_known),
            Value::Map(m) | Value::Object(m) => m.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    /// The attribute `name` of an object; null when absent or when `self` is not an object.
    pub fn get(&self, name: &str) -> &Value {
        match self {
            Value::Object(m) => m.get(name).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    /// Sets attribute `name` of an object (no-op on anything else).
    pub fn set(&mut self, name: &str, value: Value) {
        if let Value::Object(m) = self {
            m.insert(name.to_string(), value);
        }
    }

    /// The string, if this is a known string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is a known bool.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is a known number.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `i64`, if it is a known whole number in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }

    /// The elements of a list, set or map, each with its path below `at` (a set element's
    /// is the set's: Terraform has no address for one).
    pub(crate) fn elements_at(&self, at: &AttributePath) -> Vec<(AttributePath, &Value)> {
        match self {
            Value::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (at.then_index(i64::try_from(i).unwrap_or(i64::MAX)), v))
                .collect(),
            Value::Set(items) => items.iter().map(|v| (at.clone(), v)).collect(),
            Value::Map(entries) => entries.iter().map(|(k, v)| (at.then_key(k), v)).collect(),
            _ => Vec::new(),
        }
    }

    /// The elements of a list, tuple or set.
    pub fn as_elements(&self) -> Option<&[Value]> {
        match self {
            Value::List(v) | Value::Set(v) => Some(v),
            _ => None,
        }
    }

    /// The type this value implies, for encoding it where the schema says `dynamic`: lists
    /// read as tuples, sets and maps take their first element's type.
    pub fn implied_type(&self) -> Type {
        match self {
            Value::Null | Value::Unknown => Type::Dynamic,
            Value::Bool(_) => Type::Bool,
            Value::Number(_) => Type::Number,
            Value::String(_) => Type::String,
            Value::List(v) => Type::Tuple(v.iter().map(Value::implied_type).collect()),
            Value::Set(v) => Type::set(v.first().map_or(Type::Dynamic, Value::implied_type)),
            Value::Map(m) => {
                Type::map(m.values().next().map_or(Type::Dynamic, Value::implied_type))
            }
            Value::Object(m) => Type::Object(
                m.iter()
                    .map(|(k, v)| (k.clone(), v.implied_type()))
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests;
