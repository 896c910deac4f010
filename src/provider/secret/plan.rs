//! Planning a secret of any scope beyond its declared plan modifiers: what an apply will do,
//! decided once from the prior state, the proposal and the private marker, and used again
//! by apply so both agree; and when a repository secret moves to another repository (a
//! replacement; another spelling of the same repository is not one). The checks of the
//! name it plans are `one_name.rs`.

use github_client::{SecretHome, Visibility};

use super::model::{value_changed, SecretPlan, SecretState};
use super::one_name::check_name;
use super::schema::{decode, encode};
use crate::provider::identity;
use crate::provider::repository_name::same_repository;
use crate::provider::scope::Scope;
use crate::provider::state::ProviderState;
use crate::provider::support::{is_set, Marker};
use tfplugin::{
    AttributePath, Diagnostic, MaybeUnknown, Outcome, PlanRequest, PlanResponse, Private,
};

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
/// configuration gives the value. Without one, nothing about the value is sent: an
/// `updated_at` that moved is someone else rotating it, not drift, and a value the state
/// held and the configuration no longer gives is only forgotten (GitHub keeps it, managed
/// elsewhere from now on). A `key_id` the state never recorded (a state moved from
/// integrations/github, which did not keep it) is adopted from the configuration, not a
/// reason to send the same sealed value again.
pub fn intent(prior: &SecretState, next: &SecretPlan, marker: &Marker, owns_value: bool) -> Intent {
    let user_key_id_changed = is_set(&next.encrypted_value)
        && prior.key_id.is_some()
        && changed(&prior.key_id, &next.key_id);
    let drifted = marker.applied_updated_at.as_deref() != Some(prior.updated_at.as_str());
    let send_value = owns_value
        && (drifted
            || value_changed(&prior.value, &next.value)
            || value_changed(&prior.encrypted_value, &next.encrypted_value)
            || user_key_id_changed
            || changed(&prior.value_wo_version, &next.value_wo_version));
    let put_secret = send_value || changed(&prior.visibility, &next.visibility);
    let ids_changed = next.settled_ids().as_ref() != Some(&prior.selected_repository_ids);
    let manages_ids = is_set(&next.selected_repository_ids);
    Intent {
        put_secret,
        set_repositories: !put_secret && manages_ids && ids_changed,
    }
}

/// Whether a repository secret planned from `prior` into `next` moves to another
/// repository, `owner` (the provider's) standing in for an owner not written: a change of
/// spelling of one repository (`api` and `acme/api`, or another case) is not a move.
pub fn moves(prior: &SecretState, next: &SecretPlan, owner: Option<&str>) -> bool {
    match (prior.repository.as_deref(), next.repository.known()) {
        (Some(before), Some(Some(after))) => !same_repository(before, after, owner),
        (None, Some(None)) => false,
        _ => true,
    }
}

/// Plans a create or an update of a secret of `scope` ([`plan`]), then checks its name
/// ([`check_name`]). The home is resolved first: a user secret with a GitHub App's
/// credentials is an error here, before any request. The visibility the plan gives the
/// secret is recorded for the grants planned after it (a user secret's is `selected`).
pub async fn modify_plan(
    scope: Scope,
    provider: &ProviderState,
    req: PlanRequest,
) -> Outcome<PlanResponse> {
    let proposed: SecretPlan = decode(scope, &req.proposed_new_state)?;
    let home = match &proposed.repository {
        MaybeUnknown::Unknown => None,
        MaybeUnknown::Known(repository) => Some(provider.home(scope, repository.as_deref())),
    };
    let visibility = match (scope, &proposed.visibility) {
        (Scope::User, _) => Some(MaybeUnknown::Known(Visibility::Selected)),
        (_, MaybeUnknown::Known(v)) => v.map(MaybeUnknown::Known),
        (_, MaybeUnknown::Unknown) => Some(MaybeUnknown::Unknown),
    };
    if let (Some(Ok(home)), Some(visibility)) = (&home, visibility) {
        let plans = provider.plans();
        plans.record_visibility(home, &proposed.secret_name, &visibility);
    }
    let creating = req.prior_state.is_null();
    let planned_over = Marker::decode(&req.prior_private).planned_over;
    let name = proposed.secret_name.clone();
    let owner = provider.owner();
    let known_home = home.as_ref().and_then(|h| h.as_ref().ok());
    let mut response = plan(scope, req, proposed, known_home, owner.as_deref())?;
    if let (Some(home), false) = (home, response.diagnostics.has_errors()) {
        let over = planned_over.as_deref();
        let checked = check_name(provider, home, &name, creating, over).await;
        let fresh = provider.reports().not_yet_reported(checked);
        response.diagnostics.extend(fresh);
    }
    Ok(response)
}

/// Plans a create or an update of a secret of `scope` from Terraform's `proposed` state,
/// after the declared modifiers (computed attributes unknown on create and replacement, a
/// case-only rename kept in place): an update that sends anything gets a new `updated_at`,
/// and a new `key_id` when it seals a value again; a repository secret that moves to
/// another repository is replaced. A create without any value is refused: GitHub cannot
/// create a secret without one. The identity is that of the secret in `home`, when known.
pub fn plan(
    scope: Scope,
    req: PlanRequest,
    mut planned: SecretPlan,
    home: Option<&SecretHome>,
    owner: Option<&str>,
) -> Outcome<PlanResponse> {
    let config: SecretPlan = decode(scope, &req.config)?;
    let owns = config.owns_value();
    if req.prior_state.is_null() && !owns {
        return Err(missing_value(&config).into());
    }
    // The create half of a replacement is handed the first plan's private data; a create
    // keeps none.
    let mut private = Private::default();
    let mut replace = Vec::new();
    if !req.prior_state.is_null() {
        let prior: SecretState = decode(scope, &req.prior_state)?;
        let mut marker = Marker::decode(&req.prior_private);
        let todo = intent(&prior, &planned, &marker, owns);
        if !todo.is_noop() {
            planned.updated_at = MaybeUnknown::Unknown;
        }
        if todo.put_secret && owns && !is_set(&config.key_id) {
            planned.key_id = MaybeUnknown::Unknown;
        }
        if scope == Scope::Repository && moves(&prior, &planned, owner) {
            replace.push(AttributePath::attr("repository"));
        }
        marker.planned_over = Some(prior.secret_name.to_ascii_uppercase());
        private = marker.encode();
    }
    let identity = match (home, planned.secret_name.known()) {
        (Some(home), Some(name)) => Some(identity::secret(home, name)),
        _ => None,
    };
    let planned_state = encode(scope, &planned)?;
    let mut response = PlanResponse::from_request(req);
    response.planned_state = planned_state;
    response.planned_private = private;
    response.requires_replace.extend(replace);
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
