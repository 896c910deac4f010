//! `codespaces_org_public_key`: the organization's public key, for sealing values outside
//! Terraform (then passed as `encrypted_value` with `key_id`).

use std::sync::Arc;

use async_trait::async_trait;

use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Diagnostics, Schema, Type,
    Value,
};

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
    }

    async fn read(&self, _req: DataSourceRequest) -> Result<DataSourceResponse, Diagnostics> {
        let api = self.provider.api()?;
        let key = api
            .client
            .get_public_key(&api.owner)
            .await
            .map_err(|e| api_error("read the organization's public key", &e))?;
        Ok(DataSourceResponse::from_state(Value::object([
            ("key_id", Value::string(&key.key_id)),
            ("key", Value::string(&key.key)),
        ])))
    }
}
