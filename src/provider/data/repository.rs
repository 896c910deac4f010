//! `codespaces_repository`: looks a repository up by `full_name` (`owner/name`) or by `name`
//! in the provider's owner, so configurations need no hard-coded repository IDs.

use std::sync::Arc;

use async_trait::async_trait;

use super::failed;
use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, AttributePath, Block, DataSource, DataSourceResponse, Diagnostic, Diagnostics,
    Schema, Type, ValidateRequest, Value,
};

/// The data source type.
pub struct RepositoryLookup {
    provider: Arc<ProviderState>,
}

impl RepositoryLookup {
    /// The data source, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        RepositoryLookup { provider }
    }
}

#[async_trait]
impl DataSource for RepositoryLookup {
    fn type_name(&self) -> &'static str {
        "codespaces_repository"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description(
                    "Looks up a repository by `full_name` or by `name` (in the provider's \
                     `owner`), for its numeric `id`.",
                )
                .attribute(
                    Attribute::optional_computed("full_name", Type::String)
                        .description("`owner/name`. Set this or `name`."),
                )
                .attribute(
                    Attribute::optional_computed("name", Type::String).description(
                        "The repository's name in the provider's `owner`. Set this or `full_name`.",
                    ),
                )
                .attribute(
                    Attribute::computed("id", Type::Number)
                        .description("The repository's numeric ID."),
                )
                .attribute(
                    Attribute::computed("private", Type::Bool)
                        .description("Whether the repository is private."),
                ),
        )
    }

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        let full = req.config.get("full_name");
        let name = req.config.get("name");
        let mut diags = Diagnostics::new();
        if full.is_null() == name.is_null() {
            diags.push(Diagnostic::error(
                "Set exactly one of `full_name` or `name`",
                "Look the repository up either by `full_name` (`owner/name`) or by `name` in the \
                 provider's owner.",
            ));
        }
        if let Some(f) = full.as_str() {
            let ok = f
                .split_once('/')
                .is_some_and(|(o, n)| !o.is_empty() && !n.is_empty() && !n.contains('/'));
            if !ok {
                diags.push(
                    Diagnostic::error("Invalid full_name", format!("{f:?} is not `owner/name`."))
                        .at(AttributePath::attr("full_name")),
                );
            }
        }
        diags
    }

    async fn read(&self, config: Value) -> DataSourceResponse {
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return failed(d),
        };
        let (owner, name) = match config
            .get("full_name")
            .as_str()
            .and_then(|f| f.split_once('/'))
        {
            Some((o, n)) => (o.to_string(), n.to_string()),
            None => (
                api.owner.clone(),
                config.get("name").as_str().unwrap_or_default().to_string(),
            ),
        };
        match api.client.get_repository(&owner, &name).await {
            Ok(r) => DataSourceResponse {
                state: Value::object([
                    ("full_name", Value::string(&r.full_name)),
                    ("name", Value::string(&r.name)),
                    ("id", Value::int(r.id)),
                    ("private", Value::Bool(r.private)),
                ]),
                diagnostics: Default::default(),
            },
            Err(e) => failed(api_error(&format!("find repository {owner}/{name}"), &e)),
        }
    }
}
