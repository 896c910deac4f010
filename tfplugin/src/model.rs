//! Typed models: a resource declares a struct for its configuration, plan or state, and
//! this module converts between [`Value`] and that struct with serde, driven by the
//! schema.
//!
//! - Every attribute of the schema is a field of the struct, and every field an attribute
//!   (serde's `rename` applies). An attribute absent from a value is an error, never a
//!   silent null; so is a field the schema does not know.
//! - `Option<T>` holds a value that may be null, [`MaybeUnknown<T>`] one that may be
//!   unknown (plans and configurations), `MaybeUnknown<Option<T>>` both.
//! - Numbers keep their precision: integers, `f32`/`f64` and [`Number`](crate::Number) (arbitrary
//!   precision) read only numbers they hold exactly, and a loss is an error.
//! - Lists and sets read as any sequence (`Vec`, `BTreeSet`, ...), maps and objects as
//!   maps or structs, nested blocks as their nesting says (`Vec<T>`, `Option<T>`,
//!   `BTreeMap<String, T>`); plain enums as strings.
//! - [`Value`] itself is a field type too: the escape hatch, e.g. for `dynamic`.
//!
//! Errors name the attribute; an error at a sensitive attribute never quotes its value.
//! [`check`] compares a struct with a schema without any value (tests call it; the server
//! runs it once for every model a schema declares with [`Schema::model`]).
//!
//! The serde plumbing is in `de.rs`, `ser.rs` and `probe.rs`; how a schema drives it is
//! `shape.rs`; number conversions are `number.rs`; `Value` and `Number` as serde types are
//! `value_serde.rs`.

mod de;
mod de_access;
mod error;
mod maybe_unknown;
mod number;
mod probe;
mod ser;
mod ser_compound;
mod shape;
mod value_serde;

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cty::{Type, Value};
use crate::diagnostic::{Diagnostics, Outcome};
use crate::schema::Schema;

pub use error::{ModelError, ModelErrorKind};
pub use maybe_unknown::MaybeUnknown;
pub(crate) use shape::Shape;

/// The newtype name [`MaybeUnknown`] goes through serde with, so the codec can tell it.
const UNKNOWN_TOKEN: &str = "$tfplugin::MaybeUnknown";
/// The newtype name [`Value`] goes through serde with.
const VALUE_TOKEN: &str = "$tfplugin::Value";
/// The newtype name a [`Number`] that fits no primitive goes through serde with.
const NUMBER_TOKEN: &str = "$tfplugin::Number";

/// Reads `value`, of type `ty`, as a `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value, ty: &Type) -> Result<T, ModelError> {
    decode(value, &Shape::of_type(ty))
}

/// Writes `model` as a value of type `ty`.
pub fn to_value<T: Serialize + ?Sized>(model: &T, ty: &Type) -> Result<Value, ModelError> {
    encode(model, &Shape::of_type(ty))
}

pub(crate) fn decode<T: DeserializeOwned>(value: &Value, shape: &Shape) -> Result<T, ModelError> {
    T::deserialize(de::De::root(value, shape))
}

pub(crate) fn encode<T: Serialize + ?Sized>(model: &T, shape: &Shape) -> Result<Value, ModelError> {
    model.serialize(ser::Ser::root(shape))
}

/// Compares the struct `T` with `schema` without any value: every attribute (nested
/// blocks included, at every depth a struct reaches) must be a field and every field an
/// attribute, of a matching kind. `Err` lists every disagreement found.
///
/// A field whose own `Deserialize` refuses the probe's placeholder (an empty string, a
/// zero) ends the comparison of the struct that holds it, after its field names.
pub fn check<T: DeserializeOwned>(schema: &Schema) -> Result<(), ModelError> {
    probe::check::<T>(&Shape::of_block(&schema.block))
}

/// [`check`] against a bare type (an identity's, say).
pub fn check_type<T: DeserializeOwned>(ty: &Type) -> Result<(), ModelError> {
    probe::check::<T>(&Shape::of_type(ty))
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
    pub(crate) fn new(shape: Arc<Shape>) -> Self {
        Typing(Some(shape))
    }

    pub(crate) fn of_block(block: &crate::schema::Block) -> Self {
        Typing::new(Arc::new(Shape::of_block(block)))
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
        Ok(decode(value, self.shape()?)?)
    }

    pub(crate) fn to_value<T: Serialize + ?Sized>(&self, model: &T) -> Outcome<Value> {
        Ok(encode(model, self.shape()?)?)
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
                self.typing = $crate::model::Typing::of_block(&schema.block);
                self
            }
        }
    )*};
}
pub(crate) use typed_request;

#[cfg(test)]
mod tests;
