//! The compound parts of the model decoder: the elements of a list, set or tuple, the
//! entries of a map or object, and a struct's fields, each read with the shape of its
//! place.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed};

use super::De;
use crate::cty::Value;
use crate::model::error::ModelError;
use crate::model::shape::Shape;

type Result<T> = std::result::Result<T, ModelError>;

/// The elements of a list, set or tuple.
pub(super) struct Seq<'a, 'de> {
    pub(super) parent: &'a De<'de>,
    pub(super) items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    pub(super) set: bool,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = ModelError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some((i, item)) = self.items.next() else {
            return Ok(None);
        };
        // Terraform cannot point into a set: an error in an element is the set's.
        let path = if self.set {
            self.parent.path.clone()
        } else {
            self.parent
                .path
                .then_index(i64::try_from(i).unwrap_or(i64::MAX))
        };
        let shape = self.parent.shape.tuple_element(i);
        seed.deserialize(self.parent.child(item, shape, path))
            .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a map or object, read as a map.
pub(super) struct Entries<'a, 'de> {
    pub(super) parent: &'a De<'de>,
    pub(super) entries: std::collections::btree_map::Iter<'de, String, Value>,
    pub(super) next: Option<(&'de String, &'de Value)>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = ModelError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((k, v)) = self.entries.next() else {
            return Ok(None);
        };
        self.next = Some((k, v));
        seed.deserialize(BorrowedStrDeserializer::new(k)).map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        let Some((k, v)) = self.next.take() else {
            return Err(self
                .parent
                .model_error("a map value was read before its key"));
        };
        let (path, shape) = match self.parent.shape {
            Shape::Object(_) => (
                self.parent.path.then_attr(k),
                self.parent.shape.attribute(k),
            ),
            _ => (self.parent.path.then_key(k), self.parent.shape.element()),
        };
        seed.deserialize(self.parent.child(v, shape, path))
    }
}

/// A struct's fields, in the struct's order, each read from its attribute.
pub(super) struct Fields<'a, 'de> {
    pub(super) parent: &'a De<'de>,
    pub(super) entries: &'de std::collections::BTreeMap<String, Value>,
    pub(super) fields: std::slice::Iter<'static, &'static str>,
    pub(super) next: Option<&'static str>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = ModelError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(field) = self.fields.next() else {
            return Ok(None);
        };
        self.next = Some(field);
        seed.deserialize(BorrowedStrDeserializer::new(field))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        let field = self.next.take().unwrap_or_default();
        let path = self.parent.path.then_attr(field);
        let Some(value) = self.entries.get(field) else {
            return Err(ModelError::value(
                &path,
                "the attribute is absent from the value",
            ));
        };
        let shape = self.parent.shape.attribute(field);
        seed.deserialize(self.parent.child(value, shape, path))
    }
}
