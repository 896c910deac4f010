//! `codespaces_org_public_key`, `codespaces_repository_public_key` and
//! `codespaces_user_public_key`: the public key of a home, for sealing values outside
//! Terraform (then passed as `encrypted_value` with `key_id`). One data source type per
//! scope, written once; the run fetches each home's key once, for data sources and writes
//! alike.

use std::sync::Arc;

use async_trait::async_trait;

use crate::provider::scope::{place, Scope};
use crate::provider::secret::scope_word;
use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Outcome, Schema, Type,
    Value,
};

/// The data source type of one scope's public key.
pub struct PublicKeyData {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl PublicKeyData {
    /// The data source of `scope`'s public key, sharing the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        PublicKeyData { scope, provider }
    }
}

#[async_trait]
impl DataSource for PublicKeyData {
    fn type_name(&self) -> &'static str {
        match self.scope {
            Scope::Organization => "codespaces_org_public_key",
            Scope::Repository => "codespaces_repository_public_key",
            Scope::User => "codespaces_user_public_key",
        }
    }

    fn schema(&self) -> Schema {
        let (first, rest) = self.scope.whose().split_at(1);
        let block = Block::new().description(format!(
            "{}{rest} public key for Codespaces secrets: seal values with it (libsodium sealed \
             box) to pass them as `encrypted_value` of `codespaces_{}_secret`.",
            first.to_ascii_uppercase(),
            scope_word(self.scope)
        ));
        Schema::new(
            self.scope
                .repository_argument(block)
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

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let mut state = req.config.clone();
        let home = api.home(self.scope, state.get("repository").as_str())?;
        let key = api
            .run
            .public_key(&home)
            .await
            .map_err(|e| api_error(&format!("read the public key of {}", place(&home)), &e))?;
        state.set("key_id", Value::string(key.key_id));
        state.set("key", Value::string(key.key));
        Ok(DataSourceResponse::from_state(state))
    }
}
