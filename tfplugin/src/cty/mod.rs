//! The cty type and value system Terraform speaks, apart from the protocol: types, values,
//! attribute paths, and the two wire codecs (msgpack for plans and state, JSON for stored
//! state and raw config). The decoders' entry points are `msgpack::decode` and
//! `json::decode`.

pub mod json;
pub mod limits;
pub mod msgpack;
pub mod path;
pub mod types;
pub mod value;

pub use path::{AttributePath, PathStep};
pub use types::Type;
pub use value::{Number, Value, ValueError};
