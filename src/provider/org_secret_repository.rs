//! `codespaces_org_secret_repository`: one repository's access to one `selected` secret.
//! Both attributes force replacement; create adds the repository, delete removes it, and
//! read checks membership in the secret's repository list (fetched once per secret per run
//! and shared by every grant of that secret). A grant whose secret is not `selected`, or is
//! planned not to be, is a plan error (see `plans.rs` for how the grant learns of the
//! secret's plan).

use std::sync::Arc;

use async_trait::async_trait;

use super::identity;
use super::plans::Planned;
use super::state::{Api, ProviderState};
use super::support::{api_error, secret_name_problem, secret_name_rule};
use crate::github::{self, ApiErrorKind};
use tfplugin::{
    differs_ignoring_case, ApplyRequest, ApplyResponse, Attribute, AttributePath, Block,
    Diagnostic, Diagnostics, IdentitySchema, ImportRequest, ImportResponse, ImportedResource,
    Outcome, PlanModifier, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource, Schema,
    Type, ValidateRequest, Value,
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

fn schema() -> Schema {
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
                    .plan_modifier(PlanModifier::requires_replace_if(|a, b| {
                        a.as_i64() != b.as_i64()
                    })),
            ),
    )
}

fn grant_id(name: &str, repository_id: i64) -> String {
    format!("{}:{repository_id}", name.to_ascii_uppercase())
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

#[async_trait]
impl Resource for OrgSecretRepository {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret_repository"
    }

    fn schema(&self) -> Schema {
        schema()
    }

    fn identity_schema(&self) -> Option<IdentitySchema> {
        Some(identity::grant_schema())
    }

    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        let planned = self.provider.owner().and_then(|owner| {
            let state = &req.proposed_new_state;
            identity::grant(&owner, state.get("secret_name"), state.get("repository_id"))
        });
        let problem = self.visibility_problem(&req).await;
        let mut response = PlanResponse::from_request(req);
        if planned.is_some() {
            response.planned_identity = planned;
        }
        response.diagnostics.extend(problem);
        Ok(response)
    }

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        let id = req.config.get("repository_id");
        if !id.is_unknown() && !id.is_null() && id.as_i64().is_none_or(|n| n <= 0) {
            return Diagnostic::error(
                "Invalid repository ID",
                "`repository_id` is a positive whole number.",
            )
            .at(AttributePath::attr("repository_id"))
            .into();
        }
        Diagnostics::new()
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        let mut state = req.planned_state;
        let (name, repo) = parts(&state);
        match api
            .client
            .add_selected_repository(&api.owner, &name, repo)
            .await
        {
            Ok(()) => {
                state.set("id", Value::string(grant_id(&name, repo)));
                let id = grant_identity(&api.owner, &name, repo);
                Ok(ApplyResponse::from_state(state).with_identity(id))
            }
            Err(e) if e.is_conflict() => Err(conflict_diagnostic(&name).into()),
            Err(e) if e.api().is_some_and(|a| a.kind == ApiErrorKind::Validation) => {
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
        let (name, repo) = parts(&req.planned_state);
        let id = grant_identity(&api.owner, &name, repo);
        Ok(ApplyResponse::from_state(req.planned_state).with_identity(id))
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let api = self.provider.api()?;
        let (name, repo) = parts(&req.current_state);
        let still = granted(&api, &name, repo)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        if still {
            let id = grant_identity(&api.owner, &name, repo);
            return Ok(ReadResponse::from_state(req.current_state, req.private).with_identity(id));
        }
        tracing::info!(
            secret_name = %name,
            repository_id = repo,
            "repository no longer has access to the secret; removing the grant from the state"
        );
        Ok(ReadResponse::gone())
    }

    async fn delete(&self, req: ApplyRequest) -> Outcome<()> {
        let api = self.provider.api()?;
        let (name, repo) = parts(&req.prior_state);
        match api
            .client
            .remove_selected_repository(&api.owner, &name, repo)
            .await
        {
            Ok(()) => Ok(()),
            // Gone already, or the secret is no longer `selected`: either way no grant remains.
            Err(e) if e.is_not_found() || e.is_conflict() => Ok(()),
            Err(e) => Err(api_error("remove the repository's access", &e).into()),
        }
    }

    async fn import(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let api = self.provider.api()?;
        let by_identity = match &req.identity {
            Some(given) if req.id.is_empty() => {
                let name = identity::imported_name(given, &api.owner)?;
                let repo = given.get("repository_id").as_i64().unwrap_or_default();
                Some(format!("{name}:{repo}"))
            }
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
        let state = Value::object([
            ("id", Value::string(grant_id(name, repo))),
            ("secret_name", Value::string(name)),
            ("repository_id", Value::int(repo)),
        ]);
        let mut imported = ImportedResource::new(state, Vec::new());
        imported.identity = Some(grant_identity(&api.owner, name, repo));
        Ok(ImportResponse::one(imported))
    }
}

impl OrgSecretRepository {
    /// A grant planned to exist whose secret is planned (by a `codespaces_org_secret` plan
    /// earlier in this run) not to be `selected`, or, when no such plan was seen and the grant
    /// is new, is not `selected` in GitHub: GitHub would refuse the grant, or remove it.
    async fn visibility_problem(&self, req: &PlanRequest) -> Diagnostics {
        let Some(name) = req.proposed_new_state.get("secret_name").as_str() else {
            return Diagnostics::new();
        };
        let at = AttributePath::attr("secret_name");
        let planned = self.provider.plans().planned_visibility(name);
        match planned {
            Planned::Visibility(v) if v != "selected" => {
                let why = format!(
                    "This plan sets the visibility of secret {} to {v:?}.",
                    upper(name)
                );
                return not_selected(why).at(at).into();
            }
            Planned::Visibility(_) | Planned::Unknown => return Diagnostics::new(),
            Planned::Nothing => {}
        }
        let creating = req.prior_state.is_null();
        if !creating || !self.provider.unknown_settings().is_empty() {
            return Diagnostics::new();
        }
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return d.into(),
        };
        match self.provider.plans().secret(&api, name).await {
            Err(d) => d.into(),
            Ok(Some(s)) if s.visibility != github::Visibility::Selected => {
                let why = format!(
                    "The visibility of secret {} in GitHub is \"{}\", and no plan of that \
                     secret seen before this grant's changes it.",
                    upper(name),
                    s.visibility
                );
                let mut d = not_selected(why);
                d.detail.push_str(
                    " If a codespaces_org_secret in this configuration sets it to \
                     \"selected\", make this grant refer to it (`secret_name = \
                     codespaces_org_secret.NAME.secret_name`), so that Terraform plans and \
                     applies the secret first.",
                );
                d.at(at).into()
            }
            Ok(_) => Diagnostics::new(),
        }
    }
}

/// A grant on a secret that is not, or will not be, `selected`; `why` says which.
fn not_selected(why: String) -> Diagnostic {
    Diagnostic::error(
        "Repository grants need visibility \"selected\"",
        format!(
            "{why} GitHub grants repositories access only to a \"selected\" secret (409 \
             Conflict otherwise) and removes every grant when the visibility changes, so this \
             grant would be refused or lost. Keep `visibility = \"selected\"` on the secret, \
             or remove this grant from the configuration."
        ),
    )
}

fn upper(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// A grant's identity from known parts.
fn grant_identity(owner: &str, name: &str, repo: i64) -> Value {
    identity::grant(owner, &Value::string(name), &Value::int(repo)).unwrap_or(Value::Null)
}

fn parts(state: &Value) -> (String, i64) {
    let name = state
        .get("secret_name")
        .as_str()
        .unwrap_or_default()
        .to_string();
    (
        name,
        state.get("repository_id").as_i64().unwrap_or_default(),
    )
}

/// Whether `repo` is in the secret's repository list; a missing secret, or one whose
/// visibility is no longer `selected`, has no grants.
async fn granted(api: &Api, name: &str, repo: i64) -> Result<bool, github::Error> {
    match api
        .client
        .cached_selected_repositories(&api.owner, name)
        .await
    {
        Ok(repos) => Ok(repos.iter().any(|r| r.id == repo)),
        Err(e) if e.is_not_found() || e.is_conflict() => Ok(false),
        Err(e) => Err(e),
    }
}
