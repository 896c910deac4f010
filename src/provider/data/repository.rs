//! `codespaces_repository`: looks a repository up by `full_name` (`owner/name`) or by `name`
//! in the provider's owner, so configurations need no hard-coded repository IDs. Both are
//! checked against GitHub's naming rules when planning, so that neither can rewrite the
//! request's path (`acme/..`).

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::provider::repository_name::{full_name_problem, name_problem};
use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, AttributePath, Block, DataSource, DataSourceRequest, DataSourceResponse, Diagnostic,
    Outcome, Schema, Type, Validator,
};

/// The configuration (one of the names) and what the data source reads.
#[derive(Debug, Serialize, Deserialize)]
struct RepositoryData {
    full_name: Option<String>,
    name: Option<String>,
    id: Option<i64>,
    private: Option<bool>,
}

const ONE_WAY: (&str, &str) = (
    "Set exactly one of `full_name` or `name`",
    "Look the repository up either by `full_name` (`owner/name`) or by `name` in the \
     provider's owner.",
);

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
                    Attribute::optional_computed("name", Type::String)
                        .description(
                            "The repository's name in the provider's `owner`. Set this or \
                             `full_name`.",
                        )
                        .validate(Validator::string("Invalid repository name", name_problem)),
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
        .model::<RepositoryData>()
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let config: RepositoryData = req.to_model(&req.config)?;
        let full_name = config.full_name.as_deref();
        let (owner, name) = match full_name.and_then(|f| f.split_once('/')) {
            Some((o, n)) => (o.to_string(), n.to_string()),
            // Neither set reads as an empty name, which the check below refuses.
            None => (
                api.owner()?.to_string(),
                config.name.clone().unwrap_or_default(),
            ),
        };
        // Validation saw these values unless they were unknown then: check them again.
        let problem = match full_name {
            Some(full) => full_name_problem(full).map(|p| ("full_name", "Invalid full_name", p)),
            None => name_problem(&name).map(|p| ("name", "Invalid repository name", p)),
        };
        if let Some((attr, summary, detail)) = problem {
            return Err(Diagnostic::error(summary, detail)
                .at(AttributePath::attr(attr))
                .into());
        }
        let r = api
            .run
            .client()
            .get_repository(&owner, &name)
            .await
            .map_err(|e| api_error(&format!("find repository {owner}/{name}"), &e))?;
        let state = RepositoryData {
            full_name: Some(r.full_name),
            name: Some(r.name),
            id: Some(r.id),
            private: Some(r.private),
        };
        Ok(DataSourceResponse::from_state(req.to_value(&state)?))
    }
}
