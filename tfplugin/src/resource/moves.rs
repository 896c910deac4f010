//! MoveResourceState (protocol 5.5, Terraform 1.8+): a `moved` block whose `from` is another
//! resource type, of this provider or another one. Terraform hands the target resource the
//! source's stored state as JSON, with the source's provider address, type name and schema
//! version; the target answers its own state. The provider runs unconfigured for this (no
//! credentials, no API): a move only transforms what was stored, and the plan that follows
//! (upgrade, read, plan) does the rest.
//!
//! A target names the sources it takes ([`MoveSource`]: provider address, type name, and the
//! source's schema at the version it accepts); the server refuses any other source with a
//! diagnostic listing them, and hands the target the stored state read with that schema, so
//! `req.source_model::<T>()` reads it as a typed model of the source.

use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::private::Private;
use crate::schema::{typed_request, Schema, Typing};

use super::upgrade::RawState;

/// A resource type a target takes state from: e.g. `random_pet`
/// of `registry.terraform.io/hashicorp/random`, with its schema at the version its
/// states carry.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MoveSource {
    /// The source provider's address as Terraform writes it, e.g.
    /// `registry.terraform.io/hashicorp/random`.
    pub provider_address: String,
    /// The source resource type, e.g. `random_pet`.
    pub type_name: String,
    /// The source's schema; its `version` is the schema version a moved state must carry.
    /// Declared models ([`Schema::model`]) are checked when the server starts.
    pub schema: Schema,
}

impl MoveSource {
    /// The type `type_name` of the provider at `provider_address`, whose states `schema`
    /// (at its version) describes.
    pub fn new(provider_address: &str, type_name: &str, schema: Schema) -> Self {
        MoveSource {
            provider_address: provider_address.to_string(),
            type_name: type_name.to_string(),
            schema,
        }
    }
}

/// A state to move into this resource type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MoveStateRequest {
    /// The source provider's address, e.g. `registry.terraform.io/hashicorp/random`.
    pub source_provider_address: String,
    /// The source resource type.
    pub source_type_name: String,
    /// The schema version of the stored state (that of the matching [`MoveSource`]).
    pub source_schema_version: i64,
    /// The stored state read with the source's schema: attributes the schema lacks are
    /// dropped, attributes the state lacks are null. [`MoveStateRequest::source_model`]
    /// reads it as a typed model.
    pub source_state: Value,
    /// The stored state as Terraform sent it (JSON).
    pub raw_source_state: RawState,
    /// The source provider's private data stored with the state.
    pub source_private: Private,
    /// The source's identity as stored (JSON), when it has one.
    pub source_identity: Option<RawState>,
    /// The schema version of that identity.
    pub source_identity_schema_version: i64,
    source_typing: Typing,
    pub(crate) typing: Typing,
}

impl MoveStateRequest {
    /// A move from `source` of the state stored as `raw` (read with the source's schema).
    pub fn new(source: &MoveSource, raw: RawState) -> Outcome<Self> {
        Ok(MoveStateRequest {
            source_provider_address: source.provider_address.clone(),
            source_type_name: source.type_name.clone(),
            source_schema_version: source.schema.version,
            source_state: raw.decode(&source.schema)?,
            raw_source_state: raw,
            source_private: Private::default(),
            source_identity: None,
            source_identity_schema_version: 0,
            source_typing: Typing::of_block(&source.schema.block),
            typing: Typing::default(),
        })
    }

    /// The source state read as the model `T` of the source's schema.
    pub fn source_model<T: serde::de::DeserializeOwned>(&self) -> Outcome<T> {
        self.source_typing.to_model(&self.source_state)
    }
}

typed_request!(MoveStateRequest);

/// The moved state, as a value of the target's schema.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct MoveStateResponse {
    /// The target's state: wholly known, write-only attributes null (the server nulls
    /// them). Terraform then upgrades, reads and plans it like any other.
    pub target_state: Value,
    /// Private data to store with it.
    pub target_private: Private,
    /// The target's identity, if its type has one; none lets the read that follows fill
    /// it in.
    pub target_identity: Option<Value>,
    /// Warnings to show with the move.
    pub diagnostics: Diagnostics,
}

impl MoveStateResponse {
    /// The moved state.
    pub fn from_state(target_state: Value) -> Self {
        MoveStateResponse {
            target_state,
            ..Default::default()
        }
    }

    /// The same response with `private` data.
    pub fn with_private(mut self, private: impl Into<Private>) -> Self {
        self.target_private = private.into();
        self
    }

    /// The same response with an identity.
    pub fn with_identity(mut self, identity: Value) -> Self {
        self.target_identity = Some(identity);
        self
    }

    /// The same response with `diagnostics` (warnings) added.
    pub fn with_diagnostics(mut self, diagnostics: Diagnostics) -> Self {
        self.diagnostics.extend(diagnostics);
        self
    }
}
