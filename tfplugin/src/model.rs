//! Typed models: a resource declares a struct for its configuration, plan or state, and
//! this module converts between [`Value`] and that struct with serde, driven by the
//! schema.
//!
//! - Every attribute of the schema is a field of the struct, and every field an attribute
//!   (serde's `rename` applies). An attribute absent from a value is an error, never a
//!   silent null; so is a field the schema does not know.
//! - `Option<T>` holds a value that may be null, [`MaybeUnknown<T>`](maybe_unknown::MaybeUnknown) one that may be
//!   unknown (plans and configurations), `MaybeUnknown<Option<T>>` both.
//! - Numbers keep their precision: integers, `f32`/`f64` and [`Number`](crate::cty::Number) (arbitrary
//!   precision) read only numbers they hold exactly, and a loss is an error.
//! - Lists and sets read as any sequence (`Vec`, `BTreeSet`, ...), maps and objects as
//!   maps or structs, nested blocks as their nesting says (`Vec<T>`, `Option<T>`,
//!   `BTreeMap<String, T>`); plain enums as strings.
//! - [`Value`] itself is a field type too: the escape hatch, e.g. for `dynamic`.
//!
//! Errors name the attribute; an error at a sensitive attribute never quotes its value.
//! A struct is compared with a schema without any value by `Schema::check_model` (tests
//! call it; the server runs it once for every model a schema declares with
//! `Schema::model`) and `IdentitySchema::check_model`.
//!
//! This module knows types and values, not schemas: a schema hands it a `Shape` (its
//! object type with the sensitive attributes marked). The serde plumbing is in `de.rs`,
//! `ser.rs` and `probe.rs`, the newtype names of its own types in `tokens.rs`; number
//! conversions are `number.rs`; `Value` and `Number` as serde types are `value_serde.rs`.

mod de;
mod error;
pub(crate) mod maybe_unknown;
mod number;
mod probe;
mod ser;
mod shape;
mod tokens;
mod value_serde;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cty::{Type, Value};

pub use error::{ModelError, ModelErrorKind};
pub(crate) use shape::Shape;

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

/// Compares the struct `T` with `shape` without any value: every attribute (nested blocks
/// included, at every depth a struct reaches) must be a field and every field an attribute,
/// of a matching kind. `Err` lists every disagreement found.
///
/// A field whose own `Deserialize` refuses the probe's placeholder (an empty string, a
/// zero) ends the comparison of the struct that holds it, after its field names.
pub(crate) fn check<T: DeserializeOwned>(shape: &Shape) -> Result<(), ModelError> {
    probe::check::<T>(shape)
}
