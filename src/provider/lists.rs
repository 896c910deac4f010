//! The list resources (`list` blocks in `.tfquery.hcl` files, Terraform 1.14+): the
//! organization's secrets and their grants, found for `terraform query` and turned into
//! import blocks and configuration by `-generate-config-out`.
//!
//! Pages of the secrets listing are fetched one at a time and no further than `limit`
//! needs; grants cost one repository listing per `selected` secret listed.

use std::sync::Arc;

use async_trait::async_trait;

use super::identity;
use super::org_secret::imported_state;
use super::state::{Api, ProviderState};
use super::support::{api_error, secret_name_rule};
use crate::github::{Secret, Visibility};
use tfplugin::{
    Attribute, Block, Diagnostic, Diagnostics, ListEvent, ListRequest, ListResource, Schema, Type,
    Validator, Value,
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

/// How many events a request wants (`limit` not positive: no limit).
fn wanted(req: &ListRequest) -> usize {
    usize::try_from(req.limit)
        .ok()
        .filter(|l| *l > 0)
        .unwrap_or(usize::MAX)
}

/// The events gathered so far, then the failure that stopped the listing, if any.
fn finish(mut events: Vec<ListEvent>, failed: Result<(), Diagnostics>) -> Vec<ListEvent> {
    if let Err(d) = failed {
        events.push(ListEvent::error(d));
    }
    events
}

/// Walks the organization's secrets one page at a time, handing each to `visit` until it
/// answers `false` (enough found).
async fn each_secret<F, Fut>(api: &Api, mut visit: F) -> Result<(), Diagnostics>
where
    F: FnMut(Secret) -> Fut,
    Fut: std::future::Future<Output = Result<bool, Diagnostics>>,
{
    let mut next = None;
    loop {
        let (page, following) = api
            .client
            .list_secrets_page(&api.owner, next)
            .await
            .map_err(|e| api_error("list the organization's secrets", &e))?;
        for secret in page {
            if !visit(secret).await? {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
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
                        .validate(Validator::one_of(
                            "visibility",
                            &["all", "private", "selected"],
                        )),
                ),
        )
    }

    async fn list(&self, req: ListRequest) -> Vec<ListEvent> {
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return vec![ListEvent::error(d)],
        };
        let prefix = req
            .config
            .get("name_prefix")
            .as_str()
            .map(str::to_ascii_uppercase);
        let visibility = req.config.get("visibility").as_str().map(str::to_string);
        let (limit, include) = (wanted(&req), req.include_resource_object);
        let mut events = Vec::new();
        let walked = each_secret(&api, |secret| {
            let keep = prefix
                .as_deref()
                .is_none_or(|p| secret.name.to_ascii_uppercase().starts_with(p))
                && visibility
                    .as_deref()
                    .is_none_or(|v| secret.visibility.to_string() == v);
            if keep {
                events.push(secret_event(&api.owner, &secret, include));
            }
            let more = events.len() < limit;
            async move { Ok(more) }
        })
        .await;
        finish(events, walked)
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

    async fn list(&self, req: ListRequest) -> Vec<ListEvent> {
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return vec![ListEvent::error(d)],
        };
        let (limit, include) = (wanted(&req), req.include_resource_object);
        let mut events = Vec::new();
        let walked = match req.config.get("secret_name").as_str() {
            Some(name) => grants_of(
                &api,
                &name.to_ascii_uppercase(),
                include,
                limit,
                &mut events,
            )
            .await
            .map(|_| ()),
            None => {
                let mut selected = Vec::new();
                // Collect names page by page, then list each one's grants until `limit`.
                let walk = each_secret(&api, |secret| {
                    if secret.visibility == Visibility::Selected {
                        selected.push(secret.name);
                    }
                    async { Ok(true) }
                })
                .await;
                let mut result = walk;
                for name in &selected {
                    if result.is_err() || events.len() >= limit {
                        break;
                    }
                    result = grants_of(&api, name, include, limit, &mut events)
                        .await
                        .map(|_| ());
                }
                result
            }
        };
        finish(events, walked)
    }
}

/// Adds the grants of secret `name` to `events`, up to `limit` events in all.
async fn grants_of(
    api: &Api,
    name: &str,
    include: bool,
    limit: usize,
    events: &mut Vec<ListEvent>,
) -> Result<(), Diagnostics> {
    let repos = match api
        .client
        .list_selected_repositories(&api.owner, name)
        .await
    {
        Ok(repos) => repos,
        // Not `selected` (any more): no grants.
        Err(e) if e.is_conflict() => return Ok(()),
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
        if events.len() >= limit {
            break;
        }
        let id = identity::grant(&api.owner, &Value::string(name), &Value::int(repo.id))
            .unwrap_or(Value::Null);
        let event = ListEvent::new(id, format!("{name} → {}", repo.full_name));
        events.push(if include {
            event.with_object(Value::object([
                ("id", Value::string(format!("{name}:{}", repo.id))),
                ("secret_name", Value::string(name)),
                ("repository_id", Value::int(repo.id)),
            ]))
        } else {
            event
        });
    }
    Ok(())
}
