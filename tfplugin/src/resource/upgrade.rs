//! Stored states as Terraform hands them over ([`RawState`], read with a schema), and
//! UpgradeResourceState's request: a stored state of an older schema version (or the same
//! one), for the [`UpgradeState`](super::UpgradeState) capability to turn into a value of
//! the current schema.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::cty::{flatmap, json, Value};
use crate::diagnostic::{value_error, Outcome};
use crate::schema::Schema;
use crate::schema::{typed_request, Typing};

/// A stored state, as Terraform keeps it.
#[derive(Clone, PartialEq, Eq)]
pub enum RawState {
    /// cty's JSON encoding (Terraform 0.12 and later).
    Json(Vec<u8>),
    /// The legacy flatmap (`"tags.%" = "1"`, `"tags.env" = "prod"`, `"ids.#" = "2"`, ...),
    /// from states Terraform 0.11 wrote.
    Flatmap(BTreeMap<String, String>),
}

impl RawState {
    /// The stored state read with `schema` (the schema that wrote it, or one of the same
    /// shape). Attributes the schema lacks are dropped and attributes the state lacks are
    /// null.
    pub fn decode(&self, schema: &Schema) -> Outcome<Value> {
        let ty = schema.block.implied_type();
        let decoded = match self {
            RawState::Json(bytes) => json::decode(bytes, &ty),
            RawState::Flatmap(map) => flatmap::decode(map, &ty),
        };
        decoded.map_err(|e| value_error("Cannot read the stored state", e).into())
    }

    /// The stored state read with `schema` as the model `T` of that schema.
    pub fn decode_model<T: DeserializeOwned>(&self, schema: &Schema) -> Outcome<T> {
        Typing::of_block(&schema.block).to_model(&self.decode(schema)?)
    }
}

/// Shows the form and size only: a stored state holds secrets.
impl fmt::Debug for RawState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawState::Json(bytes) => write!(f, "Json({} bytes)", bytes.len()),
            RawState::Flatmap(map) => write!(f, "Flatmap({} keys)", map.len()),
        }
    }
}

/// A stored state to upgrade to the current schema.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UpgradeStateRequest {
    /// The schema version that wrote it (at most the current one).
    pub version: i64,
    /// The state as stored.
    pub raw: RawState,
    pub(crate) typing: Typing,
}

impl UpgradeStateRequest {
    /// A state of `version`, stored as `raw`.
    pub fn new(version: i64, raw: RawState) -> Self {
        UpgradeStateRequest {
            version,
            raw,
            typing: Typing::default(),
        }
    }

    /// The stored state read with `schema`: the schema of the version that wrote it, or
    /// the current one when the shape did not change. Attributes the schema lacks are
    /// dropped and attributes the state lacks are null.
    pub fn decode(&self, schema: &Schema) -> Outcome<Value> {
        self.raw.decode(schema)
    }

    /// The stored state read with `schema` (an old version's) as the model `T` of that
    /// version.
    pub fn decode_model<T: DeserializeOwned>(&self, schema: &Schema) -> Outcome<T> {
        self.raw.decode_model(schema)
    }
}

typed_request!(UpgradeStateRequest);
