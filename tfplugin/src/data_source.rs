//! A data source type: validate and read. The server hands back the arguments the user set
//! as they were and lets the data source fill in the rest.

use async_trait::async_trait;

use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::schema::{typed_request, Schema, Typing};
use crate::validate_config::ValidateConfig;

/// A read of a data source.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DataSourceRequest {
    /// The configuration, decoded with the schema (known: Terraform defers reads otherwise).
    pub config: Value,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl DataSourceRequest {
    /// A read for `config`.
    pub fn new(config: Value) -> Self {
        DataSourceRequest {
            config,
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

typed_request!(DataSourceRequest);

/// The outcome of reading a data source.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DataSourceResponse {
    /// The data source's full object.
    pub state: Value,
    /// Warnings to show with it (a failure is the `Err` of [`DataSource::read`]).
    pub diagnostics: Diagnostics,
}

impl DataSourceResponse {
    /// The object read.
    pub fn from_state(state: Value) -> Self {
        DataSourceResponse {
            state,
            ..Default::default()
        }
    }

    /// The same response with `diagnostics` (warnings, say) added.
    pub fn with_diagnostics(mut self, diagnostics: Diagnostics) -> Self {
        self.diagnostics.extend(diagnostics);
        self
    }
}

/// A data source type.
#[async_trait]
pub trait DataSource: Send + Sync + 'static {
    /// The type name, e.g. `aws_caller_identity`.
    fn type_name(&self) -> &'static str;

    /// The schema (with its declared validators).
    fn schema(&self) -> Schema;

    /// Checks a configuration beyond the declared validators. Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        None
    }

    /// Reads the data; `Err` for a failure.
    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse>;
}
