//! Refreshing and importing a secret of any scope. Reads are answered from the run's cache
//! (`run.rs`: one listing of each home's secrets, one repository list per secret whose
//! grants the resource manages), never one GET per secret.

use github_client::SecretHome;

use super::model::SecretState;
use super::one_name::import_id;
use super::schema::{decode, encode};
use crate::provider::identity;
use crate::provider::repository_name::RepositoryName;
use crate::provider::scope::{place_capitalized, Scope};
use crate::provider::state::Api;
use crate::provider::support::{api_error, secret_name_problem, Marker};
use tfplugin::{Diagnostic, ImportResponse, ImportedResource, Outcome, ReadRequest, ReadResponse};

/// Refreshes the state from GitHub; a secret deleted outside Terraform leaves the state.
pub async fn read(scope: Scope, api: &Api, req: ReadRequest) -> Outcome<ReadResponse> {
    let mut state: SecretState = decode(scope, &req.current_state)?;
    let home = api.home(scope, state.repository.as_deref())?;
    let name = state.secret_name.clone();
    let found = api
        .run
        .secret(&home, &name)
        .await
        .map_err(|e| api_error("read the secret", &e))?;
    let Some(secret) = found else {
        tracing::info!(
            secret_name = %name,
            home = %home,
            "secret not found in GitHub; removing it from the state"
        );
        return Ok(ReadResponse::gone());
    };
    state.id = secret.name.clone();
    state.created_at = secret.created_at.clone();
    state.updated_at = secret.updated_at.clone();
    let has_grants = scope.has_grants_with(secret.visibility);
    if state.selected_repository_ids.is_some() && has_grants {
        let repos = api
            .run
            .repositories(&home, &name)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        state.selected_repository_ids = Some(repos.iter().map(|r| r.id).collect());
    }
    if secret.visibility.is_some() {
        state.visibility = secret.visibility;
    }
    let identity = identity::secret(&home, &secret.name);
    let new_state = encode(scope, &state)?;
    Ok(ReadResponse::from_state(new_state, req.private).with_identity(identity))
}

/// A secret an import names: its home, its repository as the state keeps it (a repository
/// secret's), and its name.
pub struct Imported {
    /// A repository secret's `repository`, as given.
    pub repository: Option<String>,
    /// The name, as given.
    pub name: String,
}

/// Reads an import ID of `scope`: the secret's name, or for a repository secret
/// `OWNER/REPOSITORY/NAME` (or `REPOSITORY/NAME` under the provider's `owner`, the import
/// ID of integrations/github's `github_codespaces_secret`).
pub fn import_id_of(scope: Scope, id: &str) -> Result<Imported, Diagnostic> {
    let invalid = |problem: String, expected: &str| {
        Diagnostic::error(
            "Invalid import ID",
            format!(
                "{problem} The import ID of {} is {expected}.",
                scope.secret_type()
            ),
        )
    };
    let (repository, name) = match scope {
        Scope::Repository => {
            let expected = "`OWNER/REPOSITORY/SECRET_NAME` (or `REPOSITORY/SECRET_NAME` for a \
                            repository of the provider's `owner`)";
            let Some((repository, name)) = id.rsplit_once('/') else {
                return Err(invalid(format!("{id:?} names no repository."), expected));
            };
            if let Err(problem) = RepositoryName::parse(repository) {
                return Err(invalid(problem, expected));
            }
            (Some(repository.to_string()), name)
        }
        _ => (None, id),
    };
    if let Some(problem) = secret_name_problem(name) {
        return Err(invalid(problem, "the secret's name"));
    }
    Ok(Imported {
        repository,
        name: name.to_string(),
    })
}

/// Imports the secret `named`, from the same one listing of its home that refreshes use.
/// The value cannot be read back from GitHub: it stays managed elsewhere until the
/// configuration gives one, which the next apply then sends (the private marker is left
/// empty for that).
pub async fn import(scope: Scope, api: &Api, named: Imported) -> Outcome<ImportResponse> {
    let home = api.home(scope, named.repository.as_deref())?;
    let found = api
        .run
        .secret(&home, &named.name)
        .await
        .map_err(|e| api_error("read the secret to import", &e))?;
    let Some(secret) = found else {
        return Err(missing(&home, &named.name).into());
    };
    let state = SecretState::imported(&secret, named.repository.as_deref(), &named.name);
    let mut imported = ImportedResource::new(encode(scope, &state)?, Marker::default().encode());
    imported.identity = Some(identity::secret(&home, &secret.name));
    Ok(ImportResponse::one(imported))
}

fn missing(home: &SecretHome, name: &str) -> Diagnostic {
    let check = match Scope::of(home) {
        Scope::Organization => "Check the name and the provider's `owner`.",
        Scope::Repository => "Check the name and the repository.",
        Scope::User => "Check the name, and that the provider's token is the user's.",
    };
    Diagnostic::error(
        "Cannot import a secret that does not exist",
        format!(
            "{} has no Codespaces secret named {name} (import ID {:?}). {check}",
            place_capitalized(home),
            import_id(home, name),
        ),
    )
}
