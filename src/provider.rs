//! The provider: configuration, resources and data sources. The only layer that knows both
//! Terraform (through `tfplugin`'s traits) and GitHub (through `github_client`).
//!
//! Every scope of Codespaces secrets (an organization's, a repository's, the token's
//! user's) is served by the same code: `secret.rs` is the secret resource of each scope,
//! `grant.rs` the grant resource of each scope with grants, `lists.rs` their list resources
//! (`terraform query`), `data/` the data sources, `identity.rs` their identities, each told
//! its [`scope::Scope`]. `support.rs` holds what they share, `run.rs` what a run keeps of
//! GitHub (the one owner of every cache), and `plans.rs` what the plans of one run share.
//! Its modules form layers that only look down (checked by `tests/e2e/layers.rs`):
//!
//! 1. `support` (diagnostics from client errors, declared validators, the private marker),
//!    `reports` (a cause that stops every call reported once), `scope` (what differs
//!    between scopes), `repository_name` (repositories and owners as configurations write
//!    them);
//! 2. `identity`, `auth`, `run`, `plans`, `names` (one secret per name: the names the state
//!    holds, the plans claim and the applies write), `incumbent` (integrations/github's
//!    resource types, which `moved` blocks come from), `functions` (the provider's pure
//!    functions);
//! 3. `config` (the provider block, resolved);
//! 4. `state` (the settings, the run, the plans' view, each secret's home: what every
//!    resource is given);
//! 5. the resources and data sources: `secret`, `grant`, `data`;
//! 6. `lists`, which lists what the resources manage.

mod auth;
pub mod config;
mod data;
mod functions;
mod grant;
mod identity;
pub mod incumbent;
mod lists;
mod names;
mod plans;
mod reports;
mod repository_name;
mod run;
mod scope;
mod secret;
pub mod state;
mod support;

use std::sync::Arc;

use async_trait::async_trait;

use scope::Scope;
use state::ProviderState;
use tfplugin::{
    Action, ConfigureRequest, DataSource, Diagnostics, Function, ListResource, Provider, Resource,
    Schema,
};

/// The provider's source address.
pub const ADDRESS: &str = "registry.terraform.io/codespaces-tools/codespaces";

/// The `codespaces` provider.
#[derive(Default)]
pub struct CodespacesProvider {
    state: Arc<ProviderState>,
}

impl CodespacesProvider {
    /// A provider not yet configured.
    pub fn new() -> Self {
        CodespacesProvider::default()
    }
}

#[async_trait]
impl Provider for CodespacesProvider {
    fn schema(&self) -> Schema {
        config::schema()
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        let state = &self.state;
        let mut resources: Vec<Arc<dyn Resource>> = Vec::new();
        for scope in Scope::ALL {
            resources.push(Arc::new(secret::SecretResource::new(scope, state.clone())));
            if scope.has_grants() {
                resources.push(Arc::new(grant::GrantResource::new(scope, state.clone())));
            }
        }
        resources
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        let state = &self.state;
        let mut sources: Vec<Arc<dyn DataSource>> = Vec::new();
        for scope in Scope::ALL {
            sources.push(Arc::new(data::PublicKeyData::new(scope, state.clone())));
            sources.push(Arc::new(data::SecretsData::new(scope, state.clone())));
        }
        sources.push(Arc::new(data::OrgSecretRepositories::new(state.clone())));
        sources.push(Arc::new(data::RepositoryLookup::new(state.clone())));
        sources
    }

    fn actions(&self) -> Vec<Arc<dyn Action>> {
        Scope::ALL
            .into_iter()
            .map(|scope| {
                Arc::new(secret::ValueAction::new(scope, self.state.clone())) as Arc<dyn Action>
            })
            .collect()
    }

    fn functions(&self) -> Vec<Arc<dyn Function>> {
        vec![Arc::new(functions::SecretName)]
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        let state = &self.state;
        let mut lists: Vec<Arc<dyn ListResource>> = Vec::new();
        for scope in Scope::ALL {
            lists.push(Arc::new(lists::SecretList::new(scope, state.clone())));
            if scope.has_grants() {
                lists.push(Arc::new(lists::GrantList::new(scope, state.clone())));
            }
        }
        lists
    }

    async fn configure(&self, req: ConfigureRequest) -> Diagnostics {
        match config::configure(&req).await {
            Ok(settings) => {
                self.state.configure(settings);
                Diagnostics::new()
            }
            Err(d) => d,
        }
    }

    async fn stop(&self) {
        self.state.stop();
    }
}
