//! Refreshing and importing a `codespaces_org_secret`. Reads are answered from the client's
//! per-run cache (one list of the organization's secrets, one repository list per secret),
//! never one GET per secret.

use crate::github::Secret;
use crate::provider::identity;
use crate::provider::state::Api;
use crate::provider::support::{api_error, repository_ids_value, secret_name_problem, Marker};
use tfplugin::{
    Diagnostic, ImportResponse, ImportedResource, Outcome, ReadRequest, ReadResponse, Value,
};

/// Refreshes the state from GitHub; a secret deleted outside Terraform leaves the state.
pub async fn read(api: &Api, req: ReadRequest) -> Outcome<ReadResponse> {
    let mut state = req.current_state;
    let name = state
        .get("secret_name")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let found = api
        .client
        .cached_secret(&api.owner, &name)
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
    let visibility = secret.visibility.to_string();
    state.set("id", Value::string(&secret.name));
    state.set("created_at", Value::string(&secret.created_at));
    state.set("updated_at", Value::string(&secret.updated_at));
    let manages_grants = !state.get("selected_repository_ids").is_null();
    if manages_grants && visibility == "selected" {
        let repos = api
            .client
            .cached_selected_repositories(&api.owner, &name)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        state.set(
            "selected_repository_ids",
            repository_ids_value(repos.iter().map(|r| r.id)),
        );
    }
    state.set("visibility", Value::string(visibility));
    let response = ReadResponse::from_state(state, req.private);
    Ok(
        match identity::secret(&api.owner, &Value::string(&secret.name)) {
            Some(id) => response.with_identity(id),
            None => response,
        },
    )
}

/// Imports a secret by name (from an import ID or an identity), from the same one listing
/// of the organization that refreshes use. The value cannot be read back from GitHub: it
/// stays managed elsewhere until the configuration gives one, which the next apply then
/// sends (the private marker is left empty for that).
pub async fn import(api: &Api, id: &str) -> Outcome<ImportResponse> {
    if let Some(problem) = secret_name_problem(id) {
        return Err(Diagnostic::error(
            "Invalid import ID",
            format!("{problem} The import ID of codespaces_org_secret is the secret's name."),
        )
        .into());
    }
    let found = api
        .client
        .cached_secret(&api.owner, id)
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
    let state = imported_state(&secret, id);
    let mut imported = ImportedResource::new(state, Marker::default().encode());
    imported.identity = identity::secret(&api.owner, &Value::string(&secret.name));
    Ok(ImportResponse::one(imported))
}

/// The state of an existing secret whose value Terraform does not know: every value
/// attribute null. `name` is the name as the user wrote it.
pub fn imported_state(secret: &Secret, name: &str) -> Value {
    Value::object([
        ("id", Value::string(&secret.name)),
        ("secret_name", Value::string(name)),
        ("value", Value::Null),
        ("value_wo", Value::Null),
        ("value_wo_version", Value::Null),
        ("encrypted_value", Value::Null),
        ("key_id", Value::Null),
        ("visibility", Value::string(secret.visibility.to_string())),
        ("selected_repository_ids", Value::Null),
        ("created_at", Value::string(&secret.created_at)),
        ("updated_at", Value::string(&secret.updated_at)),
    ])
}
