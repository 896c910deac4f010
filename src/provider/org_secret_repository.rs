//! `codespaces_org_secret_repository`: one repository's access to one `selected` secret.
//! Both attributes force replacement; create adds the repository, delete removes it, and
//! read checks membership in the secret's repository list (fetched once per secret per run
//! and shared by every grant of that secret).

use std::sync::Arc;

use async_trait::async_trait;

use super::state::{Api, ProviderState};
use super::support::{api_error, check_secret_name, secret_name_problem};
use crate::github;
use tfplugin::{
    log, ApplyRequest, ApplyResponse, Attribute, AttributePath, Block, Diagnostic, Diagnostics,
    ImportResponse, ImportedResource, PlanRequest, PlanResponse, ReadRequest, ReadResponse,
    Resource, Schema, Type, ValidateRequest, Value,
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
            .attribute(Attribute::computed("id", Type::String).description(
                "`SECRET_NAME:REPOSITORY_ID`, with the name upper-case. Also the import ID.",
            ))
            .attribute(
                Attribute::required("secret_name", Type::String).description(
                    "The secret's name (case is ignored). Changing it replaces the grant.",
                ),
            )
            .attribute(
                Attribute::required("repository_id", Type::Number).description(
                    "The repository's numeric ID (see the `codespaces_repository` data source). \
                 Changing it replaces the grant.",
                ),
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

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let name = req.config.get("secret_name");
        if let Some(d) = check_secret_name(name, AttributePath::attr("secret_name")) {
            diags.push(d);
        }
        let id = req.config.get("repository_id");
        if !id.is_unknown() && !id.is_null() && id.as_i64().is_none_or(|n| n <= 0) {
            diags.push(
                Diagnostic::error(
                    "Invalid repository ID",
                    "`repository_id` is a positive whole number.",
                )
                .at(AttributePath::attr("repository_id")),
            );
        }
        diags
    }

    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        let mut planned = req.proposed_new_state;
        let mut requires_replace = Vec::new();
        let prior = &req.prior_state;
        if prior.is_null() {
            planned.set("id", Value::Unknown);
        } else {
            let same_name = match (
                prior.get("secret_name").as_str(),
                planned.get("secret_name").as_str(),
            ) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            };
            if !same_name {
                requires_replace.push(AttributePath::attr("secret_name"));
            }
            if prior.get("repository_id").as_i64() != planned.get("repository_id").as_i64() {
                requires_replace.push(AttributePath::attr("repository_id"));
            }
            if !requires_replace.is_empty() {
                planned.set("id", Value::Unknown);
            }
        }
        PlanResponse {
            planned_state: planned,
            requires_replace,
            planned_private: req.prior_private,
            diagnostics: Diagnostics::new(),
        }
    }

    async fn apply(&self, req: ApplyRequest) -> ApplyResponse {
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return failed(req.prior_state, d),
        };
        if req.planned_state.is_null() {
            return delete(&api, req.prior_state).await;
        }
        if !req.prior_state.is_null() {
            // Only a change of `secret_name`'s case reaches here: nothing to send.
            return ApplyResponse {
                new_state: req.planned_state,
                ..Default::default()
            };
        }
        let mut state = req.planned_state;
        let (name, repo) = parts(&state);
        match api
            .client
            .add_selected_repository(&api.owner, &name, repo)
            .await
        {
            Ok(()) => {
                state.set("id", Value::string(grant_id(&name, repo)));
                ApplyResponse {
                    new_state: state,
                    ..Default::default()
                }
            }
            Err(e) if e.is_conflict() => failed(Value::Null, conflict_diagnostic(&name)),
            Err(e) => failed(Value::Null, api_error("grant the repository access", &e)),
        }
    }

    async fn read(&self, req: ReadRequest) -> ReadResponse {
        let state = req.current_state;
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return read_failed(state, d),
        };
        let (name, repo) = parts(&state);
        match granted(&api, &name, repo).await {
            Ok(true) => ReadResponse {
                new_state: state,
                private: req.private,
                diagnostics: Diagnostics::new(),
            },
            Ok(false) => {
                let repo_text = repo.to_string();
                log::info(
                    "repository no longer has access to the secret; removing the grant from the state",
                    &[("secret_name", &name), ("repository_id", &repo_text)],
                );
                ReadResponse::default()
            }
            Err(e) => read_failed(state, api_error("read the secret's repositories", &e)),
        }
    }

    async fn import(&self, id: &str) -> ImportResponse {
        let parsed = id
            .rsplit_once(':')
            .and_then(|(name, repo)| Some((name, repo.parse::<i64>().ok()?)));
        let Some((name, repo)) = parsed.filter(|(n, r)| secret_name_problem(n).is_none() && *r > 0)
        else {
            return import_failed(Diagnostic::error(
                "Invalid import ID",
                format!(
                    "{id:?} is not `SECRET_NAME:REPOSITORY_ID` (for example `DB_PASSWORD:1296269`)."
                ),
            ));
        };
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return import_failed(d),
        };
        match granted(&api, name, repo).await {
            Ok(true) => ImportResponse {
                imported: vec![ImportedResource {
                    state: Value::object([
                        ("id", Value::string(grant_id(name, repo))),
                        ("secret_name", Value::string(name)),
                        ("repository_id", Value::int(repo)),
                    ]),
                    private: Vec::new(),
                }],
                diagnostics: Diagnostics::new(),
            },
            Ok(false) => import_failed(Diagnostic::error(
                "Cannot import a grant that does not exist",
                format!("Repository {repo} does not have access to secret {name} (or the secret does not exist)."),
            )),
            Err(e) => import_failed(api_error("read the secret's repositories", &e)),
        }
    }
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

async fn delete(api: &Api, prior: Value) -> ApplyResponse {
    let (name, repo) = parts(&prior);
    match api
        .client
        .remove_selected_repository(&api.owner, &name, repo)
        .await
    {
        Ok(()) => ApplyResponse::default(),
        // Gone already, or the secret is no longer `selected`: either way no grant remains.
        Err(e) if e.is_not_found() || e.is_conflict() => ApplyResponse::default(),
        Err(e) => failed(prior, api_error("remove the repository's access", &e)),
    }
}

fn failed(state: Value, d: Diagnostic) -> ApplyResponse {
    ApplyResponse {
        new_state: state,
        private: Vec::new(),
        diagnostics: d.into(),
    }
}

fn read_failed(state: Value, d: Diagnostic) -> ReadResponse {
    ReadResponse {
        new_state: state,
        private: Vec::new(),
        diagnostics: d.into(),
    }
}

fn import_failed(d: Diagnostic) -> ImportResponse {
    ImportResponse {
        imported: Vec::new(),
        diagnostics: d.into(),
    }
}
