//! `list "codespaces_org_secret"`, `list "codespaces_repository_secret"` and `list
//! "codespaces_user_secret"`: every secret of the home, optionally filtered by a name prefix
//! (and, for an organization's, a visibility); a repository's list names its repository.

use std::sync::Arc;

use async_trait::async_trait;
use github_client::{Secret, SecretHome, Visibility};
use tfplugin::{
    Attribute, Block, ListEvent, ListRequest, ListResource, ListSink, Outcome, Schema, Type,
};

use super::{each_secret, finish, text};
use crate::provider::identity;
use crate::provider::scope::Scope;
use crate::provider::secret::{self, SecretState};
use crate::provider::state::{Api, ProviderState};
use crate::provider::support::visibility_rule;

/// The list of one scope's secrets.
pub struct SecretList {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl SecretList {
    /// The list resource of `scope`'s secrets, sharing the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        SecretList { scope, provider }
    }
}

/// What a listing keeps, from its `config` block.
struct Filter {
    prefix: Option<String>,
    visibility: Option<Visibility>,
}

impl Filter {
    fn keeps(&self, secret: &Secret) -> bool {
        let name = secret.name.to_ascii_uppercase();
        self.prefix.as_deref().is_none_or(|p| name.starts_with(p))
            && self.visibility.is_none_or(|v| secret.visibility == Some(v))
    }
}

#[async_trait]
impl ListResource for SecretList {
    fn type_name(&self) -> &'static str {
        self.scope.secret_type()
    }

    fn schema(&self) -> Schema {
        let mut block = self.scope.repository_argument(
            Block::new().description(format!("Lists {} Codespaces secrets.", self.scope.whose())),
        );
        block = block.attribute(
            Attribute::optional("name_prefix", Type::String)
                .description("Only secrets whose name starts with this (case is ignored)."),
        );
        if self.scope.has_visibility() {
            block = block.attribute(
                Attribute::optional("visibility", Type::String)
                    .description("Only secrets of this visibility: `all`, `private` or `selected`.")
                    .validate(visibility_rule()),
            );
        }
        Schema::new(block)
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let result = match self.provider.api() {
            Ok(api) => self.list(&api, &req, &sink).await,
            Err(d) => Err(d.into()),
        };
        finish(&sink, result).await;
    }
}

impl SecretList {
    /// Sends the secrets matching the request's filters, one page of the listing at a time.
    async fn list(&self, api: &Api, req: &ListRequest, sink: &ListSink) -> Outcome<()> {
        let repository = text(&req.config, "repository");
        let home = api.home(self.scope, repository.as_deref())?;
        let filter = Filter {
            prefix: text(&req.config, "name_prefix").map(|p| p.to_ascii_uppercase()),
            visibility: text(&req.config, "visibility")
                .and_then(|v| Visibility::ALL.into_iter().find(|x| x.as_str() == v)),
        };
        // Objects name the repository as an import by identity does, so that the generated
        // configuration and the imported state agree.
        let repository = match &home {
            SecretHome::Repository { owner, repo } => {
                Some(format!("{owner}/{repo}").to_ascii_lowercase())
            }
            _ => None,
        };
        let repository = repository.as_deref();
        each_secret(api, &home, |secret| {
            let event = filter
                .keeps(&secret)
                .then(|| self.event(&home, repository, &secret, req.include_resource_object));
            async move {
                match event {
                    Some(event) => Ok(sink.send(event?).await),
                    None => Ok(true),
                }
            }
        })
        .await
    }

    /// A secret found, with its object when the request asks for them.
    fn event(
        &self,
        home: &SecretHome,
        repository: Option<&str>,
        secret: &Secret,
        with_object: bool,
    ) -> Outcome<ListEvent> {
        let event = ListEvent::new(identity::secret(home, &secret.name), &secret.name);
        if !with_object {
            return Ok(event);
        }
        let state = SecretState::imported(secret, repository, &secret.name);
        Ok(event.with_object(secret::encode(self.scope, &state)?))
    }
}
