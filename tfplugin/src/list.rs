//! List resources (protocol 5.10, Terraform 1.14+ `list` blocks in `.tfquery.hcl` files):
//! a type that finds existing instances of a resource type and reports each with its
//! identity, a display name and, when asked, its full object. Events stream to Terraform as
//! the provider finds them (through a [`ListSink`]); the server stops at the request's limit,
//! and the sink then tells the provider to stop. A provider without list resources lists
//! none, and nothing changes.

use async_trait::async_trait;
use tokio::sync::mpsc;

use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::schema::Schema;

/// A `list` block's request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ListRequest {
    /// The list block's `config`, decoded with [`ListResource::schema`].
    pub config: Value,
    /// Whether each event should carry the full resource object.
    pub include_resource_object: bool,
    /// The most events Terraform wants.
    pub limit: i64,
}

impl ListRequest {
    /// A request for at most `limit` results of `config`.
    pub fn new(config: Value, limit: i64) -> Self {
        ListRequest {
            config,
            include_resource_object: false,
            limit,
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
}

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

/// Where a list resource sends the instances it finds, as it finds them (for example one API
/// page at a time).
#[derive(Debug, Clone)]
pub struct ListSink {
    tx: mpsc::Sender<ListEvent>,
}

impl ListSink {
    /// A sink and the receiving end of its events (the server's side; tests use it too).
    pub fn channel() -> (ListSink, mpsc::Receiver<ListEvent>) {
        let (tx, rx) = mpsc::channel(16);
        (ListSink { tx }, rx)
    }

    /// Sends one event. `false` when nobody wants more (the limit was reached or the query
    /// ended): stop listing.
    pub async fn send(&self, event: ListEvent) -> bool {
        self.tx.send(event).await.is_ok()
    }

    /// Whether nobody wants more events.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

/// Runs `stream` with a sink and gathers what it sends: how a list resource that streams
/// answers [`ListResource::list`].
pub async fn gather<F, Fut>(stream: F) -> Vec<ListEvent>
where
    F: FnOnce(ListSink) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (sink, mut rx) = ListSink::channel();
    let mut events = Vec::new();
    let collect = async {
        while let Some(event) = rx.recv().await {
            events.push(event);
        }
    };
    tokio::join!(stream(sink), collect);
    events
}

/// A list resource type. Its type name is the resource type it lists, which must have an
/// identity schema. Implement [`ListResource::list`]; a type that can report instances as it
/// finds them implements [`ListResource::stream`] too (and `list` with [`gather`]).
#[async_trait]
pub trait ListResource: Send + Sync + 'static {
    /// The resource type listed.
    fn type_name(&self) -> &'static str;

    /// The schema of the list block's `config`.
    fn schema(&self) -> Schema;

    /// Checks a list block (values may be unknown), after the declared validators.
    async fn validate(&self, _req: ValidateListRequest) -> Diagnostics {
        Diagnostics::new()
    }

    /// Finds instances; the server sends at most `req.limit` of them.
    async fn list(&self, req: ListRequest) -> Vec<ListEvent>;

    /// Finds instances and sends each to `sink` as soon as it is found, stopping when a send
    /// answers `false`. The server calls this; by default it sends what
    /// [`ListResource::list`] answers.
    async fn stream(&self, req: ListRequest, sink: ListSink) {
        for event in self.list(req).await {
            if !sink.send(event).await {
                return;
            }
        }
    }
}
