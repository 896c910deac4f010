//! The provider: its configuration schema, its resource, data source, list resource,
//! ephemeral resource and action types and its functions, and the Configure and Stop
//! calls. Each kind is listed by a method of its own with an empty default (but
//! resources), so a kind the protocol adds is one more such method and breaks no provider.

use std::sync::Arc;

use async_trait::async_trait;

use crate::action::Action;
use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::data_source::DataSource;
use crate::diagnostic::Diagnostics;
use crate::ephemeral::EphemeralResource;
use crate::function::Function;
use crate::list::ListResource;
use crate::resource::Resource;
use crate::schema::{typed_request, Schema, Typing};
use crate::validate_config::ValidateConfig;

/// The provider block's configuration, once Terraform has it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ConfigureRequest {
    /// The provider block, decoded with [`Provider::schema`]. May hold unknowns.
    pub config: Value,
    /// The Terraform version that is running us.
    pub terraform_version: String,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl ConfigureRequest {
    /// A request for `config` from Terraform `terraform_version`.
    pub fn new(config: Value, terraform_version: impl Into<String>) -> Self {
        ConfigureRequest {
            config,
            terraform_version: terraform_version.into(),
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

typed_request!(ConfigureRequest);

/// A provider: its configuration schema and its types.
#[async_trait]
pub trait Provider: Send + Sync + 'static {
    /// The schema of the `provider` block.
    fn schema(&self) -> Schema;

    /// Every resource type, e.g. `vec![Arc::new(Greeting)]`.
    fn resources(&self) -> Vec<Arc<dyn Resource>>;

    /// Every data source type.
    fn data_sources(&self) -> Vec<Arc<dyn DataSource>> {
        Vec::new()
    }

    /// Every list resource type (Terraform 1.14+ `list` blocks); none by default.
    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        Vec::new()
    }

    /// Every ephemeral resource type (Terraform 1.10+ `ephemeral` blocks); none by default.
    fn ephemeral_resources(&self) -> Vec<Arc<dyn EphemeralResource>> {
        Vec::new()
    }

    /// Every action type (Terraform 1.14+ `action` blocks); none by default.
    fn actions(&self) -> Vec<Arc<dyn Action>> {
        Vec::new()
    }

    /// Every function (Terraform 1.8+ `provider::<name>::<function>(...)`); none by default.
    /// Terraform calls them on an instance it never configures.
    fn functions(&self) -> Vec<Arc<dyn Function>> {
        Vec::new()
    }

    /// Checks the provider block before configure, beyond the declared validators.
    /// Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        None
    }

    /// Configures the provider; called once per process before any resource operation.
    async fn configure(&self, req: ConfigureRequest) -> Diagnostics;

    /// Terraform asked us to stop: cancel what is in flight if possible.
    async fn stop(&self) {}
}
