//! What a [`super::Resource`] answers. Every response is `#[non_exhaustive]` and built with
//! constructors (`from_state`, `error`, ...) and `with_*` setters, so a field added for a
//! protocol addition breaks no provider.

use super::requests::PlanRequest;
use crate::cty::{AttributePath, Value};
use crate::diagnostic::Diagnostics;
use crate::private::Private;

/// The provider's plan.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PlanResponse {
    /// The state the resource will have, unknowns where only apply can tell.
    pub planned_state: Value,
    /// Attributes whose change forces replacement (added to the declared ones).
    pub requires_replace: Vec<AttributePath>,
    /// Private data handed to apply.
    pub planned_private: Private,
    /// Problems.
    pub diagnostics: Diagnostics,
    /// The identity the instance will have, if the type has one.
    pub planned_identity: Option<Value>,
}

impl PlanResponse {
    /// The proposal as the plan, keeping the prior private data and identity.
    pub fn from_request(req: PlanRequest) -> Self {
        PlanResponse {
            planned_state: req.proposed_new_state,
            planned_private: req.prior_private,
            planned_identity: req.prior_identity,
            ..Default::default()
        }
    }

    /// A plan of `planned_state`.
    pub fn from_state(planned_state: Value) -> Self {
        PlanResponse {
            planned_state,
            ..Default::default()
        }
    }

    /// A failed plan.
    pub fn error(diagnostics: impl Into<Diagnostics>) -> Self {
        PlanResponse {
            diagnostics: diagnostics.into(),
            ..Default::default()
        }
    }
}

/// The outcome of an apply.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ApplyResponse {
    /// The new state; null after delete. On error, the best known state.
    pub new_state: Value,
    /// Private data to store with the state.
    pub private: Private,
    /// Problems.
    pub diagnostics: Diagnostics,
    /// The instance's identity, if the type has one.
    pub new_identity: Option<Value>,
}

impl ApplyResponse {
    /// Success with `new_state`.
    pub fn from_state(new_state: Value) -> Self {
        ApplyResponse {
            new_state,
            ..Default::default()
        }
    }

    /// Success of a delete: no state.
    pub fn deleted() -> Self {
        ApplyResponse::default()
    }

    /// A failure; the state is null unless set with [`ApplyResponse::with_state`].
    pub fn error(diagnostics: impl Into<Diagnostics>) -> Self {
        ApplyResponse {
            diagnostics: diagnostics.into(),
            ..Default::default()
        }
    }

    /// The same response with `state`.
    pub fn with_state(mut self, state: Value) -> Self {
        self.new_state = state;
        self
    }

    /// The same response with `private` data.
    pub fn with_private(mut self, private: impl Into<Private>) -> Self {
        self.private = private.into();
        self
    }

    /// The same response with an identity.
    pub fn with_identity(mut self, identity: Value) -> Self {
        self.new_identity = Some(identity);
        self
    }
}

/// The refreshed state.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ReadResponse {
    /// The refreshed state; null when the object is gone (Terraform drops it from state).
    pub new_state: Value,
    /// Private data to store.
    pub private: Private,
    /// Problems.
    pub diagnostics: Diagnostics,
    /// The instance's identity, if the type has one.
    pub new_identity: Option<Value>,
}

impl ReadResponse {
    /// The object as read, with the private data to keep.
    pub fn from_state(new_state: Value, private: impl Into<Private>) -> Self {
        ReadResponse {
            new_state,
            private: private.into(),
            ..Default::default()
        }
    }

    /// The object is gone: Terraform removes it from the state.
    pub fn gone() -> Self {
        ReadResponse::default()
    }

    /// The same response with an identity.
    pub fn with_identity(mut self, identity: Value) -> Self {
        self.new_identity = Some(identity);
        self
    }

    /// The same response with `diagnostics` added.
    pub fn with_diagnostics(mut self, diagnostics: Diagnostics) -> Self {
        self.diagnostics.extend(diagnostics);
        self
    }
}

/// One object found by import.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ImportedResource {
    /// Its state (Terraform reads it right after).
    pub state: Value,
    /// Private data to store.
    pub private: Private,
    /// Its identity, if the type has one.
    pub identity: Option<Value>,
}

impl ImportedResource {
    /// An object with `state` and `private` data.
    pub fn new(state: Value, private: impl Into<Private>) -> Self {
        ImportedResource {
            state,
            private: private.into(),
            identity: None,
        }
    }
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ImportResponse {
    /// The imported objects (usually one).
    pub imported: Vec<ImportedResource>,
    /// Problems.
    pub diagnostics: Diagnostics,
}

impl ImportResponse {
    /// One imported object.
    pub fn one(resource: ImportedResource) -> Self {
        ImportResponse {
            imported: vec![resource],
            ..Default::default()
        }
    }

    /// A failed import.
    pub fn error(diagnostics: impl Into<Diagnostics>) -> Self {
        ImportResponse {
            diagnostics: diagnostics.into(),
            ..Default::default()
        }
    }
}
