//! A type's own check of a configuration, beyond the validators its schema declares: the
//! [`ValidateConfig`] capability and its [`ValidateRequest`]. One trait serves every kind
//! that has a configuration: the provider block, resources and data sources check a
//! [`ValidateRequest`]; a list resource checks a `ValidateListRequest` (with its
//! `include_resource` and `limit` as written). A type opts in through its
//! `as_validate_config` accessor; without it only the declared validators run.

use async_trait::async_trait;

use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::schema::{typed_request, Typing};

/// A configuration to validate.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidateRequest {
    /// The configuration, decoded with the schema; may hold unknowns.
    pub config: Value,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl ValidateRequest {
    /// A request to validate `config`.
    pub fn new(config: Value, capabilities: ClientCapabilities) -> Self {
        ValidateRequest {
            config,
            capabilities,
            typing: Typing::default(),
        }
    }
}

typed_request!(ValidateRequest);

/// Checks a configuration beyond the declared validators, which have run already (values
/// may be unknown: Terraform validates again once they are known). `R` is what the kind
/// validates: a [`ValidateRequest`], or a list resource's `ValidateListRequest`.
#[async_trait]
pub trait ValidateConfig<R: Send + 'static = ValidateRequest>: Send + Sync {
    /// The problems with `req`'s configuration; none when it passes.
    async fn validate_config(&self, req: R) -> Diagnostics;
}
