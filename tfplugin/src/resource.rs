//! A managed resource type, written as create, read, update, delete and import: the
//! [`Resource`] trait. The SDK turns it into the protocol's plan and apply (see
//! [`crate::raw`] for the protocol-level trait, which few resources need).
//!
//! Around every call the server does the generic duties: the declared validators run
//! before [`Resource::validate`] and the declared plan modifiers before
//! [`Resource::modify_plan`] (at every depth of nested blocks), computed attributes become
//! unknown where only apply can tell, write-only attributes are nulled in every plan and
//! state, a destroy plan is answered without asking the resource, and stored states of an
//! older schema version go through [`Resource::upgrade_state`].

mod requests;
mod responses;
mod upgrade;

use async_trait::async_trait;

pub use requests::{
    ApplyRequest, GenerateConfigRequest, ImportRequest, PlanRequest, ReadRequest, ValidateRequest,
};
pub use responses::{ApplyResponse, ImportResponse, ImportedResource, PlanResponse, ReadResponse};
pub use upgrade::{RawState, UpgradeStateRequest};

use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::identity::IdentitySchema;
use crate::schema::Schema;

/// A resource type: its schema, and create, read, update, delete and import. Each
/// operation answers `Err(diagnostics)` when it changed nothing, so `?` works; the SDK then
/// answers Terraform as the protocol expects (the prior state kept on a failed update or
/// delete, none on a failed create, the stored state on a failed read).
///
/// Values arrive as [`Value`]s; read them into a typed model with the request's
/// `to_model`, and write a model back with `to_value` (see [`crate::model`]).
#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The type name, e.g. `hello_greeting`.
    fn type_name(&self) -> &'static str;

    /// The schema, with its version and the validators and plan modifiers declared on its
    /// attributes.
    fn schema(&self) -> Schema;

    /// The identity schema, if instances have an identity (Terraform 1.12+); none by
    /// default, and then GetResourceIdentitySchemas leaves the type out.
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Checks a configuration (values may be unknown) beyond the declared validators,
    /// which have run already.
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Adjusts a create or update plan; the request's proposal has the declared plan
    /// modifiers applied already. By default the plan is that proposal.
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        Ok(PlanResponse::from_request(req))
    }

    /// Creates the object (`prior_state` is null).
    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse>;

    /// Reads the object; [`ReadResponse::gone`] when it no longer exists.
    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse>;

    /// Updates the object in place.
    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse>;

    /// Deletes the object (`planned_state` is null); already gone is success.
    async fn delete(&self, req: ApplyRequest) -> Outcome<()>;

    /// Imports an object by ID or identity.
    async fn import(&self, req: ImportRequest) -> Outcome<ImportResponse>;

    /// Reads a stored state of schema version `req.version` (never newer than the
    /// schema's: the server refuses those) into a value of the current schema. By default
    /// the stored state is read with the current schema: attributes it no longer has are
    /// dropped and new ones are null. Override it when a version changes the state's shape,
    /// reading the old state with the old schema ([`UpgradeStateRequest::decode`]).
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        req.decode(&self.schema())
    }

    /// The configuration `terraform query -generate-config-out` writes for an instance: by
    /// default its state without computed-only and write-only attributes.
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        Ok(generated_config(&self.schema(), req.state))
    }
}

/// `state` with every attribute the configuration cannot set nulled.
pub(crate) fn generated_config(schema: &Schema, mut state: Value) -> Value {
    for attr in &schema.block.attributes {
        let settable = attr.required || attr.optional;
        if !settable || attr.write_only {
            state.set(&attr.name, Value::Null);
        }
    }
    state
}
