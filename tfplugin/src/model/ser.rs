//! The model encoder: a serde `Serializer` producing a [`Value`] of the schema's
//! [`Shape`]. Sequences become lists, sets or tuples and maps become maps or objects as the
//! schema says; a struct must give every attribute and nothing else.
//!
//! [`Ser`] (here) is one place with its shape; `serializer.rs` is its serde `Serializer`,
//! and `compound.rs` the elements and entries of a compound value being written, each by a
//! child `Ser`.

mod compound;
mod serializer;

use super::error::ModelError;
use super::shape::Shape;
use crate::cty::{AttributePath, Number, Type, Value};

type Result<T> = std::result::Result<T, ModelError>;

/// Where the value goes, and the shape it must have there.
pub(super) struct Ser<'a> {
    pub(super) shape: &'a Shape,
    pub(super) path: AttributePath,
}

impl<'a> Ser<'a> {
    pub(super) fn root(shape: &'a Shape) -> Self {
        Ser::at(shape, AttributePath::root())
    }

    pub(super) fn at(shape: &'a Shape, path: AttributePath) -> Self {
        Ser {
            shape: shape.open().0,
            path,
        }
    }

    pub(super) fn error(&self, message: impl Into<String>) -> ModelError {
        ModelError::model(&self.path, message)
    }

    /// `value` if the schema's shape here is `ty` (or dynamic).
    fn leaf(&self, ty: Type, gives: &str, value: Value) -> Result<Value> {
        match self.shape {
            Shape::Leaf(t) if *t == ty || *t == Type::Dynamic => Ok(value),
            other => Err(self.error(format!(
                "the schema has {} here, but the model gives {gives}",
                other.noun()
            ))),
        }
    }

    fn number(&self, n: Option<Number>) -> Result<Value> {
        let n = n.ok_or_else(|| self.error("NaN is not a number"))?;
        self.leaf(Type::Number, "a number", Value::Number(n))
    }
}
