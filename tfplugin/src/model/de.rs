//! The model decoder: a serde `Deserializer` over a [`Value`], walking the schema's
//! [`Shape`] beside it. A null reads only into `Option`, an unknown only into
//! `MaybeUnknown`, a struct must name exactly the schema's attributes, and an attribute
//! missing from the value is an error.
//!
//! [`De`] (here) is one value with its shape and place; `deserializer.rs` is its serde
//! `Deserializer`, and `access.rs` the elements, entries and fields of a compound value,
//! each read by a child `De`.

mod access;
mod deserializer;

use super::error::ModelError;
use super::number::{is_whole, to_i128};
use super::shape::Shape;
use crate::cty::{AttributePath, Number, Type, Value};

/// One value to read, with its shape and where it is.
pub(super) struct De<'de> {
    pub(super) value: &'de Value,
    pub(super) shape: &'de Shape,
    pub(super) path: AttributePath,
    pub(super) sensitive: bool,
}

type Result<T> = std::result::Result<T, ModelError>;

impl<'de> De<'de> {
    pub(super) fn root(value: &'de Value, shape: &'de Shape) -> Self {
        De::at(value, shape, AttributePath::root(), false)
    }

    fn at(value: &'de Value, shape: &'de Shape, path: AttributePath, sensitive: bool) -> Self {
        let (shape, marked) = shape.open();
        De {
            value,
            shape,
            path,
            sensitive: sensitive || marked,
        }
    }

    pub(super) fn child(
        &self,
        value: &'de Value,
        shape: &'de Shape,
        path: AttributePath,
    ) -> De<'de> {
        De::at(value, shape, path, self.sensitive)
    }

    /// An error from a visitor gets this place (and is hidden if sensitive).
    fn placed<T>(&self, r: Result<T>) -> Result<T> {
        r.map_err(|e| e.locate(&self.path, self.sensitive))
    }

    pub(super) fn model_error(&self, message: impl Into<String>) -> ModelError {
        ModelError::model(&self.path, message)
    }

    /// The value, known and not null, when the schema's shape is one of `allowed` (or
    /// dynamic); `reads` names what the model reads, for the error.
    fn known(&self, reads: &str, allowed: fn(&Shape) -> bool) -> Result<&'de Value> {
        if let Some(problem) = self.shape.refuses(reads, allowed) {
            return Err(self.model_error(problem));
        }
        match self.value {
            Value::Null => Err(self.model_error(format!(
                "the value is null, but the model reads {reads}: use an Option"
            ))),
            Value::Unknown => Err(self.model_error(format!(
                "the value is unknown, but the model reads {reads}: use a MaybeUnknown"
            ))),
            v => Ok(v),
        }
    }

    fn number(&self, reads: &str) -> Result<&'de Number> {
        match self.known(reads, |s| matches!(s, Shape::Leaf(Type::Number)))? {
            Value::Number(n) => Ok(n),
            _ => Err(self.value_kind_error("a number")),
        }
    }

    fn value_kind_error(&self, expected: &str) -> ModelError {
        ModelError::model(&self.path, format!("expected {expected} in the value"))
    }

    fn integer(&self, reads: &str, min: i128, max: i128) -> Result<i128> {
        let n = self.number(reads)?;
        match to_i128(n).filter(|i| (min..=max).contains(i)) {
            Some(i) => Ok(i),
            None if !is_whole(n) => Err(ModelError::value(&self.path, "expected a whole number")),
            None => Err(ModelError::value(
                &self.path,
                format!("expected a whole number from {min} to {max}"),
            )),
        }
    }

    fn string(&self) -> Result<&'de str> {
        match self.known("a string", |s| matches!(s, Shape::Leaf(Type::String)))? {
            Value::String(s) => Ok(s),
            _ => Err(self.value_kind_error("a string")),
        }
    }

    fn elements(&self, reads: &str) -> Result<&'de [Value]> {
        let seq = |s: &Shape| matches!(s, Shape::List(_) | Shape::Set(_) | Shape::Tuple(_));
        match self.known(reads, seq)? {
            Value::List(items) | Value::Set(items) => Ok(items),
            _ => Err(self.value_kind_error("a list, set or tuple")),
        }
    }
}
