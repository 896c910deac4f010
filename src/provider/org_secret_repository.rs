//! `codespaces_org_secret_repository`: one repository's access to one `selected` secret.
//! Both attributes force replacement; create adds the repository, delete removes it, and
//! read checks membership in the secret's repository list (fetched once per secret per run
//! and shared by every grant of that secret). A grant whose secret is not `selected`, or is
//! planned not to be, is a plan error (see `plans.rs` for how the grant learns of the
//! secret's plan). The plan-time check of the secret's visibility is in `visibility.rs`.

mod visibility;

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::identity;
use super::run::RepositoryChange;
use super::state::{Api, ProviderState};
use super::support::{
    api_error, known_at_apply, repository_id_rule, secret_name_problem, secret_name_rule,
};
use github_client::Error;
use tfplugin::{
    differs_ignoring_case, ApplyRequest, ApplyResponse, Attribute, AttributePath, Block,
    Diagnostic, IdentitySchema, ImportRequest, ImportResponse, ImportState, ImportedResource,
    MaybeUnknown, ModifyPlan, Outcome, PlanModifier, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, Resource, ResourceIdentity, Schema, Type,
};

/// The resource type.
pub struct OrgSecretRepository {
    provider: Arc<ProviderState>,
}

impl OrgSecretRepository {
    /// The resource, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        OrgSecretRepository { provider }
    }
}

/// A grant as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// `SECRET_NAME:REPOSITORY_ID`.
    pub id: String,
    /// The secret's name, as configured.
    pub secret_name: String,
    /// The repository.
    pub repository_id: i64,
}

impl Grant {
    /// The grant of `repository_id`'s access to secret `name`.
    pub fn new(name: &str, repository_id: i64) -> Self {
        Grant {
            id: format!("{}:{repository_id}", name.to_ascii_uppercase()),
            secret_name: name.to_string(),
            repository_id,
        }
    }
}

/// A grant as configured, proposed or planned: anything may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct GrantPlan {
    id: MaybeUnknown<Option<String>>,
    secret_name: MaybeUnknown<String>,
    repository_id: MaybeUnknown<i64>,
}

impl GrantPlan {
    /// The secret's name and the repository, known at apply.
    fn parts(&self) -> Result<(&str, i64), Diagnostic> {
        Ok((
            known_at_apply(&self.secret_name, "secret_name")?,
            *known_at_apply(&self.repository_id, "repository_id")?,
        ))
    }
}

/// The schema, with its two models.
pub fn schema() -> Schema {
    Schema::new(
        Block::new()
            .description(
                "Gives one repository access to a Codespaces organization secret whose \
                 visibility is `selected`. Use one resource per repository; grants made this \
                 way survive updates of the secret's value.",
            )
            .attribute(
                Attribute::computed("id", Type::String)
                    .description(
                        "`SECRET_NAME:REPOSITORY_ID`, with the name upper-case. Also the import \
                         ID.",
                    )
                    .plan_modifier(PlanModifier::UseStateForUnknown),
            )
            .attribute(
                Attribute::required("secret_name", Type::String)
                    .description(
                        "The secret's name (case is ignored). Changing it replaces the grant.",
                    )
                    .validate(secret_name_rule())
                    .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case)),
            )
            .attribute(
                Attribute::required("repository_id", Type::Number)
                    .description(
                        "The repository's numeric ID (see the `codespaces_repository` data \
                         source). Changing it replaces the grant.",
                    )
                    .validate(repository_id_rule)
                    .plan_modifier(PlanModifier::requires_replace_if(|a, b| {
                        a.as_i64() != b.as_i64()
                    })),
            ),
    )
    .model::<GrantPlan>()
    .model::<Grant>()
}

fn conflict_diagnostic(name: &str) -> Diagnostic {
    Diagnostic::error(
        "The secret's visibility must be \"selected\"",
        format!(
            "GitHub answered 409 Conflict: repositories can be granted access to secret {name} \
             only while its visibility is \"selected\". Set `visibility = \"selected\"` on the \
             secret (and make this resource depend on it)."
        ),
    )
}

impl OrgSecretRepository {
    /// Refreshes the grant: gone once the repository no longer has access.
    async fn refresh(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let api = self.provider.api()?;
        let Grant {
            secret_name: name,
            repository_id: repo,
            ..
        } = req.to_model(&req.current_state)?;
        let still = granted(&api, &name, repo)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        if still {
            let id = identity::grant(&api.owner, &name, repo)?;
            return Ok(ReadResponse::from_state(req.current_state, req.private).with_identity(id));
        }
        tracing::info!(
            secret_name = %name,
            repository_id = repo,
            "repository no longer has access to the secret; removing the grant from the state"
        );
        Ok(ReadResponse::gone())
    }
}

#[async_trait]
impl Resource for OrgSecretRepository {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret_repository"
    }

    fn schema(&self) -> Schema {
        schema()
    }

    fn as_modify_plan(&self) -> Option<&dyn ModifyPlan> {
        Some(self)
    }

    fn as_import_state(&self) -> Option<&dyn ImportState> {
        Some(self)
    }

    fn as_identity(&self) -> Option<&dyn ResourceIdentity> {
        Some(self)
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        let planned: GrantPlan = req.to_model(&req.planned_state)?;
        let (name, repo) = planned.parts()?;
        let change = RepositoryChange::Add(repo);
        match api.run.change_repositories(&api.org(), name, change).await {
            Ok(()) => {
                let state = req.to_value(&Grant::new(name, repo))?;
                let id = identity::grant(&api.owner, name, repo)?;
                Ok(ApplyResponse::from_state(state).with_identity(id))
            }
            Err(e) if e.is_conflict() => Err(conflict_diagnostic(name).into()),
            Err(e) if e.is_not_found() => Err(visibility::missing_secret(&api.owner, name)
                .at(AttributePath::attr("secret_name"))
                .into()),
            Err(e) if e.is_validation() => {
                let d = api_error("grant the repository access", &e);
                let detail = format!(
                    "{} Check that repository {repo} belongs to organization {:?} (the \
                     `codespaces_repository` data source looks an ID up by name).",
                    d.detail, api.owner
                );
                Err(Diagnostic::error(d.summary, detail)
                    .at(AttributePath::attr("repository_id"))
                    .into())
            }
            Err(e) => Err(api_error("grant the repository access", &e).into()),
        }
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        // Only a change of `secret_name`'s case reaches here: nothing to send.
        let api = self.provider.api()?;
        let planned: GrantPlan = req.to_model(&req.planned_state)?;
        let (name, repo) = planned.parts()?;
        let id = identity::grant(&api.owner, name, repo)?;
        Ok(ApplyResponse::from_state(req.planned_state).with_identity(id))
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let stored = (req.current_state.clone(), req.private.clone());
        match self.refresh(req).await {
            Err(d) => self.provider.reports().failed_refresh(d, stored),
            done => done,
        }
    }

    async fn delete(&self, req: ApplyRequest) -> Outcome<()> {
        let api = self.provider.api()?;
        let prior: Grant = req.to_model(&req.prior_state)?;
        let change = RepositoryChange::Remove(prior.repository_id);
        match api
            .run
            .change_repositories(&api.org(), &prior.secret_name, change)
            .await
        {
            Ok(()) => Ok(()),
            // Gone already, or the secret is no longer `selected`: either way no grant remains.
            Err(e) if e.is_not_found() || e.is_conflict() => Ok(()),
            Err(e) => Err(api_error("remove the repository's access", &e).into()),
        }
    }
}

#[async_trait]
impl ModifyPlan for OrgSecretRepository {
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        let proposed: GrantPlan = req.to_model(&req.proposed_new_state)?;
        let owner = self.provider.owner();
        let identity = match (&owner, &proposed.secret_name, proposed.repository_id) {
            (Some(owner), MaybeUnknown::Known(name), MaybeUnknown::Known(repo)) => {
                Some(identity::grant(owner, name, repo)?)
            }
            _ => None,
        };
        let creating = req.prior_state.is_null();
        let problem = self
            .visibility_problem(&proposed.secret_name, creating)
            .await;
        let problem = self.provider.reports().not_yet_reported(problem);
        let mut response = PlanResponse::from_request(req);
        if identity.is_some() {
            response.planned_identity = identity;
        }
        response.diagnostics.extend(problem);
        Ok(response)
    }
}

#[async_trait]
impl ImportState for OrgSecretRepository {
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let api = self.provider.api()?;
        let by_identity = match &req.identity {
            Some(given) if req.id.is_empty() => Some(identity::imported_grant(given, &api.owner)?),
            _ => None,
        };
        let id = by_identity.as_deref().unwrap_or(&req.id);
        let parsed = id
            .rsplit_once(':')
            .and_then(|(name, repo)| Some((name, repo.parse::<i64>().ok()?)));
        let Some((name, repo)) = parsed.filter(|(n, r)| secret_name_problem(n).is_none() && *r > 0)
        else {
            return Err(Diagnostic::error(
                "Invalid import ID",
                format!(
                    "{id:?} is not `SECRET_NAME:REPOSITORY_ID` (for example `DB_PASSWORD:1296269`)."
                ),
            )
            .into());
        };
        let found = granted(&api, name, repo)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        if !found {
            return Err(Diagnostic::error(
                "Cannot import a grant that does not exist",
                format!("Repository {repo} does not have access to secret {name} (or the secret does not exist)."),
            )
            .into());
        }
        let state = req.to_value(&Grant::new(name, repo))?;
        let mut imported = ImportedResource::new(state, Vec::new());
        imported.identity = Some(identity::grant(&api.owner, name, repo)?);
        Ok(ImportResponse::one(imported))
    }
}

impl ResourceIdentity for OrgSecretRepository {
    fn identity_schema(&self) -> IdentitySchema {
        identity::grant_schema()
    }
}

/// Whether `repo` is in the secret's repository list; a missing secret, or one whose
/// visibility is no longer `selected`, has no grants.
async fn granted(api: &Api, name: &str, repo: i64) -> Result<bool, Error> {
    match api.run.repositories(&api.org(), name).await {
        Ok(repos) => Ok(repos.iter().any(|r| r.id == repo)),
        Err(e) if e.is_not_found() || e.is_conflict() => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_fit_the_schema() {
        schema().check_model::<GrantPlan>().unwrap();
        schema().check_model::<Grant>().unwrap();
    }

    #[test]
    fn grant_ids_use_the_upper_case_name() {
        let g = Grant::new("db", 7);
        assert_eq!((g.id.as_str(), g.secret_name.as_str()), ("DB:7", "db"));
    }
}
