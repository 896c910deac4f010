//! The list resources (`list` blocks in `.tfquery.hcl` files, Terraform 1.14+): the
//! organization's secrets and their grants, found for `terraform query` and turned into
//! import blocks and configuration by `-generate-config-out`.
//!
//! Results stream to Terraform one page of the secrets listing at a time, and no page is
//! fetched beyond what `limit` needs; grants cost one repository listing per `selected`
//! secret listed. The pages are the client's to follow (`NextPage` carries its paginator):
//! a `next` link back to a page already read, to another origin, or past the client's page
//! cap ends the listing with an error diagnostic, so a query never loops or runs on.

use std::sync::Arc;

use async_trait::async_trait;

use super::identity;
use super::org_secret::imported_state;
use super::state::{Api, ProviderState};
use super::support::{api_error, secret_name_rule, visibility_rule};
use crate::github::client::NextPage;
use crate::github::{Secret, Visibility};
use tfplugin::{
    Attribute, Block, Diagnostic, Diagnostics, ListEvent, ListRequest, ListResource, ListSink,
    Schema, Type, Value,
};

/// `list "codespaces_org_secret"`: every secret, optionally filtered.
pub struct SecretList {
    provider: Arc<ProviderState>,
}

impl SecretList {
    /// The list resource, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        SecretList { provider }
    }
}

/// `list "codespaces_org_secret_repository"`: the grants of one secret, or of every
/// `selected` secret.
pub struct GrantList {
    provider: Arc<ProviderState>,
}

impl GrantList {
    /// The list resource, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        GrantList { provider }
    }
}

/// Where events go: the sink, which takes at most the request's `limit` of them.
struct Out {
    sink: ListSink,
}

impl Out {
    fn new(sink: ListSink) -> Out {
        Out { sink }
    }

    /// Sends `event`; `false` when no more are wanted.
    async fn send(&mut self, event: ListEvent) -> bool {
        self.sink.send(event).await
    }

    /// Ends the listing with the failure that stopped it, if any.
    async fn finish(self, result: Result<(), Diagnostics>) {
        if let Err(d) = result {
            self.sink.send(ListEvent::error(d)).await;
        }
    }
}

/// One page of the organization's secrets (the first when `next` is `None`).
async fn secrets_page(
    api: &Api,
    next: Option<NextPage>,
) -> Result<(Vec<Secret>, Option<NextPage>), Diagnostics> {
    api.client
        .list_secrets_page(&api.owner, next)
        .await
        .map_err(|e| api_error("list the organization's secrets", &e).into())
}

#[async_trait]
impl ListResource for SecretList {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("Lists the organization's Codespaces secrets.")
                .attribute(
                    Attribute::optional("name_prefix", Type::String)
                        .description("Only secrets whose name starts with this (case is ignored)."),
                )
                .attribute(
                    Attribute::optional("visibility", Type::String)
                        .description(
                            "Only secrets of this visibility: `all`, `private` or `selected`.",
                        )
                        .validate(visibility_rule()),
                ),
        )
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let mut out = Out::new(sink);
        let result = match self.provider.api() {
            Ok(api) => list_secrets(&api, &req, &mut out).await,
            Err(d) => Err(d.into()),
        };
        out.finish(result).await;
    }
}

/// Sends the secrets matching the request's filters, one page of the listing at a time.
async fn list_secrets(api: &Api, req: &ListRequest, out: &mut Out) -> Result<(), Diagnostics> {
    let prefix = req
        .config
        .get("name_prefix")
        .as_str()
        .map(str::to_ascii_uppercase);
    let visibility = req.config.get("visibility").as_str();
    let mut next = None;
    loop {
        let (page, following) = secrets_page(api, next).await?;
        for secret in page {
            let keep = prefix
                .as_deref()
                .is_none_or(|p| secret.name.to_ascii_uppercase().starts_with(p))
                && visibility.is_none_or(|v| secret.visibility.to_string() == v);
            let event = secret_event(&api.owner, &secret, req.include_resource_object);
            if keep && !out.send(event).await {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
}

fn secret_event(owner: &str, secret: &Secret, include: bool) -> ListEvent {
    let id = identity::secret(owner, &Value::string(&secret.name)).unwrap_or(Value::Null);
    let event = ListEvent::new(id, &secret.name);
    if include {
        event.with_object(imported_state(secret, &secret.name))
    } else {
        event
    }
}

#[async_trait]
impl ListResource for GrantList {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret_repository"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description(
                    "Lists repositories' access to `selected` Codespaces secrets: one secret's, \
                     or every `selected` secret's.",
                )
                .attribute(
                    Attribute::optional("secret_name", Type::String)
                        .description("Only this secret's grants (case is ignored).")
                        .validate(secret_name_rule()),
                ),
        )
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let mut out = Out::new(sink);
        let result = match self.provider.api() {
            Ok(api) => list_grants(&api, &req, &mut out).await,
            Err(d) => Err(d.into()),
        };
        out.finish(result).await;
    }
}

/// Sends the grants of the configured secret, or of every `selected` secret, one page of
/// the secrets listing at a time.
async fn list_grants(api: &Api, req: &ListRequest, out: &mut Out) -> Result<(), Diagnostics> {
    let include = req.include_resource_object;
    if let Some(name) = req.config.get("secret_name").as_str() {
        grants_of(api, &name.to_ascii_uppercase(), include, out).await?;
        return Ok(());
    }
    let mut next = None;
    loop {
        let (page, following) = secrets_page(api, next).await?;
        for secret in page.iter().filter(|s| s.visibility == Visibility::Selected) {
            if !grants_of(api, &secret.name, include, out).await? {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
}

/// Sends the grants of secret `name`; `false` when no more events are wanted.
async fn grants_of(
    api: &Api,
    name: &str,
    include: bool,
    out: &mut Out,
) -> Result<bool, Diagnostics> {
    let repos = match api
        .client
        .list_selected_repositories(&api.owner, name)
        .await
    {
        Ok(repos) => repos,
        // Not `selected` (any more): no grants.
        Err(e) if e.is_conflict() => return Ok(true),
        Err(e) if e.is_not_found() => {
            return Err(Diagnostic::error(
                "No such secret",
                format!(
                    "Organization {:?} has no Codespaces secret named {name}.",
                    api.owner
                ),
            )
            .into())
        }
        Err(e) => return Err(api_error("list the secret's repositories", &e).into()),
    };
    for repo in repos {
        let id = identity::grant(&api.owner, &Value::string(name), &Value::int(repo.id))
            .unwrap_or(Value::Null);
        let event = ListEvent::new(id, format!("{name} → {}", repo.full_name));
        let event = if include {
            event.with_object(Value::object([
                ("id", Value::string(format!("{name}:{}", repo.id))),
                ("secret_name", Value::string(name)),
                ("repository_id", Value::int(repo.id)),
            ]))
        } else {
            event
        };
        if !out.send(event).await {
            return Ok(false);
        }
    }
    Ok(true)
}
