//! `codespaces_org_secret_repositories`: the repositories that may use one `selected`
//! secret.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::provider::state::ProviderState;
use crate::provider::support::{api_error, secret_name_rule};
use github_client::Repository;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Outcome, Schema, Type,
};

/// The configuration (`repositories` null) and what the data source reads.
#[derive(Debug, Serialize, Deserialize)]
struct SecretRepositories {
    secret_name: String,
    repositories: Option<Vec<RepositoryItem>>,
}

/// One repository of the list.
#[derive(Debug, Serialize, Deserialize)]
struct RepositoryItem {
    id: i64,
    name: String,
    full_name: String,
    private: bool,
}

impl From<&Repository> for RepositoryItem {
    fn from(r: &Repository) -> Self {
        RepositoryItem {
            id: r.id,
            name: r.name.clone(),
            full_name: r.full_name.clone(),
            private: r.private,
        }
    }
}

/// The data source type.
pub struct OrgSecretRepositories {
    provider: Arc<ProviderState>,
}

impl OrgSecretRepositories {
    /// The data source, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        OrgSecretRepositories { provider }
    }
}

fn repository_type() -> Type {
    Type::object([
        ("id", Type::Number),
        ("name", Type::String),
        ("full_name", Type::String),
        ("private", Type::Bool),
    ])
}

#[async_trait]
impl DataSource for OrgSecretRepositories {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret_repositories"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description(
                    "Lists the repositories that may use a Codespaces secret whose visibility \
                     is `selected`.",
                )
                .attribute(
                    Attribute::required("secret_name", Type::String)
                        .description("The secret's name (case is ignored).")
                        .validate(secret_name_rule()),
                )
                .attribute(
                    Attribute::computed("repositories", Type::list(repository_type()))
                        .description("The repositories: `id`, `name`, `full_name`, `private`."),
                ),
        )
        .model::<SecretRepositories>()
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let mut state: SecretRepositories = req.to_model(&req.config)?;
        let repos = api
            .run
            .repositories(&api.org()?, &state.secret_name)
            .await
            .map_err(|e| api_error("list the secret's repositories", &e))?;
        state.repositories = Some(repos.iter().map(RepositoryItem::from).collect());
        Ok(DataSourceResponse::from_state(req.to_value(&state)?))
    }
}
