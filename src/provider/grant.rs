//! One repository's access to one secret, for every scope whose secrets have grants:
//! `codespaces_org_secret_repository` (a `selected` organization secret) and
//! `codespaces_user_secret_repository` (a user secret) are one [`GrantResource`] each, told
//! apart by their [`Scope`]. Both attributes force replacement; create adds the repository,
//! delete removes it (both through the run's grant writes, which batch them), and read
//! checks membership in the secret's repository list (fetched once per secret per run and
//! shared by every grant of that secret). Grants made elsewhere are left alone. The schema,
//! models and import ID are `schema.rs`; the plan-time check of the secret (it exists and
//! is, and stays, `selected`) and what GitHub's refusals mean are `check.rs`.

mod check;
mod schema;

use schema::{import_id, GrantPlan};
pub use schema::{schema, Grant};

use std::sync::Arc;

use async_trait::async_trait;

use super::identity;
use super::incumbent;
use super::run::{GrantError, RepositoryChange};
use super::scope::{place, Scope};
use super::state::{Api, ProviderState};
use super::support::api_error;
use github_client::{Error, SecretHome};
use tfplugin::{
    ApplyRequest, ApplyResponse, Diagnostic, IdentitySchema, ImportRequest, ImportResponse,
    ImportState, ImportedResource, MaybeUnknown, ModifyPlan, MoveSource, MoveState,
    MoveStateRequest, MoveStateResponse, Outcome, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, Resource, ResourceIdentity, Schema,
};

/// The grants of one scope's secrets, as a resource type.
pub struct GrantResource {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl GrantResource {
    /// The resource type of the grants of `scope`'s secrets (a scope with grants), sharing
    /// the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        GrantResource { scope, provider }
    }
}

impl GrantResource {
    /// The home of the secrets this resource grants.
    fn home(&self, api: &Api) -> Result<SecretHome, Diagnostic> {
        api.home(self.scope, None)
    }

    /// Refreshes the grant: gone once the repository no longer has access.
    async fn refresh(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let api = self.provider.api()?;
        let home = self.home(&api)?;
        let Grant {
            secret_name: name,
            repository_id: repo,
            ..
        } = req.to_model(&req.current_state)?;
        let still = granted(&api, &home, &name, repo)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        if still {
            let id = identity::grant(&home, &name, repo);
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
impl Resource for GrantResource {
    fn type_name(&self) -> &'static str {
        self.scope.grant_type().unwrap_or_default()
    }

    fn schema(&self) -> Schema {
        schema(self.scope)
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

    fn as_move_state(&self) -> Option<&dyn MoveState> {
        incumbent::list_source(self.scope).map(|_| self as &dyn MoveState)
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        let home = self.home(&api)?;
        let planned: GrantPlan = req.to_model(&req.planned_state)?;
        let (name, repo) = planned.parts()?;
        let change = RepositoryChange::Add(repo);
        match api.run.change_repositories(&home, name, change).await {
            Ok(()) => {
                let state = req.to_value(&Grant::new(name, repo))?;
                let id = identity::grant(&home, name, repo);
                Ok(ApplyResponse::from_state(state).with_identity(id))
            }
            Err(e) => Err(self.refusal(&home, name, repo, &e).into()),
        }
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        // Only a change of `secret_name`'s case reaches here: nothing to send.
        let api = self.provider.api()?;
        let home = self.home(&api)?;
        let planned: GrantPlan = req.to_model(&req.planned_state)?;
        let (name, repo) = planned.parts()?;
        let id = identity::grant(&home, name, repo);
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
        let home = self.home(&api)?;
        let prior: Grant = req.to_model(&req.prior_state)?;
        let change = RepositoryChange::Remove(prior.repository_id);
        match api
            .run
            .change_repositories(&home, &prior.secret_name, change)
            .await
        {
            Ok(()) => Ok(()),
            // Gone already, or the secret is no longer `selected`: either way no grant remains.
            Err(e) if e.is_not_found() || e.is_conflict() => Ok(()),
            Err(e) => Err(shared(api_error("remove the repository's access", &e), &e).into()),
        }
    }
}

#[async_trait]
impl ModifyPlan for GrantResource {
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        let proposed: GrantPlan = req.to_model(&req.proposed_new_state)?;
        let home = self.provider.home(self.scope, None);
        let identity = match (&home, &proposed.secret_name, proposed.repository_id) {
            (Ok(home), MaybeUnknown::Known(name), MaybeUnknown::Known(repo)) => {
                Some(identity::grant(home, name, repo))
            }
            _ => None,
        };
        let creating = req.prior_state.is_null();
        let home_for_plan = home.clone();
        let problem = self
            .secret_problem(home, &proposed.secret_name, creating)
            .await;
        let problem = self.provider.reports().not_yet_reported(problem);
        if let (true, true, Ok(home), MaybeUnknown::Known(name), MaybeUnknown::Known(repo)) = (
            creating,
            problem.is_empty(),
            &home_for_plan,
            &proposed.secret_name,
            proposed.repository_id,
        ) {
            // Terraform applies this create in a moment: its secret's next write waits for it.
            if let Ok(api) = self.provider.api() {
                api.run.expect_grant(home, name, repo);
            }
        }
        let mut response = PlanResponse::from_request(req);
        if identity.is_some() {
            response.planned_identity = identity;
        }
        response.diagnostics.extend(problem);
        Ok(response)
    }
}

#[async_trait]
impl ImportState for GrantResource {
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let api = self.provider.api()?;
        let home = self.home(&api)?;
        let (name, repo) = match &req.identity {
            Some(given) if req.id.is_empty() => {
                let named = identity::imported(self.scope, given, api.owner().ok(), true)?;
                (named.secret_name, named.repository_id.unwrap_or_default())
            }
            _ => import_id(&req.id)?,
        };
        let found = granted(&api, &home, &name, repo)
            .await
            .map_err(|e| api_error("read the secret's repositories", &e))?;
        if !found {
            return Err(Diagnostic::error(
                "Cannot import a grant that does not exist",
                format!(
                    "Repository {repo} does not have access to secret {name} of {} (or the \
                     secret does not exist).",
                    place(&home)
                ),
            )
            .into());
        }
        let state = req.to_value(&Grant::new(&name, repo))?;
        let mut imported = ImportedResource::new(state, Vec::new());
        imported.identity = Some(identity::grant(&home, &name, repo));
        Ok(ImportResponse::one(imported))
    }
}

/// A `moved` block from integrations/github's whole list of an organization secret's
/// repositories is refused with what to do instead: one list is not one grant.
#[async_trait]
impl MoveState for GrantResource {
    fn move_sources(&self) -> Vec<MoveSource> {
        incumbent::list_source(self.scope).into_iter().collect()
    }

    /// Its one source is that list: the server refuses every other.
    async fn move_state(&self, _req: MoveStateRequest) -> Outcome<MoveStateResponse> {
        Err(incumbent::list_move_refused(self.type_name()).into())
    }
}

impl ResourceIdentity for GrantResource {
    fn identity_schema(&self) -> IdentitySchema {
        identity::grant_schema(self.scope)
    }
}

/// `d`, saying which other grants shared the failed request `e` (and so its failure).
fn shared(mut d: Diagnostic, e: &GrantError) -> Diagnostic {
    if let Some(shared) = e.shared_with() {
        d.detail = format!("{} {shared}", d.detail);
    }
    d
}

/// Whether `repo` is in the repository list of secret `name` of `home`; a missing secret,
/// or an organization secret whose visibility is no longer `selected`, has no grants.
async fn granted(api: &Api, home: &SecretHome, name: &str, repo: i64) -> Result<bool, Error> {
    match api.run.repositories(home, name).await {
        Ok(repos) => Ok(repos.iter().any(|r| r.id == repo)),
        Err(e) if e.is_not_found() || e.is_conflict() => Ok(false),
        Err(e) => Err(e),
    }
}
