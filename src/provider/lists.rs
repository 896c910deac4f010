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
use serde::{Deserialize, Serialize};

use super::identity;
use super::org_secret::{self, SecretState};
use super::org_secret_repository::{self, Grant};
use super::state::{Api, ProviderState};
use super::support::{api_error, secret_name_rule, visibility_rule};
use github_client::{NextPage, Secret, Visibility};
use tfplugin::model::to_value;
use tfplugin::{
    Attribute, Block, Diagnostic, Diagnostics, ListEvent, ListRequest, ListResource, ListSink,
    MaybeUnknown, Outcome, Schema, Type,
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

/// The `config` block of `list "codespaces_org_secret"` (null when the block is absent).
#[derive(Debug, Serialize, Deserialize)]
struct SecretFilter {
    name_prefix: MaybeUnknown<Option<String>>,
    visibility: MaybeUnknown<Option<Visibility>>,
}

/// The `config` block of `list "codespaces_org_secret_repository"` (null when the block is
/// absent).
#[derive(Debug, Serialize, Deserialize)]
struct GrantFilter {
    secret_name: MaybeUnknown<Option<String>>,
}

/// A filter's value: `None` when not set, or not known (which filters nothing).
fn filter<T>(value: MaybeUnknown<Option<T>>) -> Option<T> {
    value.into_known().flatten()
}

/// The type of the objects events carry for resource type `schema`, when the request asks
/// for them.
fn object_type(req: &ListRequest, schema: Schema) -> Option<Type> {
    req.include_resource_object
        .then(|| schema.block.implied_type())
}

/// Ends a listing with the failure that stopped it, if any.
async fn finish(sink: &ListSink, result: Outcome<()>) {
    if let Err(d) = result {
        sink.send(ListEvent::error(d)).await;
    }
}

/// One page of the organization's secrets (the first when `next` is `None`).
async fn secrets_page(
    api: &Api,
    next: Option<NextPage>,
) -> Result<(Vec<Secret>, Option<NextPage>), Diagnostics> {
    api.run
        .client()
        .list_secrets_page(&api.org(), next)
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
        .model::<SecretFilter>()
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let result = match self.provider.api() {
            Ok(api) => list_secrets(&api, &req, &sink).await,
            Err(d) => Err(d.into()),
        };
        finish(&sink, result).await;
    }
}

/// Sends the secrets matching the request's filters, one page of the listing at a time.
async fn list_secrets(api: &Api, req: &ListRequest, sink: &ListSink) -> Outcome<()> {
    let config: Option<SecretFilter> = req.to_model(&req.config)?;
    let (prefix, visibility) = match config {
        Some(c) => (filter(c.name_prefix), filter(c.visibility)),
        None => (None, None),
    };
    let prefix = prefix.map(|p| p.to_ascii_uppercase());
    let objects = object_type(req, org_secret::schema());
    let mut next = None;
    loop {
        let (page, following) = secrets_page(api, next).await?;
        for secret in page {
            let keep = prefix
                .as_deref()
                .is_none_or(|p| secret.name.to_ascii_uppercase().starts_with(p))
                && visibility.is_none_or(|v| secret.visibility == Some(v));
            if keep
                && !sink
                    .send(secret_event(&api.owner, &secret, objects.as_ref())?)
                    .await
            {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
}

/// A secret found, with its object when `objects` (their type) is given.
fn secret_event(owner: &str, secret: &Secret, objects: Option<&Type>) -> Outcome<ListEvent> {
    let identity = identity::secret(owner, &secret.name)?;
    let event = ListEvent::new(identity, &secret.name);
    Ok(match objects {
        Some(ty) => event.with_object(to_value(&SecretState::imported(secret, &secret.name), ty)?),
        None => event,
    })
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
        .model::<GrantFilter>()
    }

    async fn stream(&self, req: ListRequest, sink: ListSink) {
        let result = match self.provider.api() {
            Ok(api) => list_grants(&api, &req, &sink).await,
            Err(d) => Err(d.into()),
        };
        finish(&sink, result).await;
    }
}

/// Sends the grants of the configured secret, or of every `selected` secret, one page of
/// the secrets listing at a time.
async fn list_grants(api: &Api, req: &ListRequest, sink: &ListSink) -> Outcome<()> {
    let config: Option<GrantFilter> = req.to_model(&req.config)?;
    let objects = object_type(req, org_secret_repository::schema());
    if let Some(name) = config.and_then(|c| filter(c.secret_name)) {
        grants_of(api, &name.to_ascii_uppercase(), objects.as_ref(), sink).await?;
        return Ok(());
    }
    let mut next = None;
    loop {
        let (page, following) = secrets_page(api, next).await?;
        for secret in page
            .iter()
            .filter(|s| s.visibility == Some(Visibility::Selected))
        {
            if !grants_of(api, &secret.name, objects.as_ref(), sink).await? {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
}

/// Sends the grants of secret `name`, with their objects when `objects` (their type) is
/// given; `false` when no more events are wanted.
async fn grants_of(
    api: &Api,
    name: &str,
    objects: Option<&Type>,
    sink: &ListSink,
) -> Outcome<bool> {
    let repos = match api
        .run
        .client()
        .list_selected_repositories(&api.org(), name)
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
        let identity = identity::grant(&api.owner, name, repo.id)?;
        let event = ListEvent::new(identity, format!("{name} → {}", repo.full_name));
        let event = match objects {
            Some(ty) => event.with_object(to_value(&Grant::new(name, repo.id), ty)?),
            None => event,
        };
        if !sink.send(event).await {
            return Ok(false);
        }
    }
    Ok(true)
}
