//! List resources (protocol 5.10, Terraform 1.14+ `list` blocks in `.tfquery.hcl` files):
//! a type that finds existing instances of a resource type and reports each with its
//! identity, a display name and, when asked, its full object.
//!
//! A list resource sends events to a [`ListSink`] as it finds them (one API page at a
//! time, say), and the server streams each to Terraform at once. The limit is the server's
//! alone: the sink it hands over takes at most the request's `limit` events, and its
//! [`ListSink::send`] answers `false` once the limit is reached or Terraform went away, so
//! the list resource stops fetching. A provider without list resources lists none, and
//! nothing changes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::mpsc;

use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::schema::{typed_request, Schema, Typing};
use crate::validate_config::ValidateConfig;

/// A `list` block's request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ListRequest {
    /// The list block's `config`, decoded with [`ListResource::schema`].
    pub config: Value,
    /// Whether each event should carry the full resource object.
    pub include_resource_object: bool,
    /// The most events Terraform wants (the sink enforces it).
    pub limit: i64,
    pub(crate) typing: Typing,
}

impl ListRequest {
    /// A request for at most `limit` results of `config`.
    pub fn new(config: Value, limit: i64) -> Self {
        ListRequest {
            config,
            include_resource_object: false,
            limit,
            typing: Typing::default(),
        }
    }
}

/// A `list` block's configuration to check.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidateListRequest {
    /// The list block's `config`.
    pub config: Value,
    /// `include_resource` as written (may be unknown or null).
    pub include_resource_object: Value,
    /// `limit` as written (may be unknown or null).
    pub limit: Value,
    pub(crate) typing: Typing,
}

typed_request!(ListRequest, ValidateListRequest);

/// One instance found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ListEvent {
    /// Its identity (a value of the resource type's identity schema).
    pub identity: Value,
    /// A name a person recognises.
    pub display_name: String,
    /// Its full object, when the request asked for it.
    pub resource_object: Option<Value>,
    /// Problems with this instance (or, alone in an event, with the listing).
    pub diagnostics: Diagnostics,
}

impl ListEvent {
    /// An instance with `identity`, shown as `display_name`.
    pub fn new(identity: Value, display_name: impl Into<String>) -> Self {
        ListEvent {
            identity,
            display_name: display_name.into(),
            ..Default::default()
        }
    }

    /// The same event carrying the full object.
    pub fn with_object(mut self, object: Value) -> Self {
        self.resource_object = Some(object);
        self
    }

    /// An event reporting a failure of the listing.
    pub fn error(diagnostics: impl Into<Diagnostics>) -> Self {
        ListEvent {
            diagnostics: diagnostics.into(),
            ..Default::default()
        }
    }
}

/// Where a list resource sends the instances it finds, as it finds them. It takes at most
/// the request's limit of instances; an event carrying only diagnostics (the listing's
/// failure) always goes through.
#[derive(Debug, Clone)]
pub struct ListSink {
    tx: mpsc::Sender<ListEvent>,
    taken: Arc<AtomicUsize>,
    limit: usize,
}

impl ListSink {
    /// A sink taking at most `limit` instances (none or negative: no limit), and the
    /// receiving end of its events.
    pub(crate) fn channel(limit: i64) -> (ListSink, mpsc::Receiver<ListEvent>) {
        let (tx, rx) = mpsc::channel(16);
        let limit = usize::try_from(limit)
            .ok()
            .filter(|l| *l > 0)
            .unwrap_or(usize::MAX);
        let sink = ListSink {
            tx,
            taken: Arc::new(AtomicUsize::new(0)),
            limit,
        };
        (sink, rx)
    }

    /// Sends one event. `false` when nobody wants more (the limit is reached, this event
    /// included, or the query ended): stop listing.
    pub async fn send(&self, event: ListEvent) -> bool {
        let instance = !event.identity.is_null();
        if !instance {
            return self.tx.send(event).await.is_ok();
        }
        let taken = self.taken.fetch_add(1, Ordering::SeqCst);
        if taken >= self.limit {
            return false;
        }
        self.tx.send(event).await.is_ok() && taken + 1 < self.limit
    }
}

/// A list resource type. Its type name is the resource type it lists, which must have an
/// identity schema.
#[async_trait]
pub trait ListResource: Send + Sync + 'static {
    /// The resource type listed.
    fn type_name(&self) -> &'static str;

    /// The schema of the list block's `config`.
    fn schema(&self) -> Schema;

    /// Checks a list block beyond the declared validators. Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig<ValidateListRequest>> {
        None
    }

    /// Finds instances and sends each to `sink` as soon as it is found, stopping when a
    /// send answers `false`.
    async fn stream(&self, req: ListRequest, sink: ListSink);
}

/// Runs `list` for `req` with the sink the server would give it, and gathers what arrives
/// (`testing::collect_list` publishes it).
pub(crate) async fn collect(list: &dyn ListResource, req: ListRequest) -> Vec<ListEvent> {
    let (sink, mut rx) = ListSink::channel(req.limit);
    let mut events = Vec::new();
    let gather = async {
        while let Some(event) = rx.recv().await {
            events.push(event);
        }
    };
    tokio::join!(list.stream(req, sink), gather);
    events
}

#[cfg(test)]
mod tests;
