//! [`Value`] and [`Number`] as serde types, so a model may hold them.
//!
//! Through this module's codec a `Value` passes whole: the codec parks it in a
//! thread-local slot just before the `Value` visitor (or after `Value::serialize`) runs,
//! and the other side takes it at once, so sets stay sets and maps stay maps. With any
//! other serde format a `Value` reads and writes as its plain contents. The slot is
//! emptied before the call returns, whatever happens: no value lingers in it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::number;
use super::tokens::{NUMBER_TOKEN, UNKNOWN_TOKEN, VALUE_TOKEN};
use crate::cty::{Number, Value};

thread_local! {
    static PARKED: RefCell<Option<Value>> = const { RefCell::new(None) };
}

/// Parks `value` for the duration of `f`, then empties the slot.
pub(super) fn with_parked<R>(value: Value, f: impl FnOnce() -> R) -> R {
    PARKED.with(|p| *p.borrow_mut() = Some(value));
    let out = f();
    PARKED.with(|p| p.borrow_mut().take());
    out
}

/// Takes the parked value, if any.
pub(super) fn take_parked() -> Option<Value> {
    PARKED.with(|p| p.borrow_mut().take())
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        with_parked(self.clone(), || {
            serializer.serialize_newtype_struct(VALUE_TOKEN, &Plain(self))
        })
    }
}

/// A value written as its plain contents.
struct Plain<'a>(&'a Value);

impl Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => serializer.serialize_none(),
            Value::Unknown => serializer.serialize_unit_struct(UNKNOWN_TOKEN),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::List(items) | Value::Set(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Plain(item))?;
                }
                seq.end()
            }
            Value::Map(entries) | Value::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, &Plain(v))?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(VALUE_TOKEN, ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match take_parked() {
            Some(v) => Ok(v),
            None => d.deserialize_any(ValueVisitor),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(Value::int(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(number::from_u128(u.into())))
    }

    fn visit_i128<E: de::Error>(self, i: i128) -> Result<Value, E> {
        Ok(Value::Number(number::from_i128(i)))
    }

    fn visit_u128<E: de::Error>(self, u: u128) -> Result<Value, E> {
        Ok(Value::Number(number::from_u128(u)))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| E::custom("NaN is not a number"))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::string(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            entries.insert(k, v);
        }
        Ok(Value::Object(entries))
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Number::Int(i) => serializer.serialize_i64(*i),
            Number::Float(f) => serializer.serialize_f64(*f),
            Number::Big(s) => serializer.serialize_newtype_struct(NUMBER_TOKEN, s),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(NUMBER_TOKEN, NumberVisitor)
    }
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Number, D::Error> {
        d.deserialize_any(NumberVisitor)
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Number, E> {
        Ok(Number::Int(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Number, E> {
        Ok(number::from_u128(u.into()))
    }

    fn visit_i128<E: de::Error>(self, i: i128) -> Result<Number, E> {
        Ok(number::from_i128(i))
    }

    fn visit_u128<E: de::Error>(self, u: u128) -> Result<Number, E> {
        Ok(number::from_u128(u))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Number, E> {
        number::from_f64(f).ok_or_else(|| E::custom("NaN is not a number"))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Number, E> {
        number::from_text(s).ok_or_else(|| E::custom("expected a number in decimal notation"))
    }
}
