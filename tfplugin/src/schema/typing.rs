//! How a schema drives the model codec: the [`Shape`] of a block's objects (its attribute
//! types, sensitive ones marked, and its nested blocks as their nesting makes them), and
//! the [`Typing`] every request carries so that `req.to_model(..)` and `req.to_value(..)`
//! know the schema of its values.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Block, NestingMode};
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::model::{self, Shape};

impl Block {
    /// The shape of this block's objects: its attributes (sensitive ones marked) and its
    /// nested blocks as their nesting makes them.
    pub(crate) fn shape(&self) -> Shape {
        let mut attrs: BTreeMap<String, Shape> = self
            .attributes
            .iter()
            .map(|a| {
                let shape = Shape::of_type(&a.ty);
                let shape = if a.sensitive {
                    Shape::Sensitive(Box::new(shape))
                } else {
                    shape
                };
                (a.name.clone(), shape)
            })
            .collect();
        for nested in &self.blocks {
            let inner = nested.block.shape();
            let shape = match nested.nesting {
                NestingMode::Single | NestingMode::Group => inner,
                NestingMode::List => Shape::List(Box::new(inner)),
                NestingMode::Set => Shape::Set(Box::new(inner)),
                NestingMode::Map => Shape::Map(Box::new(inner)),
            };
            attrs.insert(nested.type_name.clone(), shape);
        }
        Shape::Object(attrs)
    }
}

/// The schema a request's values have, for its `to_model` and `to_value`: set by the
/// server, or by `with_schema` on a request a test builds.
#[derive(Clone, Default)]
pub(crate) struct Typing(Option<Arc<Shape>>);

impl fmt::Debug for Typing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Typing(schema)"
        } else {
            "Typing(none)"
        })
    }
}

impl Typing {
    pub(crate) fn of_block(block: &Block) -> Self {
        Typing(Some(Arc::new(block.shape())))
    }

    fn shape(&self) -> Outcome<&Shape> {
        self.0.as_deref().ok_or_else(|| {
            Diagnostics::from_error(
                "Request without a schema",
                "This request was built without its schema, so it cannot convert models; \
                 build it with `with_schema`.",
            )
        })
    }

    pub(crate) fn to_model<T: DeserializeOwned>(&self, value: &Value) -> Outcome<T> {
        Ok(model::decode(value, self.shape()?)?)
    }

    pub(crate) fn to_value<T: Serialize + ?Sized>(&self, model: &T) -> Outcome<Value> {
        Ok(model::encode(model, self.shape()?)?)
    }
}

/// Gives a request type (with a `typing` field) its model conversions.
macro_rules! typed_request {
    ($($request:ty),* $(,)?) => {$(
        impl $request {
            /// `value` (one of this request's values) read as the model `T`; the
            /// diagnostics name the attribute that does not fit.
            pub fn to_model<T: serde::de::DeserializeOwned>(
                &self,
                value: &$crate::cty::Value,
            ) -> $crate::diagnostic::Outcome<T> {
                self.typing.to_model(value)
            }

            /// `model` written as a value of this request's schema, for a response.
            pub fn to_value<T: serde::Serialize + ?Sized>(
                &self,
                model: &T,
            ) -> $crate::diagnostic::Outcome<$crate::cty::Value> {
                self.typing.to_value(model)
            }

            /// The same request, its values of `schema`'s block (the server sets this; a
            /// test that builds a request with `new` calls it before `to_model`).
            pub fn with_schema(mut self, schema: &$crate::schema::Schema) -> Self {
                self.typing = $crate::schema::typing::Typing::of_block(&schema.block);
                self
            }
        }
    )*};
}
pub(crate) use typed_request;

#[cfg(test)]
mod tests;
