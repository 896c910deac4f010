//! `codespaces_org_secret_repositories`: the repositories that may use one `selected`
//! secret.

use std::sync::Arc;

use async_trait::async_trait;

use crate::provider::state::ProviderState;
use crate::provider::support::{api_error, secret_name_rule};
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Diagnostics, Schema, Type,
    Value,
};

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

pub(super) fn repository_type() -> Type {
    Type::object([
        ("id", Type::Number),
        ("name", Type::String),
        ("full_name", Type::String),
        ("private", Type::Bool),
    ])
}

pub(super) fn repository_value(r: &crate::github::Repository) -> Value {
    Value::object([
        ("id", Value::int(r.id)),
        ("name", Value::string(&r.name)),
        ("full_name", Value::string(&r.full_name)),
        ("private", Value::Bool(r.private)),
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
    }

    async fn read(&self, req: DataSourceRequest) -> Result<DataSourceResponse, Diagnostics> {
        let api = self.provider.api()?;
        let name = req.config.get("secret_name").as_str().unwrap_or_default();
        let repos = api
            .client
            .list_selected_repositories(&api.owner, name)
            .await
            .map_err(|e| api_error("list the secret's repositories", &e))?;
        Ok(DataSourceResponse::from_state(Value::object([
            ("secret_name", Value::string(name)),
            (
                "repositories",
                Value::List(repos.iter().map(repository_value).collect()),
            ),
        ])))
    }
}
