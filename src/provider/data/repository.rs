//! `codespaces_repository`: looks a repository up by `full_name` (`owner/name`) or by `name`
//! in the provider's owner, so configurations need no hard-coded repository IDs.

use std::sync::Arc;

use async_trait::async_trait;

use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Diagnostics, Schema, Type,
    Validator, Value,
};

const ONE_WAY: (&str, &str) = (
    "Set exactly one of `full_name` or `name`",
    "Look the repository up either by `full_name` (`owner/name`) or by `name` in the \
     provider's owner.",
);

fn full_name_problem(full: &str) -> Option<String> {
    let ok = full
        .split_once('/')
        .is_some_and(|(o, n)| !o.is_empty() && !n.is_empty() && !n.contains('/'));
    (!ok).then(|| format!("{full:?} is not `owner/name`."))
}

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
                        .description("`owner/name`. Set this or `name`.")
                        .validate(
                            Validator::exactly_one_of(&["name"])
                                .message(ONE_WAY.0, ONE_WAY.1)
                                .when_missing(ONE_WAY.0, ONE_WAY.1),
                        )
                        .validate(Validator::string("Invalid full_name", full_name_problem)),
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

    async fn read(&self, req: DataSourceRequest) -> Result<DataSourceResponse, Diagnostics> {
        let api = self.provider.api()?;
        let config = &req.config;
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
        let r = api
            .client
            .get_repository(&owner, &name)
            .await
            .map_err(|e| api_error(&format!("find repository {owner}/{name}"), &e))?;
        Ok(DataSourceResponse::from_state(Value::object([
            ("full_name", Value::string(&r.full_name)),
            ("name", Value::string(&r.name)),
            ("id", Value::int(r.id)),
            ("private", Value::Bool(r.private)),
        ])))
    }
}
