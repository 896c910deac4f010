//! What is said when GitHub refuses a write of a secret, in every scope: a `key_id` that is
//! not the home's current key, and repository IDs that are not the organization's (named by
//! listing its repositories, on that error path only).

use std::collections::BTreeSet;

use github_client::{Error, SecretHome};
use tfplugin::{AttributePath, Diagnostic};

use super::schema::scope_word;
use crate::provider::scope::{place, Scope};
use crate::provider::state::Api;
use crate::provider::support::{and_list, api_error};

/// GitHub refused `key_id`: the value was sealed with another key than the home's current
/// one (keys are rotated).
pub fn key_id_refused(home: &SecretHome, key_id: &str, err: &Error) -> Diagnostic {
    let scope = Scope::of(home);
    Diagnostic::error(
        "GitHub refused the key_id",
        format!(
            "{err} `key_id` {key_id:?} is not the ID of the current public key of {}: GitHub \
             rotates it, and a value sealed with another key cannot be opened: read \
             `codespaces_{}_public_key` again (a new plan reads it), seal the value with its \
             `key`, and set `key_id` to its `key_id`. Nothing was changed.",
            place(home),
            scope_word(scope),
        ),
    )
    .at(AttributePath::attr("key_id"))
}

/// A write that failed. When GitHub refused its content (422) and it sent repository IDs of
/// an organization secret, the organization's repositories are listed (on this error path
/// only: one request per 100 repositories) to name the IDs that are not among them, on
/// `selected_repository_ids`.
pub async fn refused(
    api: &Api,
    home: &SecretHome,
    action: &str,
    err: &Error,
    sent: &[i64],
) -> Diagnostic {
    let d = api_error(action, err);
    let SecretHome::Organization(owner) = home else {
        return d;
    };
    if !err.is_validation() || sent.is_empty() {
        return d;
    }
    let listed = api.run.client().list_org_repositories(owner).await;
    let Ok(repos) = listed else {
        return d;
    };
    let known: BTreeSet<i64> = repos.iter().map(|r| r.id).collect();
    let unknown: BTreeSet<i64> = sent
        .iter()
        .copied()
        .filter(|id| !known.contains(id))
        .collect();
    if unknown.is_empty() {
        return d;
    }
    let (summary, are) = match unknown.len() {
        1 => ("Unknown repository ID", "is not a repository"),
        _ => ("Unknown repository IDs", "are not repositories"),
    };
    Diagnostic::error(
        summary,
        format!(
            "{} in `selected_repository_ids` {are} of organization {owner:?}, so GitHub \
             refused the write: {err} Nothing was changed. Check the IDs: the \
             `codespaces_repository` data source looks a repository's ID up by name.",
            and_list(unknown.iter().map(i64::to_string)),
        ),
    )
    .at(AttributePath::attr("selected_repository_ids"))
}
