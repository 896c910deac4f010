//! The cty type and value system Terraform speaks, apart from the protocol. Types, values,
//! numbers and attribute paths are the crate root's (`tfplugin::Value`, ...); this module
//! publishes the codecs: [`msgpack`] for plans and state on the wire, [`json`] for stored
//! state and raw config, [`flatmap`] for states Terraform 0.11 stored, each with its
//! `decode` (safe on any input, see [`MAX_DEPTH`]) and, where Terraform needs one, its
//! `encode`.
//!
//! Inside, from the bottom: `path` (attribute paths), `error` (the codecs' error), `number`,
//! `types`, `value`, `limits` (the decoders' defences), then the three codecs.

pub(crate) mod error;
pub mod flatmap;
pub mod json;
mod limits;
pub mod msgpack;
pub(crate) mod number;
pub(crate) mod path;
pub(crate) mod types;
pub(crate) mod value;

pub(crate) use error::ValueError;
pub use limits::MAX_DEPTH;
pub(crate) use number::Number;
pub(crate) use path::{AttributePath, PathStep};
pub(crate) use types::Type;
pub(crate) use value::Value;
