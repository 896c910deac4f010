//! The compound parts of the model encoder: the elements of a list, set or tuple and the
//! entries of a map, object or struct being written, and [`conform`], which shapes a
//! [`Value`] a model holds as the schema asks.

use std::collections::BTreeMap;

use serde::ser::{self, Serialize};

use super::Ser;
use crate::cty::{AttributePath, Type, Value};
use crate::model::error::ModelError;
use crate::model::shape::Shape;

type Result<T> = std::result::Result<T, ModelError>;

/// The elements of a list, set or tuple being written.
pub(in crate::model) struct Elements<'a> {
    pub(super) ser: Ser<'a>,
    pub(super) items: Vec<Value>,
}

impl Elements<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let i = self.items.len();
        let shape = self.ser.shape.tuple_element(i);
        let path = match self.ser.shape {
            Shape::Set(_) => self.ser.path.clone(),
            _ => self
                .ser
                .path
                .then_index(i64::try_from(i).unwrap_or(i64::MAX)),
        };
        self.items.push(value.serialize(Ser::at(shape, path))?);
        Ok(())
    }

    fn finish(self) -> Result<Value> {
        match self.ser.shape {
            Shape::Set(_) => Ok(Value::Set(self.items)),
            Shape::Tuple(es) if es.len() != self.items.len() => Err(self.ser.error(format!(
                "the schema has a tuple of {} elements, but the model gives {}",
                es.len(),
                self.items.len()
            ))),
            _ => Ok(Value::List(self.items)),
        }
    }
}

/// Lists, tuples and tuple structs all push elements and finish the same way.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Elements<'_> {
            type Ok = Value;
            type Error = ModelError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Value> {
                self.finish()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

/// The entries of a map, object or struct being written.
pub(in crate::model) struct Entries<'a> {
    pub(super) ser: Ser<'a>,
    pub(super) entries: BTreeMap<String, Value>,
    pub(super) key: Option<String>,
    pub(super) name: &'static str,
}

impl Entries<'_> {
    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<()> {
        let (shape, path) = match self.ser.shape {
            Shape::Object(attrs) => {
                let Some(shape) = attrs.get(key) else {
                    return Err(self.ser.error(format!(
                        "the field `{key}` of {} is no attribute of the schema",
                        self.name
                    )));
                };
                (shape, self.ser.path.then_attr(key))
            }
            Shape::Leaf(_) => (self.ser.shape, self.ser.path.then_attr(key)),
            other => (other.element(), self.ser.path.then_key(key)),
        };
        let value = value.serialize(Ser::at(shape, path))?;
        self.entries.insert(key.to_string(), value);
        Ok(())
    }

    fn finish(self) -> Result<Value> {
        match self.ser.shape {
            Shape::Object(attrs) => {
                if let Some(missing) = attrs.keys().find(|a| !self.entries.contains_key(*a)) {
                    return Err(self.ser.error(format!(
                        "{} gives no value for the attribute `{missing}`",
                        self.name
                    )));
                }
                Ok(Value::Object(self.entries))
            }
            Shape::Map(_) => Ok(Value::Map(self.entries)),
            _ => Ok(Value::Object(self.entries)),
        }
    }
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = Value;
    type Error = ModelError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let key = key.serialize(Ser::at(&Shape::Leaf(Type::String), self.ser.path.clone()));
        match key {
            Ok(Value::String(k)) => {
                self.key = Some(k);
                Ok(())
            }
            _ => Err(self.ser.error("map keys must be strings")),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().unwrap_or_default();
        self.entry(&key, value)
    }

    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeStruct for Entries<'_> {
    type Ok = Value;
    type Error = ModelError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.entry(key, value)
    }

    fn end(self) -> Result<Value> {
        self.finish()
    }
}

/// `value` (a [`Value`] a model holds) in the form `shape` asks: lists and sets, maps and
/// objects as the schema says; every attribute present.
pub(super) fn conform(value: Value, shape: &Shape, path: &AttributePath) -> Result<Value> {
    let shape = shape.open().0;
    let wrong = || {
        ModelError::model(
            path,
            format!(
                "the schema has {} here, but the model's Value is not",
                shape.noun()
            ),
        )
    };
    Ok(match (value, shape) {
        (v @ (Value::Null | Value::Unknown), _) | (v, Shape::Leaf(Type::Dynamic)) => v,
        (v @ Value::String(_), Shape::Leaf(Type::String))
        | (v @ Value::Number(_), Shape::Leaf(Type::Number))
        | (v @ Value::Bool(_), Shape::Leaf(Type::Bool)) => v,
        (Value::List(items) | Value::Set(items), Shape::List(e) | Shape::Set(e)) => {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| conform(v, e, &path.then_index(i64::try_from(i).unwrap_or(0))))
                .collect::<Result<Vec<_>>>()?;
            match shape {
                Shape::Set(_) => Value::Set(items),
                _ => Value::List(items),
            }
        }
        (Value::List(items), Shape::Tuple(es)) if items.len() == es.len() => Value::List(
            items
                .into_iter()
                .zip(es)
                .enumerate()
                .map(|(i, (v, e))| conform(v, e, &path.then_index(i64::try_from(i).unwrap_or(0))))
                .collect::<Result<_>>()?,
        ),
        (Value::Map(m) | Value::Object(m), Shape::Map(e)) => Value::Map(
            m.into_iter()
                .map(|(k, v)| Ok((k.clone(), conform(v, e, &path.then_key(&k))?)))
                .collect::<Result<_>>()?,
        ),
        (Value::Map(mut m) | Value::Object(mut m), Shape::Object(attrs)) => {
            if let Some(extra) = m.keys().find(|k| !attrs.contains_key(*k)) {
                return Err(ModelError::model(
                    path,
                    format!("the Value has `{extra}`, which is no attribute of the schema"),
                ));
            }
            let mut out = BTreeMap::new();
            for (name, attr) in attrs {
                let Some(v) = m.remove(name) else {
                    return Err(ModelError::model(
                        &path.then_attr(name),
                        "the Value gives no value for this attribute",
                    ));
                };
                out.insert(name.clone(), conform(v, attr, &path.then_attr(name))?);
            }
            Value::Object(out)
        }
        _ => return Err(wrong()),
    })
}
