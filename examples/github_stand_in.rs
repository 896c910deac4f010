//! A stand-in for integrations/github in the end-to-end tests of `moved` blocks, never the
//! real provider and none of its code: it serves, under the address
//! `registry.terraform.io/integrations/github`, the schemas of its four Codespaces resource
//! types as this provider declares them for those moves (`provider::incumbent`, one
//! definition for both). Terraform needs them: it loads the schema of every provider a state
//! names before it plans, a `moved` block's source included, though it never asks that
//! provider anything about the move itself.
//!
//! It reads an instance back as it is stored (what a `removed { lifecycle { destroy = false
//! } }` block's plan asks of it) and refuses every write: the tests write the incumbent's
//! states themselves, shaped as integrations/github stores them.
//!
//! `tests/e2e/common/incumbent.rs` builds it (`cargo build --example github_stand_in`) and
//! points a `dev_overrides` entry for `integrations/github` at it as `terraform-provider-github`.

use std::sync::Arc;

use terraform_provider_codespaces::provider::incumbent;
use tfplugin::{
    async_trait, ApplyRequest, ApplyResponse, Attribute, Block, ConfigureRequest, Diagnostic,
    Diagnostics, Outcome, Provider, ReadRequest, ReadResponse, Resource, Schema, ServeOptions,
    Type,
};

/// One of the incumbent's resource types: its schema, reads as stored, no writes.
struct StandInResource {
    type_name: &'static str,
    schema: Schema,
}

impl StandInResource {
    fn refuse(&self, what: &str) -> Diagnostic {
        Diagnostic::error(
            "The integrations/github stand-in writes nothing",
            format!(
                "This test stand-in only serves integrations/github's schemas; it cannot {what} \
                 a {}.",
                self.type_name
            ),
        )
    }
}

#[async_trait]
impl Resource for StandInResource {
    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn schema(&self) -> Schema {
        self.schema.clone()
    }

    async fn create(&self, _req: ApplyRequest) -> Outcome<ApplyResponse> {
        Err(self.refuse("create").into())
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        Ok(ReadResponse::from_state(req.current_state, req.private))
    }

    async fn update(&self, _req: ApplyRequest) -> Outcome<ApplyResponse> {
        Err(self.refuse("update").into())
    }

    async fn delete(&self, _req: ApplyRequest) -> Outcome<()> {
        Err(self.refuse("delete").into())
    }
}

struct GithubStandIn;

#[async_trait]
impl Provider for GithubStandIn {
    /// The arguments of integrations/github's provider block that a migrating
    /// configuration may still hold.
    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .attribute(Attribute::optional("owner", Type::String))
                .attribute(Attribute::optional("token", Type::String).sensitive())
                .attribute(Attribute::optional("base_url", Type::String)),
        )
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        incumbent::schemas()
            .into_iter()
            .map(|(type_name, schema)| {
                Arc::new(StandInResource { type_name, schema }) as Arc<dyn Resource>
            })
            .collect()
    }

    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opts = ServeOptions::new(incumbent::ADDRESS, "6.0.0");
    match tfplugin::serve(Arc::new(GithubStandIn), opts).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
