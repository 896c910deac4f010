//! Planning a `codespaces_org_secret` beyond its declared plan modifiers: what an apply will
//! do, decided once from the prior state, the proposal and the private marker, and used
//! again by apply so both agree. The checks of the name it plans are `one_name.rs`.

use super::model::{value_changed, SecretPlan, SecretState};
use crate::provider::identity;
use crate::provider::support::{is_set, Marker};
use tfplugin::{AttributePath, Diagnostic, MaybeUnknown, Outcome, PlanRequest, PlanResponse};

/// What an update has to send to GitHub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Intent {
    /// PUT the secret (sealed value, visibility, grants).
    pub put_secret: bool,
    /// Replace the grants through the repositories endpoint (only when no PUT carries them).
    pub set_repositories: bool,
}

impl Intent {
    /// Nothing to send to GitHub.
    pub fn is_noop(self) -> bool {
        !self.put_secret && !self.set_repositories
    }
}

/// Whether `next` (unknown included) differs from `prior`.
fn changed<T: PartialEq>(prior: &T, next: &MaybeUnknown<T>) -> bool {
    next.known() != Some(prior)
}

/// Decides what updating `prior` (stored state) into `next` (proposed or planned state)
/// needs. `marker` is what the last apply recorded; `owns_value` says whether the
/// configuration gives the value (without one, an `updated_at` that moved is someone else
/// rotating the value, not drift).
pub fn intent(prior: &SecretState, next: &SecretPlan, marker: &Marker, owns_value: bool) -> Intent {
    let user_key_id_changed = is_set(&next.encrypted_value) && changed(&prior.key_id, &next.key_id);
    let drifted =
        owns_value && marker.applied_updated_at.as_deref() != Some(prior.updated_at.as_str());
    let put_secret = drifted
        || value_changed(&prior.value, &next.value)
        || value_changed(&prior.encrypted_value, &next.encrypted_value)
        || user_key_id_changed
        || changed(&prior.value_wo_version, &next.value_wo_version)
        || changed(&prior.visibility, &next.visibility);
    let ids_changed = next.settled_ids().as_ref() != Some(&prior.selected_repository_ids);
    let manages_ids = is_set(&next.selected_repository_ids);
    Intent {
        put_secret,
        set_repositories: !put_secret && manages_ids && ids_changed,
    }
}

/// Plans a create or an update from Terraform's `proposed` state, after the declared
/// modifiers (computed attributes unknown on create and replacement, a case-only rename
/// kept in place): an update that sends anything gets a new `updated_at`, and a new
/// `key_id` when it seals a value again. A create without any value is refused: GitHub
/// cannot create a secret without one. The identity is `owner` (the provider's
/// organization) and the name.
pub fn plan(
    req: PlanRequest,
    mut planned: SecretPlan,
    owner: Option<&str>,
) -> Outcome<PlanResponse> {
    let config: SecretPlan = req.to_model(&req.config)?;
    let owns = config.owns_value();
    if req.prior_state.is_null() && !owns {
        return Err(missing_value(&config).into());
    }
    // The create half of a replacement is handed the first plan's private data; a create
    // keeps none.
    let mut private = Vec::new();
    if !req.prior_state.is_null() {
        let prior: SecretState = req.to_model(&req.prior_state)?;
        let mut marker = Marker::decode(&req.prior_private);
        let todo = intent(&prior, &planned, &marker, owns);
        if !todo.is_noop() {
            planned.updated_at = MaybeUnknown::Unknown;
        }
        if todo.put_secret && owns && !is_set(&config.key_id) {
            planned.key_id = MaybeUnknown::Unknown;
        }
        marker.planned_over = Some(prior.secret_name.to_ascii_uppercase());
        private = marker.encode();
    }
    let identity = match (owner, planned.secret_name.known()) {
        (Some(owner), Some(name)) => Some(identity::secret(owner, name)?),
        _ => None,
    };
    let planned_state = req.to_value(&planned)?;
    let mut response = PlanResponse::from_request(req);
    response.planned_state = planned_state;
    response.planned_private = private;
    if identity.is_some() {
        response.planned_identity = identity;
    }
    Ok(response)
}

fn missing_value(config: &SecretPlan) -> Diagnostic {
    let name = config
        .secret_name
        .known()
        .map_or("this secret", String::as_str);
    Diagnostic::error(
        "Missing secret value",
        format!(
            "GitHub needs a value to create a Codespaces secret. Set `value`, `value_wo` \
             (write-only, Terraform 1.11+) or `encrypted_value`; or, if {name} already exists \
             in GitHub with a value managed elsewhere, import it (an `import` block) and leave \
             all three unset."
        ),
    )
    .at(AttributePath::attr("value"))
}

#[cfg(test)]
mod tests;
