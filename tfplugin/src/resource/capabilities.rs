//! The capabilities a [`Resource`](super::Resource) may add to create, read, update and
//! delete, each opted into through the resource's `as_*` accessor of the same name. The
//! one every kind shares, [`ValidateConfig`](crate::validate_config::ValidateConfig), is
//! in `validate_config.rs`.

use async_trait::async_trait;

use super::moves::{MoveSource, MoveStateRequest, MoveStateResponse};
use super::requests::{GenerateConfigRequest, ImportRequest, PlanRequest};
use super::responses::{ImportResponse, PlanResponse};
use super::upgrade::UpgradeStateRequest;
use crate::cty::Value;
use crate::diagnostic::Outcome;
use crate::identity::IdentitySchema;

/// Adjusts a create or update plan (never a destroy: the server answers those).
#[async_trait]
pub trait ModifyPlan: Send + Sync {
    /// The plan for `req`, whose proposal has the declared plan modifiers applied already;
    /// [`PlanResponse::from_request`] keeps it as it is.
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse>;
}

/// Imports existing objects by ID, or by identity (Terraform 1.12+ `import` blocks).
#[async_trait]
pub trait ImportState: Send + Sync {
    /// The objects `req` names (usually one); Terraform reads each right after.
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse>;
}

/// Reads states that older schema versions wrote.
#[async_trait]
pub trait UpgradeState: Send + Sync {
    /// The stored state of schema version `req.version` (never newer than the schema's:
    /// the server refuses those) as a value of the current schema. Read the old state with
    /// the old schema ([`UpgradeStateRequest::decode`]), or with the current one when the
    /// version did not change the shape.
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value>;
}

/// Gives instances an identity apart from their state (protocol 5.9, Terraform 1.12+),
/// which `import { identity = {...} }` blocks name and list resources report. Stored
/// identities of older versions are read with the current identity schema.
pub trait ResourceIdentity: Send + Sync {
    /// The identity schema.
    fn identity_schema(&self) -> IdentitySchema;
}

/// Writes the configuration `terraform query -generate-config-out` shows for an instance.
#[async_trait]
pub trait GenerateConfig: Send + Sync {
    /// The configuration for the instance whose state is `req.state`.
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value>;
}

/// Takes the state of another resource type (of this provider or another) that a `moved`
/// block names as `from` (protocol 5.5, Terraform 1.8+). The provider is unconfigured for
/// this: transform what was stored, and let the read and plan that follow do the rest.
#[async_trait]
pub trait MoveState: Send + Sync {
    /// The sources this type takes state from; the server refuses a move from any other
    /// (provider address, type name and schema version) with a diagnostic listing these.
    fn move_sources(&self) -> Vec<MoveSource>;

    /// This type's state for `req`, a state of one of [`MoveState::move_sources`]
    /// (`req.source_model::<T>()` reads it with that source's schema).
    async fn move_state(&self, req: MoveStateRequest) -> Outcome<MoveStateResponse>;
}
