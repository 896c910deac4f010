//! The protocol-level resource trait, for the rare resource that decides plan and apply
//! itself rather than through create, read, update and delete. Every [`crate::Resource`] is
//! one of these through the blanket implementation below, which is the whole of the CRUD
//! dispatch: apply by what is null, and the error answers Terraform expects.

use async_trait::async_trait;

use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::identity::IdentitySchema;
use crate::resource::{
    ApplyRequest, ApplyResponse, GenerateConfigRequest, ImportRequest, ImportResponse, PlanRequest,
    PlanResponse, ReadRequest, ReadResponse, UpgradeStateRequest, ValidateRequest,
};
use crate::schema::Schema;

/// A resource type at the protocol's level: what a provider's `resources()` lists. The
/// server runs the same generic duties around it as around a [`crate::Resource`].
#[async_trait]
pub trait Resource: Send + Sync + 'static {
    /// The type name.
    fn type_name(&self) -> &'static str;

    /// The schema.
    fn schema(&self) -> Schema;

    /// The identity schema, if any.
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Checks a configuration beyond the declared validators.
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Plans a create or an update (never a destroy: the server answers those).
    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        PlanResponse::from_request(req)
    }

    /// Carries out a create (prior state null), update, or delete (planned state null).
    async fn apply(&self, req: ApplyRequest) -> ApplyResponse;

    /// Refreshes the state.
    async fn read(&self, req: ReadRequest) -> ReadResponse;

    /// Imports an object by ID or identity.
    async fn import(&self, req: ImportRequest) -> ImportResponse;

    /// Reads a stored state of an older (or the same) schema version.
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        req.decode(&self.schema())
    }

    /// The configuration `terraform query -generate-config-out` writes for an instance.
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        Ok(crate::resource::generated_config(&self.schema(), req.state))
    }
}

#[async_trait]
impl<R: crate::Resource> Resource for R {
    fn type_name(&self) -> &'static str {
        crate::Resource::type_name(self)
    }

    fn schema(&self) -> Schema {
        crate::Resource::schema(self)
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        crate::Resource::identity_schema(self)
    }

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        crate::Resource::validate(self, req).await
    }

    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        self.modify_plan(req)
            .await
            .unwrap_or_else(PlanResponse::error)
    }

    async fn apply(&self, req: ApplyRequest) -> ApplyResponse {
        let (prior, private) = (req.prior_state.clone(), req.planned_private.clone());
        let failed = |d: Diagnostics| {
            ApplyResponse::error(d)
                .with_state(prior)
                .with_private(private)
        };
        if req.planned_state.is_null() {
            return match self.delete(req).await {
                Ok(()) => ApplyResponse::deleted(),
                Err(d) => failed(d),
            };
        }
        if req.prior_state.is_null() {
            return self.create(req).await.unwrap_or_else(ApplyResponse::error);
        }
        self.update(req).await.unwrap_or_else(failed)
    }

    async fn read(&self, req: ReadRequest) -> ReadResponse {
        let (state, private) = (req.current_state.clone(), req.private.clone());
        crate::Resource::read(self, req)
            .await
            .unwrap_or_else(|d| ReadResponse::from_state(state, private).with_diagnostics(d))
    }

    async fn import(&self, req: ImportRequest) -> ImportResponse {
        crate::Resource::import(self, req)
            .await
            .unwrap_or_else(ImportResponse::error)
    }

    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        crate::Resource::upgrade_state(self, req).await
    }

    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        crate::Resource::generate_config(self, req).await
    }
}
