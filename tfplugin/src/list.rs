//! List resources (protocol 5.10, Terraform 1.14+ `list` blocks in `.tfquery.hcl` files):
//! a type that finds existing instances of a resource type and reports each with its
//! identity, a display name and, when asked, its full object. The server stops at the
//! request's limit. A provider without list resources lists none, and nothing changes.

use async_trait::async_trait;

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

/// A list resource type. Its type name is the resource type it lists, which must have an
/// identity schema.
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
}
