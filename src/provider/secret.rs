//! The secrets of every scope, written once: `codespaces_org_secret`,
//! `codespaces_repository_secret` and `codespaces_user_secret` are one [`SecretResource`]
//! each, told apart by their [`Scope`]. A secret's value (plaintext, write-only plaintext,
//! or sealed elsewhere; or managed elsewhere), its drift (a newer `updated_at` than our last
//! write), its in-place updates, its plan-time checks (credentials, a name already taken,
//! duplicates, replacements), identity, import and generated configuration are the same in
//! every scope; what a scope adds is a repository secret's `repository`, an organization
//! secret's `visibility`, and the `selected_repository_ids` of the scopes with grants.
//!
//! Reading order: the schema (`schema.rs`), its models (`model.rs`), then `validate.rs`,
//! `plan.rs` (with `one_name.rs`, the checks of the name), `apply.rs` (with `refused.rs`,
//! what GitHub's refusals mean), `read.rs` (refresh and import), `moved.rs` (`moved`
//! blocks from integrations/github), and `push.rs` (the action that pushes a value on
//! demand).

mod apply;
mod model;
mod moved;
mod one_name;
mod plan;
mod push;
mod read;
mod refused;
mod rules;
mod schema;
mod validate;

pub use model::SecretState;
pub use push::ValueAction;
pub use schema::{decode, encode, schema, scope_word};

use std::sync::Arc;

use async_trait::async_trait;

use super::identity;
use super::scope::Scope;
use super::state::ProviderState;
use model::SecretPlan;
use tfplugin::{
    ApplyRequest, ApplyResponse, Diagnostics, GenerateConfig, GenerateConfigRequest,
    IdentitySchema, ImportRequest, ImportResponse, ImportState, ModifyPlan, MoveSource, MoveState,
    MoveStateRequest, MoveStateResponse, Outcome, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, Resource, ResourceIdentity, Schema, UpgradeState, UpgradeStateRequest,
    ValidateConfig, ValidateRequest, Value,
};

/// The secrets of one scope, as a resource type.
pub struct SecretResource {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl SecretResource {
    /// The resource type of `scope`'s secrets, sharing the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        SecretResource { scope, provider }
    }
}

#[async_trait]
impl Resource for SecretResource {
    fn type_name(&self) -> &'static str {
        self.scope.secret_type()
    }

    fn schema(&self) -> Schema {
        schema(self.scope)
    }

    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        Some(self)
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

    fn as_upgrade_state(&self) -> Option<&dyn UpgradeState> {
        Some(self)
    }

    fn as_generate_config(&self) -> Option<&dyn GenerateConfig> {
        Some(self)
    }

    fn as_move_state(&self) -> Option<&dyn MoveState> {
        Some(self)
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        apply::create(self.scope, &api, self.provider.names(), req).await
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let stored = (req.current_state.clone(), req.private.clone());
        match async { read::read(self.scope, &self.provider.api()?, req).await }.await {
            Err(d) => self.provider.reports().failed_refresh(d, stored),
            done => done,
        }
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        apply::update(self.scope, &api, self.provider.names(), req).await
    }

    async fn delete(&self, req: ApplyRequest) -> Outcome<()> {
        let api = self.provider.api()?;
        apply::delete(self.scope, &api, self.provider.names(), req).await
    }
}

#[async_trait]
impl ValidateConfig for SecretResource {
    async fn validate_config(&self, req: ValidateRequest) -> Diagnostics {
        validate::validate(self.scope, &req)
    }
}

#[async_trait]
impl ModifyPlan for SecretResource {
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        plan::modify_plan(self.scope, &self.provider, req).await
    }
}

#[async_trait]
impl ImportState for SecretResource {
    /// Imports by ID (`read::import_id_of`) or by identity.
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let api = self.provider.api()?;
        let named = match &req.identity {
            Some(given) if req.id.is_empty() => {
                let named = identity::imported(self.scope, given, api.owner().ok(), false)?;
                read::Imported {
                    repository: named.repository,
                    name: named.secret_name,
                }
            }
            _ => read::import_id_of(self.scope, &req.id)?,
        };
        read::import(self.scope, &api, named).await
    }
}

impl ResourceIdentity for SecretResource {
    fn identity_schema(&self) -> IdentitySchema {
        identity::secret_schema(self.scope)
    }
}

#[async_trait]
impl UpgradeState for SecretResource {
    /// Reads a stored state, noting the name it holds (`names.rs`): Terraform upgrades every
    /// instance in state before planning it, tainted ones included.
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        let state = req.decode(&schema(self.scope))?;
        if let Some(name) = state.get("secret_name").as_str() {
            let repository = state.get("repository").as_str();
            if let Ok(home) = self.provider.home(self.scope, repository) {
                self.provider.names().hold(&home, name);
            }
        }
        Ok(state)
    }
}

#[async_trait]
impl MoveState for SecretResource {
    /// integrations/github's secret of the same scope (`moved.rs`).
    fn move_sources(&self) -> Vec<MoveSource> {
        moved::sources(self.scope)
    }

    async fn move_state(&self, req: MoveStateRequest) -> Outcome<MoveStateResponse> {
        moved::move_state(self.scope, &req)
    }
}

#[async_trait]
impl GenerateConfig for SecretResource {
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        let state: SecretState = decode(self.scope, &req.state)?;
        encode(self.scope, &SecretPlan::generated(state))
    }
}
