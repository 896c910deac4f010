//! A managed resource type, at the protocol's level: validate, plan, apply, read, import,
//! plus the optional identity (Terraform 1.12+) and generated configuration (1.14+).
//!
//! Most resources implement [`crate::CrudResource`] instead and let [`crate::Crud`] do the
//! plan and apply dispatch. Generic duties are done by the server, not by implementations:
//! declared validators and plan modifiers run first, write-only attributes are nulled in
//! every plan and state, and a destroy plan is answered without calling [`Resource::plan`].

mod requests;
mod responses;

use async_trait::async_trait;

pub use requests::{
    ApplyRequest, GenerateConfigRequest, ImportRequest, PlanRequest, ReadRequest, ValidateRequest,
};
pub use responses::{ApplyResponse, ImportResponse, ImportedResource, PlanResponse, ReadResponse};

use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::identity::IdentitySchema;
use crate::schema::Schema;

/// A resource type.
#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The type name, e.g. `codespaces_org_secret`.
    fn type_name(&self) -> &'static str;

    /// The schema.
    fn schema(&self) -> Schema;

    /// The identity schema, if instances have an identity; none by default (and then
    /// GetResourceIdentitySchemas does not list the type).
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Checks a configuration (values may be unknown), after the declared validators.
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Plans a create or an update; the request's proposal already has the declared plan
    /// modifiers applied.
    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        PlanResponse::from_request(req)
    }

    /// Carries out a create, update or delete.
    async fn apply(&self, req: ApplyRequest) -> ApplyResponse;

    /// Refreshes state from the remote system.
    async fn read(&self, req: ReadRequest) -> ReadResponse;

    /// Imports an object by the user's id (or identity).
    async fn import(&self, req: ImportRequest) -> ImportResponse;

    /// The configuration `terraform query -generate-config-out` writes for an instance: by
    /// default its state with computed-only and write-only attributes left out (null).
    async fn generate_config(&self, req: GenerateConfigRequest) -> Result<Value, Diagnostics> {
        Ok(generated_config(&self.schema(), req.state))
    }
}

/// `state` with every attribute the configuration cannot set nulled.
pub fn generated_config(schema: &Schema, mut state: Value) -> Value {
    for attr in &schema.block.attributes {
        let settable = attr.required || attr.optional;
        if !settable || attr.write_only {
            state.set(&attr.name, Value::Null);
        }
    }
    state
}
