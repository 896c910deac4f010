//! `moved` blocks from integrations/github into the secrets of every scope (Terraform 1.8+):
//! `github_codespaces_organization_secret`, `github_codespaces_secret` and
//! `github_codespaces_user_secret` become `codespaces_org_secret`,
//! `codespaces_repository_secret` and `codespaces_user_secret` without being recreated, by
//! one mapping told the scope. Terraform runs it on an unconfigured provider, before
//! planning: it only transforms the stored state, and the refresh and plan that follow do
//! the rest.
//!
//! The value is left alone: the incumbent's `updated_at` is the time GitHub reported right
//! after its last write, which is exactly what our private marker records after ours, so a
//! configuration that gives the same value plans nothing, and one that gives none (the value
//! managed elsewhere) plans only forgetting it (`plan.rs`). A secret changed in GitHub since
//! then shows a newer `updated_at` on refresh: drift, as after any write of ours.
//!
//! | integrations/github | this provider |
//! | --- | --- |
//! | `secret_name`, `repository` (a bare name, under the provider's `owner`) | the same |
//! | `plaintext_value` | `value` (`""` or null: null) |
//! | `encrypted_value` | `encrypted_value`; `key_id` null, adopted from the configuration |
//! | `visibility` | the same |
//! | `selected_repository_ids` | the same where the secret has grants (a `selected` organization secret, a user secret) and it lists some; `[]` and the rest null (not managed) |
//! | `created_at`, `updated_at` (Go's format) | RFC 3339, as GitHub writes them |
//! | `id` | the name upper-case, as GitHub reports it |
//! | (none) | the identity, filled by the refresh |
//!
//! The incumbent's whole-list resource has no faithful mapping: a move from it is refused
//! with what to do instead (`incumbent::list_move_refused`).

use github_client::Visibility;
use tfplugin::{MoveSource, MoveStateRequest, MoveStateResponse, Outcome};

use super::model::SecretState;
use super::schema::encode;
use crate::provider::incumbent::{self, IncumbentSecret};
use crate::provider::scope::Scope;
use crate::provider::support::Marker;

/// The states a secret of `scope` takes: the incumbent's secret of the same scope, and (for
/// an organization secret) the incumbent's whole list, only to refuse it with advice.
pub fn sources(scope: Scope) -> Vec<MoveSource> {
    let secret = MoveSource::new(
        incumbent::ADDRESS,
        incumbent::secret_type(scope),
        incumbent::secret_schema(scope),
    );
    std::iter::once(secret)
        .chain(incumbent::list_source(scope))
        .collect()
}

/// The state of a secret of `scope` for the incumbent's state in `req`, with the marker of
/// the incumbent's last write.
pub fn move_state(scope: Scope, req: &MoveStateRequest) -> Outcome<MoveStateResponse> {
    incumbent::refuse_list(req, scope.secret_type())?;
    let old = IncumbentSecret::read(&req.raw_source_state)?;
    tracing::info!(
        source_provider = %req.source_provider_address,
        source_type = %req.source_type_name,
        secret_name = %old.secret_name,
        "moving the state of a secret of integrations/github"
    );
    let (state, marker) = from_incumbent(scope, old);
    Ok(MoveStateResponse::from_state(encode(scope, &state)?).with_private(marker.encode()))
}

/// The state and marker of a secret of `scope` that the incumbent stored as `old`.
fn from_incumbent(scope: Scope, old: IncumbentSecret) -> (SecretState, Marker) {
    let value = IncumbentSecret::value(&old.plaintext_value);
    let encrypted_value = IncumbentSecret::value(&old.encrypted_value);
    let visibility = old.visibility.as_deref().and_then(|v| {
        Visibility::ALL
            .into_iter()
            .find(|known| known.as_str() == v)
    });
    let has_grants = scope.has_grants_with(visibility);
    let time = |go: Option<String>| {
        let go = go.unwrap_or_default();
        incumbent::rfc3339(&go).ok_or(go)
    };
    let created_at = time(old.created_at).unwrap_or_else(|kept| kept);
    let updated_at = time(old.updated_at);
    // The incumbent's last write left the value: as if ours had, when the time is readable.
    let held_a_value = value.is_some() || encrypted_value.is_some();
    let marker = Marker {
        applied_updated_at: updated_at.clone().ok().filter(|_| held_a_value),
        ..Marker::default()
    };
    let state = SecretState {
        id: old.secret_name.to_ascii_uppercase(),
        repository: old.repository.filter(|_| scope == Scope::Repository),
        secret_name: old.secret_name,
        value,
        value_wo: None,
        value_wo_version: None,
        encrypted_value,
        key_id: None,
        visibility: visibility.filter(|_| scope.has_visibility()),
        // Its read stores `[]` whenever GitHub lists no repository, whatever the
        // configuration says: that is ours unset ("not managed"), not an empty list to keep.
        selected_repository_ids: old
            .selected_repository_ids
            .filter(|ids| has_grants && !ids.is_empty()),
        created_at,
        updated_at: updated_at.unwrap_or_else(|kept| kept),
    };
    (state, marker)
}

#[cfg(test)]
mod tests;
