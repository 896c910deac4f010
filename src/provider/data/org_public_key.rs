//! `codespaces_org_public_key`: the organization's public key, for sealing values outside
//! Terraform (then passed as `encrypted_value` with `key_id`).

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Outcome, Schema, Type,
};

/// What the data source reads (both null in its configuration).
#[derive(Debug, Serialize, Deserialize)]
struct PublicKey {
    key_id: Option<String>,
    key: Option<String>,
}

/// The data source type.
pub struct OrgPublicKey {
    provider: Arc<ProviderState>,
}

impl OrgPublicKey {
    /// The data source, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        OrgPublicKey { provider }
    }
}

#[async_trait]
impl DataSource for OrgPublicKey {
    fn type_name(&self) -> &'static str {
        "codespaces_org_public_key"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description(
                    "The organization's public key for Codespaces secrets: seal values with it \
                     (libsodium sealed box) to pass them as `encrypted_value`.",
                )
                .attribute(
                    Attribute::computed("key_id", Type::String)
                        .description("The key's ID, to pass as `key_id`."),
                )
                .attribute(
                    Attribute::computed("key", Type::String)
                        .description("The public key, base64 encoded (32 bytes, Curve25519)."),
                ),
        )
        .model::<PublicKey>()
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let key = api
            .run
            .public_key(&api.org())
            .await
            .map_err(|e| api_error("read the organization's public key", &e))?;
        let state = PublicKey {
            key_id: Some(key.key_id),
            key: Some(key.key),
        };
        Ok(DataSourceResponse::from_state(req.to_value(&state)?))
    }
}
