//! Help for a provider's tests: which Terraform CLI to run, the go-plugin handshake's
//! cookie (to start the provider binary as Terraform does), the declared validators run as
//! the server runs them, every event of a list resource at once, an action's progress and
//! outcome at once, and, with the
//! `test-clients` feature, the go-plugin services' gRPC clients for tests that talk to the
//! provider binary itself.

use std::path::PathBuf;

use crate::action::{self, Action, ActionRequest};
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::list::{self, ListEvent, ListRequest, ListResource};
use crate::schema::{self, Block};
pub use crate::serve::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};

/// The Terraform CLI a test should run: `$TERRAFORM`, else the first `terraform` on `PATH`,
/// else /usr/local/bin/terraform; `None` when there is none.
pub fn terraform_cli() -> Option<PathBuf> {
    std::env::var_os("TERRAFORM")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(|d| d.join("terraform"))
                .find(|p| p.is_file())
        })
        .or_else(|| Some(PathBuf::from("/usr/local/bin/terraform")).filter(|p| p.is_file()))
}

/// Every validator declared in `block`, at every depth, run against `config` (a value of
/// the block) as the server runs them before a type's own check.
pub fn validate_block(block: &Block, config: &Value) -> Diagnostics {
    schema::validate_block(block, config)
}

/// Runs `list` for `req` with the sink the server would give it (taking at most the
/// request's limit), and gathers every event it sends.
pub async fn collect_list(list: &dyn ListResource, req: ListRequest) -> Vec<ListEvent> {
    list::collect(list, req).await
}

/// Invokes `action` for `req` with the sink the server would give it, and answers every
/// progress message it sent, in order, and its outcome.
pub async fn invoke_action(
    action: &dyn Action,
    req: ActionRequest,
) -> (Vec<String>, Outcome<Diagnostics>) {
    action::collect(action, req).await
}

/// The gRPC clients of go-plugin's own services (health; controller, stdio and broker),
/// for a test that starts the provider binary as Terraform would and talks to it. They
/// bring tonic and prost into the API, hence the feature.
#[cfg(feature = "test-clients")]
pub mod goplugin {
    pub use crate::proto::{health, plugin};
}
