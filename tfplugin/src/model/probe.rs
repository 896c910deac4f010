//! [`super::check`]: a serde `Deserializer` without any value, walking a schema's
//! [`Shape`] while a model's `Deserialize` asks for what it reads. Every struct tells its
//! field names (the `fields` serde passes to `deserialize_struct`), which are compared with
//! the attributes; every leaf tells its kind. The probe hands the model placeholders (an
//! empty string, zero, one element per collection, the first variant of an enum) so the
//! walk reaches nested structs.

use std::cell::RefCell;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

use super::error::ModelError;
use super::shape::Shape;
use super::tokens::{NUMBER_TOKEN, VALUE_TOKEN};
use super::value_serde::with_parked;
use crate::cty::{AttributePath, Type, Value};

type Result<T> = std::result::Result<T, ModelError>;

/// Runs the probe; `Err` lists every disagreement.
pub(super) fn check<T: DeserializeOwned>(shape: &Shape) -> Result<()> {
    let found = RefCell::new(Vec::new());
    // A model's own refusal of a placeholder ends the walk there, and is no disagreement.
    let _ = T::deserialize(Probe {
        shape,
        path: AttributePath::root(),
        found: &found,
    });
    let found = found.into_inner();
    if found.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = found
        .iter()
        .map(|(p, m)| {
            if p.steps.is_empty() {
                m.clone()
            } else {
                format!("{p}: {m}")
            }
        })
        .collect();
    Err(ModelError::model(
        &AttributePath::root(),
        format!("the model and the schema disagree: {}", lines.join("; ")),
    ))
}

struct Probe<'a> {
    shape: &'a Shape,
    path: AttributePath,
    found: &'a RefCell<Vec<(AttributePath, String)>>,
}

impl<'a> Probe<'a> {
    fn child(&self, shape: &'a Shape, path: AttributePath) -> Probe<'a> {
        Probe {
            shape,
            path,
            found: self.found,
        }
    }

    fn note(&self, message: String) {
        self.found.borrow_mut().push((self.path.clone(), message));
    }

    /// Notes a disagreement unless the schema's shape here is one of `allowed` (or
    /// dynamic); `reads` names what the model reads.
    fn expect(&self, reads: &str, allowed: fn(&Shape) -> bool) {
        if let Some(problem) = self.shape.refuses(reads, allowed) {
            self.note(problem);
        }
    }

    fn number(&self) {
        self.expect("a number", |s| matches!(s, Shape::Leaf(Type::Number)));
    }

    fn placeholder_error(&self) -> ModelError {
        ModelError::model(&self.path, "probe")
    }
}

macro_rules! number {
    ($($method:ident => $visit:ident($zero:expr)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.number();
            visitor.$visit($zero)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = ModelError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect("a bool", |s| matches!(s, Shape::Leaf(Type::Bool)));
        visitor.visit_bool(false)
    }

    number! {
        deserialize_i8 => visit_i8(0), deserialize_i16 => visit_i16(0),
        deserialize_i32 => visit_i32(0), deserialize_i64 => visit_i64(0),
        deserialize_i128 => visit_i128(0), deserialize_u8 => visit_u8(0),
        deserialize_u16 => visit_u16(0), deserialize_u32 => visit_u32(0),
        deserialize_u64 => visit_u64(0), deserialize_u128 => visit_u128(0),
        deserialize_f32 => visit_f32(0.0), deserialize_f64 => visit_f64(0.0),
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect("a string", |s| matches!(s, Shape::Leaf(Type::String)));
        visitor.visit_char(' ')
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect("a string", |s| matches!(s, Shape::Leaf(Type::String)));
        visitor.visit_borrowed_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        self.note("cty has no bytes, but the model reads bytes".into());
        Err(self.placeholder_error())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        match name {
            VALUE_TOKEN => with_parked(Value::Null, || visitor.visit_newtype_struct(self)),
            NUMBER_TOKEN => {
                self.number();
                visitor.visit_i64(0)
            }
            // A MaybeUnknown (UNKNOWN_TOKEN) reads what it wraps, like any newtype.
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect("a sequence", |s| {
            matches!(s, Shape::List(_) | Shape::Set(_) | Shape::Tuple(_))
        });
        let len = match self.shape.open().0 {
            Shape::Tuple(es) => es.len(),
            _ => 1,
        };
        visitor.visit_seq(Elements {
            probe: &self,
            at: 0,
            len,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.expect("a tuple", |s| {
            matches!(s, Shape::List(_) | Shape::Set(_) | Shape::Tuple(_))
        });
        visitor.visit_seq(Elements {
            probe: &self,
            at: 0,
            len,
        })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect("a map", |s| matches!(s, Shape::Map(_) | Shape::Object(_)));
        let keys: Vec<String> = match self.shape.open().0 {
            Shape::Object(attrs) => attrs.keys().cloned().collect(),
            _ => vec!["key".into()],
        };
        visitor.visit_map(Entries {
            probe: &self,
            keys: keys.into_iter(),
            next: None,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(&format!("the struct {name}"), |s| {
            matches!(s, Shape::Object(_))
        });
        for problem in self.shape.field_disagreements(name, fields) {
            self.note(problem);
        }
        visitor.visit_map(Entries {
            probe: &self,
            keys: fields
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .into_iter(),
            next: None,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect("an enum (a string)", |s| {
            matches!(s, Shape::Leaf(Type::String))
        });
        let first = variants.first().copied().unwrap_or_default();
        visitor.visit_enum(BorrowedStrDeserializer::<ModelError>::new(first))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str("")
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// Placeholder elements: one per collection, each of a tuple's.
struct Elements<'p, 'a> {
    probe: &'p Probe<'a>,
    at: usize,
    len: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, '_> {
    type Error = ModelError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.at >= self.len {
            return Ok(None);
        }
        let i = self.at;
        self.at += 1;
        let shape = self.probe.shape.tuple_element(i);
        let path = self.probe.path.then_index(i64::try_from(i).unwrap_or(0));
        seed.deserialize(self.probe.child(shape, path)).map(Some)
    }
}

/// Placeholder entries: a struct's fields, an object's attributes, or one map key.
struct Entries<'p, 'a> {
    probe: &'p Probe<'a>,
    keys: std::vec::IntoIter<String>,
    next: Option<String>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = ModelError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(key) = self.keys.next() else {
            return Ok(None);
        };
        let out = seed.deserialize(StrDeserializer::<ModelError>::new(&key));
        self.next = Some(key);
        out.map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        let key = self.next.take().unwrap_or_default();
        let (shape, path) = match self.probe.shape.open().0 {
            Shape::Object(_) => (
                self.probe.shape.attribute(&key),
                self.probe.path.then_attr(&key),
            ),
            other => (other.element(), self.probe.path.then_key(&key)),
        };
        seed.deserialize(self.probe.child(shape, path))
    }
}
