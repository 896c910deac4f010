//! The requests the server hands a [`super::Resource`]. They are `#[non_exhaustive]`: the
//! SDK builds them, and a field added for a protocol addition breaks no provider. Tests
//! build them with `new`, set the other fields afterwards, and give them their schema with
//! `with_schema` to use `to_model` and `to_value`.

use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::private::Private;
use crate::schema::{typed_request, Typing};

/// A plan to make for one resource instance (create, update or re-plan).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanRequest {
    /// State before the plan; null on create.
    pub prior_state: Value,
    /// Terraform's proposal (config merged over prior state) after the declared plan
    /// modifiers. Never null here.
    pub proposed_new_state: Value,
    /// The configuration as written (write-only values included).
    pub config: Value,
    /// The provider's private data from the prior state.
    pub prior_private: Private,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    /// The prior identity, when the type has an identity schema and Terraform sent one.
    pub prior_identity: Option<Value>,
    pub(crate) typing: Typing,
}

impl PlanRequest {
    /// A plan from `prior_state` towards `proposed_new_state` for `config`.
    pub fn new(prior_state: Value, proposed_new_state: Value, config: Value) -> Self {
        PlanRequest {
            prior_state,
            proposed_new_state,
            config,
            prior_private: Private::default(),
            capabilities: ClientCapabilities::default(),
            prior_identity: None,
            typing: Typing::default(),
        }
    }
}

/// A change to carry out: create (prior null), update, or delete (planned null).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApplyRequest {
    /// State before the change; null on create.
    pub prior_state: Value,
    /// The planned state; null on delete.
    pub planned_state: Value,
    /// The configuration (write-only values included); null on delete.
    pub config: Value,
    /// Private data from the plan.
    pub planned_private: Private,
    /// The planned identity, if any.
    pub planned_identity: Option<Value>,
    pub(crate) typing: Typing,
}

impl ApplyRequest {
    /// A change from `prior_state` to `planned_state` for `config`.
    pub fn new(prior_state: Value, planned_state: Value, config: Value) -> Self {
        ApplyRequest {
            prior_state,
            planned_state,
            config,
            planned_private: Private::default(),
            planned_identity: None,
            typing: Typing::default(),
        }
    }
}

/// A refresh of one resource instance.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReadRequest {
    /// The state as last stored.
    pub current_state: Value,
    /// Private data stored with it.
    pub private: Private,
    /// The identity stored with it, if any.
    pub current_identity: Option<Value>,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl ReadRequest {
    /// A refresh of `current_state` with its `private` data.
    pub fn new(current_state: Value, private: impl Into<Private>) -> Self {
        ReadRequest {
            current_state,
            private: private.into(),
            current_identity: None,
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

/// An import by the user's ID, or by identity (then `id` is empty).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ImportRequest {
    /// The import ID as the user wrote it.
    pub id: String,
    /// The identity an `import { identity = {...} }` block names, if any.
    pub identity: Option<Value>,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl ImportRequest {
    /// An import by `id`.
    pub fn new(id: impl Into<String>) -> Self {
        ImportRequest {
            id: id.into(),
            identity: None,
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

/// An instance to write configuration for (GenerateResourceConfig).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GenerateConfigRequest {
    /// The instance's state, as a list resource or an import found it.
    pub state: Value,
    pub(crate) typing: Typing,
}

impl GenerateConfigRequest {
    /// A request for `state`.
    pub fn new(state: Value) -> Self {
        GenerateConfigRequest {
            state,
            typing: Typing::default(),
        }
    }
}

typed_request!(
    PlanRequest,
    ApplyRequest,
    ReadRequest,
    ImportRequest,
    GenerateConfigRequest,
);
