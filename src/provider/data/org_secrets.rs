//! `codespaces_org_secrets`: every Codespaces secret of the organization (names, visibility,
//! timestamps; GitHub never returns values).

use std::sync::Arc;

use async_trait::async_trait;
use github_client::Visibility;
use serde::{Deserialize, Serialize};

use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Outcome, Schema, Type,
};

/// What the data source reads (null in its configuration).
#[derive(Debug, Serialize, Deserialize)]
struct Secrets {
    secrets: Option<Vec<SecretItem>>,
}

/// One secret of the list.
#[derive(Debug, Serialize, Deserialize)]
struct SecretItem {
    name: String,
    visibility: Visibility,
    created_at: String,
    updated_at: String,
}

/// The data source type.
pub struct OrgSecrets {
    provider: Arc<ProviderState>,
}

impl OrgSecrets {
    /// The data source, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        OrgSecrets { provider }
    }
}

fn secret_type() -> Type {
    Type::object([
        ("name", Type::String),
        ("visibility", Type::String),
        ("created_at", Type::String),
        ("updated_at", Type::String),
    ])
}

#[async_trait]
impl DataSource for OrgSecrets {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secrets"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("Lists the organization's Codespaces secrets, without values.")
                .attribute(
                    Attribute::computed("secrets", Type::list(secret_type())).description(
                        "The secrets, by name: `name` (upper-case), `visibility`, `created_at`, \
                     `updated_at`.",
                    ),
                ),
        )
        .model::<Secrets>()
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let secrets = api
            .run
            .secrets(&api.org())
            .await
            .map_err(|e| api_error("list the organization's secrets", &e))?;
        let items = secrets
            .iter()
            .map(|s| SecretItem {
                name: s.name.clone(),
                visibility: s.visibility.unwrap_or(Visibility::All),
                created_at: s.created_at.clone(),
                updated_at: s.updated_at.clone(),
            })
            .collect();
        let state = Secrets {
            secrets: Some(items),
        };
        Ok(DataSourceResponse::from_state(req.to_value(&state)?))
    }
}
