//! Ephemeral resources (protocol 5.7, Terraform 1.10+): `ephemeral` blocks whose result
//! Terraform never stores, in a plan or a state. Terraform opens one in each phase that
//! needs it (plan, apply), once its configuration is wholly known, renews it while it is in
//! use if the provider asked for that, and closes it when what uses it is done. Its result
//! may only go where nothing is stored: write-only attributes, provider configuration,
//! locals, ephemeral variables and outputs, provisioners.
//!
//! An [`EphemeralResource`] answers `open`; an expiring object (a lease, a token) adds the
//! [`RenewEphemeral`] capability and sets `renew_at`; one that holds something remote adds
//! [`CloseEphemeral`]. The private data `open` answers comes back with every renewal and
//! with the close (Terraform hands close the data open answered, not a renewal's).

use std::time::SystemTime;

use async_trait::async_trait;

use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::private::Private;
use crate::schema::{typed_request, Schema, Typing};
use crate::validate_config::ValidateConfig;

/// An opening of an ephemeral resource.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OpenRequest {
    /// The configuration, decoded with the schema (wholly known: Terraform waits otherwise).
    pub config: Value,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl OpenRequest {
    /// An opening for `config`.
    pub fn new(config: Value) -> Self {
        OpenRequest {
            config,
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

/// An opened ephemeral resource.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct OpenResponse {
    /// The result: a value of the schema, the configured arguments as they were.
    pub result: Value,
    /// Private data handed to every renewal and to the close.
    pub private: Private,
    /// When Terraform should renew it, if ever (needs [`RenewEphemeral`]).
    pub renew_at: Option<SystemTime>,
    /// Warnings to show with it.
    pub diagnostics: Diagnostics,
}

impl OpenResponse {
    /// The opened object's `result`.
    pub fn from_result(result: Value) -> Self {
        OpenResponse {
            result,
            ..Default::default()
        }
    }

    /// The same response with `private` data.
    pub fn with_private(mut self, private: impl Into<Private>) -> Self {
        self.private = private.into();
        self
    }

    /// The same response, asking Terraform to renew at `at`.
    pub fn with_renew_at(mut self, at: SystemTime) -> Self {
        self.renew_at = Some(at);
        self
    }

    /// The same response with `diagnostics` (warnings) added.
    pub fn with_diagnostics(mut self, diagnostics: Diagnostics) -> Self {
        self.diagnostics.extend(diagnostics);
        self
    }
}

/// A renewal, at the time the last answer asked for.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RenewRequest {
    /// The private data of the opening, or of the last renewal that set some.
    pub private: Private,
}

impl RenewRequest {
    /// A renewal with `private` data.
    pub fn new(private: impl Into<Private>) -> Self {
        RenewRequest {
            private: private.into(),
        }
    }
}

/// A renewal's outcome.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RenewResponse {
    /// When to renew next, if ever.
    pub renew_at: Option<SystemTime>,
    /// New private data for the next renewal; none keeps the current data.
    pub private: Option<Private>,
    /// Warnings.
    pub diagnostics: Diagnostics,
}

impl RenewResponse {
    /// Renewed, not to be renewed again.
    pub fn done() -> Self {
        RenewResponse::default()
    }

    /// Renewed, to be renewed again at `at`.
    pub fn again_at(at: SystemTime) -> Self {
        RenewResponse {
            renew_at: Some(at),
            ..Default::default()
        }
    }

    /// The same response with new `private` data for the next renewal.
    pub fn with_private(mut self, private: impl Into<Private>) -> Self {
        self.private = Some(private.into());
        self
    }
}

/// A close, once what used the object is done.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CloseRequest {
    /// The private data the opening answered.
    pub private: Private,
}

impl CloseRequest {
    /// A close with `private` data.
    pub fn new(private: impl Into<Private>) -> Self {
        CloseRequest {
            private: private.into(),
        }
    }
}

typed_request!(OpenRequest);

/// An ephemeral resource type.
#[async_trait]
pub trait EphemeralResource: Send + Sync + 'static {
    /// The type name, e.g. `hello_token`.
    fn type_name(&self) -> &'static str;

    /// The schema (with its declared validators).
    fn schema(&self) -> Schema;

    /// Opens the object; `Err` for a failure.
    async fn open(&self, req: OpenRequest) -> Outcome<OpenResponse>;

    /// Checks a configuration beyond the declared validators. Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        None
    }

    /// Renews opened objects. Without it, an opening may not ask for renewal.
    fn as_renew(&self) -> Option<&dyn RenewEphemeral> {
        None
    }

    /// Closes opened objects. Without it, a close has nothing to do.
    fn as_close(&self) -> Option<&dyn CloseEphemeral> {
        None
    }
}

/// Renews an opened object when Terraform's time comes (the `renew_at` of the last answer).
#[async_trait]
pub trait RenewEphemeral: Send + Sync {
    /// Renews the object `req.private` names.
    async fn renew(&self, req: RenewRequest) -> Outcome<RenewResponse>;
}

/// Closes an opened object (revokes a lease, ends a session).
#[async_trait]
pub trait CloseEphemeral: Send + Sync {
    /// Closes the object `req.private` names.
    async fn close(&self, req: CloseRequest) -> Outcome<()>;
}
