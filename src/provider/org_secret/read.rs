//! Refreshing and importing a `codespaces_org_secret`. Reads are answered from the run's
//! cache (`run.rs`: one list of the organization's secrets, one repository list per secret),
//! never one GET per secret.

use github_client::Visibility;

use super::model::SecretState;
use crate::provider::identity;
use crate::provider::state::Api;
use crate::provider::support::{api_error, secret_name_problem, Marker};
use tfplugin::{
    Diagnostic, ImportRequest, ImportResponse, ImportedResource, Outcome, ReadRequest, ReadResponse,
};

/// Refreshes the state from GitHub; a secret deleted outside Terraform leaves the state.
pub async fn read(api: &Api, req: ReadRequest) -> Outcome<ReadResponse> {
    let mut state: SecretState = req.to_model(&req.current_state)?;
    let name = state.secret_name.clone();
    let found = api
        .run
        .secret(&api.org(), &name)
        .await
        .map_err(|e| api_error("read the secret", &e))?;
    let Some(secret) = found else {
        tracing::info!(
            secret_name = %name,
            owner = %api.owner,
            "secret not found in GitHub; removing it from the state"
        );
        return Ok(ReadResponse::gone());
    };
    let visibility = secret.visibility;
    state.id = secret.name.clone();
    state.created_at = secret.created_at.clone();
    state.updated_at = secret.updated_at.clone();
    let manages_grants = state.selected_repository_ids.is_some();
    if manages_grants && visibility == Some(Visibility::Selected) {
        let repos = api
            .run
            .repositories(&api.org(), &name)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        state.selected_repository_ids = Some(repos.iter().map(|r| r.id).collect());
    }
    state.visibility = visibility.unwrap_or(state.visibility);
    let identity = identity::secret(&api.owner, &secret.name)?;
    let new_state = req.to_value(&state)?;
    Ok(ReadResponse::from_state(new_state, req.private).with_identity(identity))
}

/// Imports a secret by name (from an import ID or an identity), from the same one listing
/// of the organization that refreshes use. The value cannot be read back from GitHub: it
/// stays managed elsewhere until the configuration gives one, which the next apply then
/// sends (the private marker is left empty for that).
pub async fn import(api: &Api, req: &ImportRequest, id: &str) -> Outcome<ImportResponse> {
    if let Some(problem) = secret_name_problem(id) {
        return Err(Diagnostic::error(
            "Invalid import ID",
            format!("{problem} The import ID of codespaces_org_secret is the secret's name."),
        )
        .into());
    }
    let found = api
        .run
        .secret(&api.org(), id)
        .await
        .map_err(|e| api_error("read the secret to import", &e))?;
    let Some(secret) = found else {
        return Err(Diagnostic::error(
            "Cannot import a secret that does not exist",
            format!(
                "Organization {:?} has no Codespaces secret named {id}. Check the name and \
                 the provider's `owner`.",
                api.owner
            ),
        )
        .into());
    };
    let state = req.to_value(&SecretState::imported(&secret, id))?;
    let mut imported = ImportedResource::new(state, Marker::default().encode());
    imported.identity = Some(identity::secret(&api.owner, &secret.name)?);
    Ok(ImportResponse::one(imported))
}
