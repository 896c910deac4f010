//! `list "codespaces_org_secret_repository"` and `list "codespaces_user_secret_repository"`:
//! the grants of one secret, or of every `selected` secret of the home (every user secret
//! is). Each secret costs one listing of its repositories.

use std::sync::Arc;

use async_trait::async_trait;
use github_client::{SecretHome, Visibility};
use tfplugin::{
    Attribute, Block, Diagnostic, ListEvent, ListRequest, ListResource, ListSink, Outcome, Schema,
    Type,
};

use super::{each_secret, finish, text};
use crate::provider::grant::{self, Grant};
use crate::provider::identity;
use crate::provider::scope::{place_capitalized, Scope};
use crate::provider::state::{Api, ProviderState};
use crate::provider::support::{api_error, secret_name_rule};

/// The list of the grants of one scope's secrets.
pub struct GrantList {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl GrantList {
    /// The list resource of the grants of `scope`'s secrets (a scope with grants), sharing
    /// the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        GrantList { scope, provider }
    }
}

#[async_trait]
impl ListResource for GrantList {
    fn type_name(&self) -> &'static str {
        self.scope.grant_type().unwrap_or_default()
    }

    fn schema(&self) -> Schema {
        let description = match self.scope {
            Scope::User => {
                "Lists repositories' access to the token's user's Codespaces secrets: one \
                 secret's, or every secret's."
            }
            _ => {
                "Lists repositories' access to `selected` Codespaces secrets: one secret's, or \
                 every `selected` secret's."
            }
        };
        Schema::new(
            Block::new().description(description).attribute(
                Attribute::optional("secret_name", Type::String)
                    .description("Only this secret's grants (case is ignored).")
                    .validate(secret_name_rule()),
            ),
        )
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let result = match self.provider.api() {
            Ok(api) => self.list(&api, &req, &sink).await,
            Err(d) => Err(d.into()),
        };
        finish(&sink, result).await;
    }
}

impl GrantList {
    /// Sends the grants of the configured secret, or of every `selected` secret, one page of
    /// the secrets listing at a time.
    async fn list(&self, api: &Api, req: &ListRequest, sink: &ListSink) -> Outcome<()> {
        let home = api.home(self.scope, None)?;
        let with_objects = req.include_resource_object;
        if let Some(name) = text(&req.config, "secret_name") {
            let name = name.to_ascii_uppercase();
            self.grants_of(api, &home, &name, with_objects, sink)
                .await?;
            return Ok(());
        }
        each_secret(api, &home, |secret| {
            let home = &home;
            async move {
                if secret.visibility.is_some_and(|v| v != Visibility::Selected) {
                    return Ok(true);
                }
                self.grants_of(api, home, &secret.name, with_objects, sink)
                    .await
            }
        })
        .await
    }

    /// Sends the grants of secret `name` of `home`, with their objects when asked;
    /// `false` when no more events are wanted.
    async fn grants_of(
        &self,
        api: &Api,
        home: &SecretHome,
        name: &str,
        with_objects: bool,
        sink: &ListSink,
    ) -> Outcome<bool> {
        let repos = match api.run.repositories(home, name).await {
            Ok(repos) => repos,
            // Not `selected` (any more): no grants.
            Err(e) if e.is_conflict() => return Ok(true),
            Err(e) if e.is_not_found() => {
                return Err(Diagnostic::error(
                    "No such secret",
                    format!(
                        "{} has no Codespaces secret named {name}.",
                        place_capitalized(home)
                    ),
                )
                .into())
            }
            Err(e) => return Err(api_error("list the secret's repositories", &e).into()),
        };
        let objects = with_objects.then(|| grant::schema(self.scope).block.implied_type());
        for repo in repos.iter() {
            let identity = identity::grant(home, name, repo.id);
            let event = ListEvent::new(identity, format!("{name} → {}", repo.full_name));
            let event = match &objects {
                Some(ty) => {
                    let object = tfplugin::model::to_value(&Grant::new(name, repo.id), ty)?;
                    event.with_object(object)
                }
                None => event,
            };
            if !sink.send(event).await {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
