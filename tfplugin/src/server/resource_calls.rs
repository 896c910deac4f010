//! The calls into a [`Resource`]: each operation and capability asked as the protocol
//! needs it, with what the server answers when the resource fails (the prior state kept on
//! a failed update or delete, none on a failed create, the stored state on a failed read)
//! or lacks the capability (the defaults `Resource`'s accessors document).

use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::identity::IdentitySchema;
use crate::resource::{
    generated_config, ApplyRequest, ApplyResponse, GenerateConfigRequest, ImportRequest,
    ImportResponse, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource,
    UpgradeStateRequest,
};
use crate::schema::Schema;

/// The resource's identity schema, if it has identities.
pub(super) fn identity_schema(resource: &dyn Resource) -> Option<IdentitySchema> {
    resource.as_identity().map(|i| i.identity_schema())
}

/// The plan of a create or update (the declared plan modifiers have run).
pub(super) async fn plan(resource: &dyn Resource, req: PlanRequest) -> PlanResponse {
    match resource.as_modify_plan() {
        Some(m) => m.modify_plan(req).await.unwrap_or_else(PlanResponse::error),
        None => PlanResponse::from_request(req),
    }
}

/// A create (prior state null), delete (planned state null) or update.
pub(super) async fn apply(resource: &dyn Resource, req: ApplyRequest) -> ApplyResponse {
    let (prior, private) = (req.prior_state.clone(), req.planned_private.clone());
    let failed = |d: Diagnostics| {
        ApplyResponse::error(d)
            .with_state(prior)
            .with_private(private)
    };
    if req.planned_state.is_null() {
        return match resource.delete(req).await {
            Ok(()) => ApplyResponse::deleted(),
            Err(d) => failed(d),
        };
    }
    if req.prior_state.is_null() {
        return resource
            .create(req)
            .await
            .unwrap_or_else(ApplyResponse::error);
    }
    resource.update(req).await.unwrap_or_else(failed)
}

/// A refresh; on failure the stored state stays, with the diagnostics.
pub(super) async fn read(resource: &dyn Resource, req: ReadRequest) -> ReadResponse {
    let (state, private) = (req.current_state.clone(), req.private.clone());
    resource
        .read(req)
        .await
        .unwrap_or_else(|d| ReadResponse::from_state(state, private).with_diagnostics(d))
}

/// An import, or the diagnostic that the type cannot be imported.
pub(super) async fn import(resource: &dyn Resource, req: ImportRequest) -> ImportResponse {
    let Some(importer) = resource.as_import_state() else {
        return ImportResponse::error(Diagnostics::from_error(
            "Resource import not supported",
            format!(
                "{} cannot be imported: this provider does not implement import for it.",
                resource.type_name()
            ),
        ));
    };
    importer
        .import_state(req)
        .await
        .unwrap_or_else(ImportResponse::error)
}

/// A stored state as a value of the current `schema`.
pub(super) async fn upgrade_state(
    resource: &dyn Resource,
    schema: &Schema,
    req: UpgradeStateRequest,
) -> Outcome<Value> {
    match resource.as_upgrade_state() {
        Some(u) => u.upgrade_state(req).await,
        None => req.decode(schema),
    }
}

/// The configuration to generate for an instance of `schema`.
pub(super) async fn generate_config(
    resource: &dyn Resource,
    schema: &Schema,
    req: GenerateConfigRequest,
) -> Outcome<Value> {
    match resource.as_generate_config() {
        Some(g) => g.generate_config(req).await,
        None => Ok(generated_config(schema, req.state)),
    }
}
