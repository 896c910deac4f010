//! The list resources (`list` blocks in `.tfquery.hcl` files, Terraform 1.14+), one per
//! resource type and written once for every scope: the secrets of an organization, of a
//! repository or of the token's user (`lists/secrets.rs`), and the grants of organization
//! and user secrets (`lists/grants.rs`), found for `terraform query` and turned into import
//! blocks and configuration by `-generate-config-out`.
//!
//! Results stream to Terraform one page of the secrets listing at a time, and no page is
//! fetched beyond what `limit` needs; grants cost one repository listing per `selected`
//! secret listed. The pages are the client's to follow (`NextPage` carries its paginator):
//! a `next` link back to a page already read, to another origin, or past the client's page
//! cap ends the listing with an error diagnostic, so a query never loops or runs on.

mod grants;
mod secrets;

pub use grants::GrantList;
pub use secrets::SecretList;

use github_client::{NextPage, Secret, SecretHome};
use tfplugin::{Diagnostics, ListEvent, ListSink, Outcome, Value};

use super::scope::place;
use super::state::Api;
use super::support::api_error;

/// The text of attribute `name` of a list's `config` (null when the block is absent): `None`
/// when not set, or not known (which filters nothing).
fn text(config: &Value, name: &str) -> Option<String> {
    config.get(name).as_str().map(str::to_string)
}

/// Ends a listing with the failure that stopped it, if any.
async fn finish(sink: &ListSink, result: Outcome<()>) {
    if let Err(d) = result {
        sink.send(ListEvent::error(d)).await;
    }
}

/// Every secret of `home`, a page of the listing at a time: `each` is given each secret and
/// answers whether more are wanted.
async fn each_secret<F, Fut>(api: &Api, home: &SecretHome, mut each: F) -> Outcome<()>
where
    F: FnMut(Secret) -> Fut,
    Fut: std::future::Future<Output = Outcome<bool>>,
{
    let mut next: Option<NextPage> = None;
    loop {
        let (page, following) = api
            .run
            .client()
            .list_secrets_page(home, next)
            .await
            .map_err(|e| -> Diagnostics {
                api_error(&format!("list the secrets of {}", place(home)), &e).into()
            })?;
        for secret in page {
            if !each(secret).await? {
                return Ok(());
            }
        }
        match following {
            Some(n) => next = Some(n),
            None => return Ok(()),
        }
    }
}
