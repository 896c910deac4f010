//! `codespaces_org_secrets`, `codespaces_repository_secrets` and `codespaces_user_secrets`:
//! every Codespaces secret of a home (names, timestamps, and an organization secret's
//! visibility; GitHub never returns values), from the run's one listing of the home, which
//! refreshes share.

use std::sync::Arc;

use async_trait::async_trait;
use github_client::Secret;

use crate::provider::scope::{place, Scope};
use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, Block, DataSource, DataSourceRequest, DataSourceResponse, Outcome, Schema, Type,
    Value,
};

/// The data source type of one scope's secrets.
pub struct SecretsData {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl SecretsData {
    /// The data source of `scope`'s secrets, sharing the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        SecretsData { scope, provider }
    }

    /// The attributes of one secret of the list.
    fn fields(&self) -> Vec<&'static str> {
        let mut fields = vec!["name", "created_at", "updated_at"];
        if self.scope.has_visibility() {
            fields.push("visibility");
        }
        fields
    }

    /// One secret of the list.
    fn item(&self, secret: &Secret) -> Value {
        let mut attributes = vec![
            ("name", secret.name.clone()),
            ("created_at", secret.created_at.clone()),
            ("updated_at", secret.updated_at.clone()),
        ];
        if self.scope.has_visibility() {
            let visibility = secret.visibility.map(|v| v.to_string());
            attributes.push(("visibility", visibility.unwrap_or_default()));
        }
        Value::object(attributes.into_iter().map(|(k, v)| (k, Value::string(v))))
    }
}

#[async_trait]
impl DataSource for SecretsData {
    fn type_name(&self) -> &'static str {
        match self.scope {
            Scope::Organization => "codespaces_org_secrets",
            Scope::Repository => "codespaces_repository_secrets",
            Scope::User => "codespaces_user_secrets",
        }
    }

    fn schema(&self) -> Schema {
        let whose = self.scope.whose();
        let item = Type::object(self.fields().into_iter().map(|f| (f, Type::String)));
        let listed = self
            .fields()
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let block =
            Block::new().description(format!("Lists {whose} Codespaces secrets, without values."));
        Schema::new(self.scope.repository_argument(block).attribute(
            Attribute::computed("secrets", Type::list(item)).description(format!(
                "The secrets, by name: {listed} (`name` upper-case, times RFC 3339)."
            )),
        ))
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let mut state = req.config.clone();
        let home = api.home(self.scope, state.get("repository").as_str())?;
        let secrets = api
            .run
            .secrets(&home)
            .await
            .map_err(|e| api_error(&format!("list the secrets of {}", place(&home)), &e))?;
        let items = secrets.iter().map(|s| self.item(s)).collect();
        state.set("secrets", Value::List(items));
        Ok(DataSourceResponse::from_state(state))
    }
}
