//! The CRUD adapter: a resource writes create, read, update, delete and import, each
//! answering `Err(diagnostics)` when it changed nothing, and [`Crud`] turns that into the
//! protocol's plan and apply: it dispatches apply by what is null, and builds the error
//! responses Terraform expects (prior state kept on a failed update or delete, none on a
//! failed create, the stored state on a failed read).

use std::sync::Arc;

use async_trait::async_trait;

use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::identity::IdentitySchema;
use crate::resource::{
    generated_config, ApplyRequest, ApplyResponse, GenerateConfigRequest, ImportRequest,
    ImportResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource,
    ValidateRequest,
};
use crate::schema::Schema;

/// What an operation answers: a response, or the diagnostics of a failure that changed
/// nothing (so that `?` works on anything giving a diagnostic).
pub type Outcome<T> = Result<T, Diagnostics>;

/// A resource written as create, read, update, delete and import.
#[async_trait]
pub trait CrudResource: Send + Sync + 'static {
    /// The type name.
    fn type_name(&self) -> &'static str;

    /// The schema (with its declared validators and plan modifiers).
    fn schema(&self) -> Schema;

    /// The identity schema, if any.
    fn identity_schema(&self) -> Option<IdentitySchema> {
        None
    }

    /// Checks beyond the declared validators.
    async fn validate(&self, _req: ValidateRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Adjusts a create or update plan beyond the declared plan modifiers.
    async fn modify_plan(&self, req: PlanRequest) -> PlanResponse {
        PlanResponse::from_request(req)
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

    /// The configuration `terraform query -generate-config-out` writes for an instance: by
    /// default its state without computed-only and write-only attributes.
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        Ok(generated_config(&self.schema(), req.state))
    }
}

/// Serves a [`CrudResource`] as a [`Resource`].
pub struct Crud<R>(pub R);

/// `resource` as a [`Resource`] the provider lists.
pub fn crud<R: CrudResource>(resource: R) -> Arc<dyn Resource> {
    Arc::new(Crud(resource))
}

#[async_trait]
impl<R: CrudResource> Resource for Crud<R> {
    fn type_name(&self) -> &'static str {
        self.0.type_name()
    }

    fn schema(&self) -> Schema {
        self.0.schema()
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        self.0.identity_schema()
    }

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        self.0.validate(req).await
    }

    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        self.0.modify_plan(req).await
    }

    async fn apply(&self, req: ApplyRequest) -> ApplyResponse {
        if req.planned_state.is_null() {
            let (prior, private) = (req.prior_state.clone(), req.planned_private.clone());
            return match self.0.delete(req).await {
                Ok(()) => ApplyResponse::deleted(),
                Err(d) => ApplyResponse::error(d)
                    .with_state(prior)
                    .with_private(private),
            };
        }
        if req.prior_state.is_null() {
            return self
                .0
                .create(req)
                .await
                .unwrap_or_else(ApplyResponse::error);
        }
        let (prior, private) = (req.prior_state.clone(), req.planned_private.clone());
        self.0.update(req).await.unwrap_or_else(|d| {
            ApplyResponse::error(d)
                .with_state(prior)
                .with_private(private)
        })
    }

    async fn read(&self, req: ReadRequest) -> ReadResponse {
        let (state, private) = (req.current_state.clone(), req.private.clone());
        self.0
            .read(req)
            .await
            .unwrap_or_else(|d| ReadResponse::from_state(state, private).with_diagnostics(d))
    }

    async fn import(&self, req: ImportRequest) -> ImportResponse {
        self.0
            .import(req)
            .await
            .unwrap_or_else(ImportResponse::error)
    }

    async fn generate_config(&self, req: GenerateConfigRequest) -> Result<Value, Diagnostics> {
        self.0.generate_config(req).await
    }
}
