//! The provider: configuration, resources and data sources. The only layer that knows both
//! Terraform (through `tfplugin`'s traits) and GitHub (through `github_client`).
//!
//! One file per resource or data source, `lists.rs` for the list resources (`terraform
//! query`), `identity.rs` for resource identities; `support.rs` holds what they share,
//! `run.rs` what a run keeps of GitHub (the one owner of every cache), and `plans.rs` what
//! the plans of one run share. Its modules form layers that only look down (checked by
//! `tests/e2e/layers.rs`):
//!
//! 1. `support` (diagnostics from client errors, declared validators, the private marker),
//!    `reports` (a cause that stops every call reported once);
//! 2. `identity`, `auth`, `run`, `plans`, `names` (one secret per name: the names the state
//!    holds, the plans claim and the applies write);
//! 3. `config` (the provider block, resolved);
//! 4. `state` (the settings, the run, the plans' view: what every resource is given);
//! 5. the resources and data sources: `org_secret`, `org_secret_repository`, `data`;
//! 6. `lists`, which lists what the resources manage.

mod auth;
pub mod config;
mod data;
mod identity;
mod lists;
mod names;
mod org_secret;
mod org_secret_repository;
mod plans;
mod reports;
mod run;
pub mod state;
mod support;

use std::sync::Arc;

use async_trait::async_trait;

use state::ProviderState;
use tfplugin::{
    ConfigureRequest, DataSource, Diagnostics, ListResource, Provider, Resource, Schema,
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
        vec![
            Arc::new(org_secret::OrgSecret::new(self.state.clone())),
            Arc::new(org_secret_repository::OrgSecretRepository::new(
                self.state.clone(),
            )),
        ]
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        vec![
            Arc::new(data::OrgPublicKey::new(self.state.clone())),
            Arc::new(data::OrgSecrets::new(self.state.clone())),
            Arc::new(data::OrgSecretRepositories::new(self.state.clone())),
            Arc::new(data::RepositoryLookup::new(self.state.clone())),
        ]
    }

    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        vec![
            Arc::new(lists::SecretList::new(self.state.clone())),
            Arc::new(lists::GrantList::new(self.state.clone())),
        ]
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
