//! Refreshing and importing a `codespaces_org_secret`. Reads are answered from the client's
//! per-run cache (one list of the organization's secrets, one repository list per secret),
//! never one GET per secret.

use crate::provider::state::ProviderState;
use crate::provider::support::{api_error, repository_ids_value, secret_name_problem, Marker};
use tfplugin::{
    log, Diagnostic, ImportResponse, ImportedResource, ReadRequest, ReadResponse, Value,
};

/// Refreshes the state from GitHub; a secret deleted outside Terraform leaves the state.
pub async fn read(provider: &ProviderState, req: ReadRequest) -> ReadResponse {
    let mut state = req.current_state;
    let api = match provider.api() {
        Ok(api) => api,
        Err(d) => return errored(state, req.private, d),
    };
    let name = state
        .get("secret_name")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let secret = match api.client.cached_secret(&api.owner, &name).await {
        Ok(Some(secret)) => secret,
        Ok(None) => {
            log::info(
                "secret not found in GitHub; removing it from the state",
                &[("secret_name", &name), ("owner", &api.owner)],
            );
            return ReadResponse::default();
        }
        Err(e) => return errored(state, req.private, api_error("read the secret", &e)),
    };
    let visibility = secret.visibility.to_string();
    state.set("id", Value::string(&secret.name));
    state.set("created_at", Value::string(&secret.created_at));
    state.set("updated_at", Value::string(&secret.updated_at));
    let manages_grants = !state.get("selected_repository_ids").is_null();
    if manages_grants && visibility == "selected" {
        match api
            .client
            .cached_selected_repositories(&api.owner, &name)
            .await
        {
            Ok(repos) => state.set(
                "selected_repository_ids",
                repository_ids_value(repos.iter().map(|r| r.id)),
            ),
            Err(e) => {
                let d = api_error("read the secret's repositories", &e);
                return errored(state, req.private, d);
            }
        }
    }
    state.set("visibility", Value::string(visibility));
    ReadResponse {
        new_state: state,
        private: req.private,
        diagnostics: Default::default(),
    }
}

/// Imports a secret by name. The value cannot be read back from GitHub, so the next apply
/// sends the configured one (the private marker is left empty for that).
pub async fn import(provider: &ProviderState, id: &str) -> ImportResponse {
    if let Some(problem) = secret_name_problem(id) {
        return import_error(Diagnostic::error(
            "Invalid import ID",
            format!("{problem} The import ID of codespaces_org_secret is the secret's name."),
        ));
    }
    let api = match provider.api() {
        Ok(api) => api,
        Err(d) => return import_error(d),
    };
    let secret = match api.client.get_secret(&api.owner, id).await {
        Ok(secret) => secret,
        Err(e) if e.is_not_found() => {
            return import_error(Diagnostic::error(
                "Cannot import a secret that does not exist",
                format!(
                    "Organization {:?} has no Codespaces secret named {id}. Check the name \
                     and the provider's `owner`.",
                    api.owner
                ),
            ))
        }
        Err(e) => return import_error(api_error("read the secret to import", &e)),
    };
    let state = Value::object([
        ("id", Value::string(&secret.name)),
        ("secret_name", Value::string(id)),
        ("value", Value::Null),
        ("value_wo", Value::Null),
        ("value_wo_version", Value::Null),
        ("encrypted_value", Value::Null),
        ("key_id", Value::Null),
        ("visibility", Value::string(secret.visibility.to_string())),
        ("selected_repository_ids", Value::Null),
        ("created_at", Value::string(&secret.created_at)),
        ("updated_at", Value::string(&secret.updated_at)),
    ]);
    ImportResponse {
        imported: vec![ImportedResource {
            state,
            private: Marker::default().encode(),
        }],
        diagnostics: Default::default(),
    }
}

fn errored(state: Value, private: Vec<u8>, d: Diagnostic) -> ReadResponse {
    ReadResponse {
        new_state: state,
        private,
        diagnostics: d.into(),
    }
}

fn import_error(d: Diagnostic) -> ImportResponse {
    ImportResponse {
        imported: Vec::new(),
        diagnostics: d.into(),
    }
}
