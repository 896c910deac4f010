//! The typed traits a provider implements: [`Provider`], [`Resource`], [`DataSource`].
//!
//! The gRPC server (`server.rs`) decodes each protocol request with the schema, calls one of
//! these methods with plain [`Value`]s, and encodes the answer. Implementations never see a
//! protocol message, msgpack, or a gRPC status. Generic duties are done by the server, not
//! by implementations: write-only attributes are nulled in every plan and state, a destroy
//! plan (`proposed_new_state` null) is answered without calling [`Resource::plan`].

use std::sync::Arc;

use async_trait::async_trait;

use super::diag::{AttributePath, Diagnostics};
use super::schema::Schema;
use crate::cty::Value;

/// What the Terraform client says it can do (protocol 5.8 `ClientCapabilities`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientCapabilities {
    /// The client can handle deferred actions.
    pub deferral_allowed: bool,
    /// The client supports write-only attributes (Terraform 1.11+).
    pub write_only_attributes_allowed: bool,
}

/// The provider block's configuration, once Terraform has it.
#[derive(Debug, Clone)]
pub struct ConfigureRequest {
    /// The provider block, decoded with [`Provider::schema`]. May hold unknowns.
    pub config: Value,
    /// The Terraform version that is running us.
    pub terraform_version: String,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
}

/// A provider: its configuration schema and its resource and data source types.
#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// The schema of the `provider` block.
    fn schema(&self) -> Schema;

    /// Every resource type.
    fn resources(&self) -> Vec<Arc<dyn Resource>>;

    /// Every data source type.
    fn data_sources(&self) -> Vec<Arc<dyn DataSource>>;

    /// Checks the provider block before configure (values may be unknown).
    async fn validate(&self, _config: &Value) -> Diagnostics {
        Diagnostics::new()
    }

    /// Configures the provider; called once per process before any resource operation.
    async fn configure(&self, req: ConfigureRequest) -> Diagnostics;

    /// Terraform asked us to stop: cancel what is in flight if possible.
    async fn stop(&self) {}
}

/// A configuration to validate.
#[derive(Debug, Clone)]
pub struct ValidateRequest {
    /// The configuration, decoded with the schema; may hold unknowns.
    pub config: Value,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
}

/// A plan to make for one resource instance (create, update or re-plan).
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// State before the plan; null on create.
    pub prior_state: Value,
    /// Terraform's proposal: config merged over prior state. Never null here.
    pub proposed_new_state: Value,
    /// The configuration as written (write-only values included).
    pub config: Value,
    /// The provider's private data from the prior state.
    pub prior_private: Vec<u8>,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
}

/// The provider's plan.
#[derive(Debug, Clone, Default)]
pub struct PlanResponse {
    /// The state the resource will have, unknowns where only apply can tell.
    pub planned_state: Value,
    /// Attributes whose change forces replacement.
    pub requires_replace: Vec<AttributePath>,
    /// Private data handed to apply.
    pub planned_private: Vec<u8>,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// A change to carry out: create (prior null), update, or delete (planned null).
#[derive(Debug, Clone)]
pub struct ApplyRequest {
    /// State before the change; null on create.
    pub prior_state: Value,
    /// The planned state; null on delete.
    pub planned_state: Value,
    /// The configuration (write-only values included); null on delete.
    pub config: Value,
    /// Private data from the plan.
    pub planned_private: Vec<u8>,
}

/// The outcome of an apply.
#[derive(Debug, Clone, Default)]
pub struct ApplyResponse {
    /// The new state; null after delete. On error, the best known state.
    pub new_state: Value,
    /// Private data to store with the state.
    pub private: Vec<u8>,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// A refresh of one resource instance.
#[derive(Debug, Clone)]
pub struct ReadRequest {
    /// The state as last stored.
    pub current_state: Value,
    /// Private data stored with it.
    pub private: Vec<u8>,
}

/// The refreshed state.
#[derive(Debug, Clone, Default)]
pub struct ReadResponse {
    /// The refreshed state; null when the object is gone (Terraform drops it from state).
    pub new_state: Value,
    /// Private data to store.
    pub private: Vec<u8>,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// One object found by import.
#[derive(Debug, Clone, Default)]
pub struct ImportedResource {
    /// Its state (Terraform reads it right after).
    pub state: Value,
    /// Private data to store.
    pub private: Vec<u8>,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportResponse {
    /// The imported objects (usually one).
    pub imported: Vec<ImportedResource>,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// A resource type.
#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The type name, e.g. `codespaces_org_secret`.
    fn type_name(&self) -> &'static str;

    /// The schema.
    fn schema(&self) -> Schema;

    /// Checks a configuration (values may be unknown).
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Plans a create or an update.
    async fn plan(&self, req: PlanRequest) -> PlanResponse;

    /// Carries out a create, update or delete.
    async fn apply(&self, req: ApplyRequest) -> ApplyResponse;

    /// Refreshes state from the remote system.
    async fn read(&self, req: ReadRequest) -> ReadResponse;

    /// Imports an object by the user's id.
    async fn import(&self, id: &str) -> ImportResponse;
}

/// The outcome of reading a data source.
#[derive(Debug, Clone, Default)]
pub struct DataSourceResponse {
    /// The data source's full object.
    pub state: Value,
    /// Problems.
    pub diagnostics: Diagnostics,
}

/// A data source type.
#[async_trait]
pub trait DataSource: Send + Sync + 'static {
    /// The type name, e.g. `codespaces_org_public_key`.
    fn type_name(&self) -> &'static str;

    /// The schema.
    fn schema(&self) -> Schema;

    /// Checks a configuration (values may be unknown).
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Reads the data.
    async fn read(&self, config: Value) -> DataSourceResponse;
}
