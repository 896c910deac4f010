//! The cty type and value system Terraform speaks, apart from the protocol: types, values,
//! attribute paths, and the codecs (msgpack for plans and state, JSON for stored state and
//! raw config, the legacy flatmap for states Terraform 0.11 stored). The decoders' entry
//! points are `msgpack::decode`, `json::decode` and `flatmap::decode`.

pub mod flatmap;
pub mod json;
pub mod limits;
pub mod msgpack;
pub mod path;
pub mod types;
pub mod value;

pub use path::{AttributePath, PathStep};
pub use types::Type;
pub use value::{Number, Value, ValueError};
