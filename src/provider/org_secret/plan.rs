//! Planning a `codespaces_org_secret` beyond its declared plan modifiers: what an apply will
//! do, decided once from the prior state, the proposal and the private marker, and used
//! again by apply so both agree; and, for a new secret, the check against GitHub that makes
//! bad credentials, a wrong organization or base URL, and a name already taken plan errors.

use super::model::{SecretPlan, SecretState};
use crate::provider::identity;
use crate::provider::state::{setting_names, ProviderState};
use crate::provider::support::{is_set, Marker};
use tfplugin::{
    AttributePath, Diagnostic, Diagnostics, MaybeUnknown, Outcome, PlanRequest, PlanResponse,
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
/// configuration gives the value (without one, an `updated_at` that moved is someone else
/// rotating the value, not drift).
pub fn intent(prior: &SecretState, next: &SecretPlan, marker: &Marker, owns_value: bool) -> Intent {
    let user_key_id_changed = is_set(&next.encrypted_value) && changed(&prior.key_id, &next.key_id);
    let drifted =
        owns_value && marker.applied_updated_at.as_deref() != Some(prior.updated_at.as_str());
    let put_secret = drifted
        || changed(&prior.value, &next.value)
        || changed(&prior.encrypted_value, &next.encrypted_value)
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
    if !req.prior_state.is_null() {
        let prior: SecretState = req.to_model(&req.prior_state)?;
        let marker = Marker::decode(&req.prior_private);
        let todo = intent(&prior, &planned, &marker, owns);
        if !todo.is_noop() {
            planned.updated_at = MaybeUnknown::Unknown;
        }
        if todo.put_secret && owns && !is_set(&config.key_id) {
            planned.key_id = MaybeUnknown::Unknown;
        }
    }
    let identity = match (owner, planned.secret_name.known()) {
        (Some(owner), Some(name)) => Some(identity::secret(owner, name)?),
        _ => None,
    };
    let planned_state = req.to_value(&planned)?;
    let mut response = PlanResponse::from_request(req);
    response.planned_state = planned_state;
    if identity.is_some() {
        response.planned_identity = identity;
    }
    Ok(response)
}

/// Checks a secret about to be created against the organization's secrets, listed once per
/// run (`plans.rs`): an API failure, or a secret of that name already there, is a plan error.
/// With a name or a provider setting not known yet, apply checks instead (said in a warning
/// when a setting is the reason).
pub async fn check_create(provider: &ProviderState, name: &MaybeUnknown<String>) -> Diagnostics {
    let MaybeUnknown::Known(name) = name else {
        return Diagnostics::new();
    };
    let unknown = provider.unknown_settings();
    if !unknown.is_empty() {
        let verb = if unknown.len() == 1 { "is" } else { "are" };
        return Diagnostic::warning(
            "GitHub not checked while planning",
            format!(
                "The provider's {} {verb} not known yet, so this plan did not check that the \
                 credentials work or that no secret named {name} exists. Apply checks both \
                 before it writes anything.",
                setting_names(&unknown)
            ),
        )
        .into();
    }
    let api = match provider.api() {
        Ok(api) => api,
        Err(d) => return d.into(),
    };
    match provider.plans().secret(&api, name).await {
        Err(d) => d.into(),
        Ok(Some(existing)) => already_exists(&api.owner, &existing.name).into(),
        Ok(None) => Diagnostics::new(),
    }
}

/// A secret this resource would create exists already: import it, with the block to paste.
pub fn already_exists(owner: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Secret already exists",
        format!(
            "Organization {owner:?} already has a Codespaces secret named {name}, which this \
             Terraform state does not hold; creating it would overwrite it. Nothing was \
             changed.\n\nIf this resource should manage that secret (for example one created \
             by an apply that was interrupted before Terraform recorded it), import it: add \
             this block to the configuration, with `to` set to this resource's address \
             (Terraform prints it above, after \"with\"), then plan or apply again:\n\n  \
             import {{\n    to = ADDRESS\n    id = \"{name}\"\n  }}\n\nOtherwise choose \
             another `secret_name`."
        ),
    )
    .at(AttributePath::attr("secret_name"))
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
mod tests {
    use super::*;
    use crate::provider::org_secret::schema;
    use crate::provider::support::Sensitive;
    use tfplugin::Value;

    fn state(value: &str, visibility: &str, ids: Option<&[i64]>) -> SecretState {
        SecretState {
            id: "DB".into(),
            secret_name: "db".into(),
            value: Some(Sensitive::from(value)),
            value_wo: None,
            value_wo_version: None,
            encrypted_value: None,
            key_id: Some("k1".into()),
            visibility: visibility.into(),
            selected_repository_ids: ids.map(|i| i.iter().copied().collect()),
            created_at: "T0".into(),
            updated_at: "T1".into(),
        }
    }

    /// `state` as a plan: everything known.
    fn planned(s: &SecretState) -> SecretPlan {
        let known = |v: &Option<String>| MaybeUnknown::Known(v.clone());
        SecretPlan {
            id: known(&Some(s.id.clone())),
            secret_name: s.secret_name.clone().into(),
            value: s.value.clone().into(),
            value_wo: None.into(),
            value_wo_version: s.value_wo_version.clone().into(),
            encrypted_value: s.encrypted_value.clone().into(),
            key_id: known(&s.key_id),
            visibility: s.visibility.clone().into(),
            selected_repository_ids: s
                .selected_repository_ids
                .as_ref()
                .map(|ids| ids.iter().map(|i| MaybeUnknown::Known(*i)).collect())
                .into(),
            created_at: known(&Some(s.created_at.clone())),
            updated_at: known(&Some(s.updated_at.clone())),
        }
    }

    fn value_of<T: serde::Serialize>(model: &T) -> Value {
        tfplugin::model::to_value(model, &schema().block.implied_type()).unwrap()
    }

    fn marker(at: &str) -> Marker {
        Marker {
            applied_updated_at: Some(at.into()),
        }
    }

    #[test]
    fn the_models_fit_the_schema() {
        schema().check_model::<SecretPlan>().unwrap();
        schema().check_model::<SecretState>().unwrap();
    }

    #[test]
    fn nothing_changed_means_nothing_to_send() {
        let s = state("v", "all", None);
        assert!(intent(&s, &planned(&s), &marker("T1"), true).is_noop());
    }

    #[test]
    fn value_or_visibility_changes_put_the_secret() {
        let prior = state("v", "selected", Some(&[1]));
        let next = planned(&state("w", "selected", Some(&[1])));
        let by_value = intent(&prior, &next, &marker("T1"), true);
        assert!(by_value.put_secret && !by_value.set_repositories);
        let by_vis = intent(
            &prior,
            &planned(&state("v", "all", None)),
            &marker("T1"),
            true,
        );
        assert!(by_vis.put_secret);
        let mut unknown = planned(&prior);
        unknown.value = MaybeUnknown::Unknown;
        assert!(intent(&prior, &unknown, &marker("T1"), true).put_secret);
    }

    #[test]
    fn grants_alone_use_the_repositories_endpoint() {
        let prior = state("v", "selected", Some(&[1]));
        let next = planned(&state("v", "selected", Some(&[1, 2])));
        let todo = intent(&prior, &next, &marker("T1"), true);
        assert_eq!(
            todo,
            Intent {
                put_secret: false,
                set_repositories: true
            }
        );
        let mut partly_known = planned(&prior);
        partly_known.selected_repository_ids =
            Some([MaybeUnknown::Known(1), MaybeUnknown::Unknown].into()).into();
        assert!(intent(&prior, &partly_known, &marker("T1"), true).set_repositories);
        let unmanaged = planned(&state("v", "selected", None));
        assert!(intent(&prior, &unmanaged, &marker("T1"), true).is_noop());
    }

    #[test]
    fn drift_or_import_sends_the_value_again() {
        let s = state("v", "all", None);
        assert!(intent(&s, &planned(&s), &marker("T0"), true).put_secret);
        assert!(intent(&s, &planned(&s), &Marker::default(), true).put_secret);
    }

    #[test]
    fn a_value_managed_elsewhere_moving_is_not_drift_but_visibility_is() {
        let s = state("v", "all", None);
        assert!(intent(&s, &planned(&s), &Marker::default(), false).is_noop());
        assert!(intent(&s, &planned(&s), &marker("T0"), false).is_noop());
        let by_vis = intent(
            &s,
            &planned(&state("v", "private", None)),
            &marker("T0"),
            false,
        );
        assert!(by_vis.put_secret);
    }

    /// A configuration with only a name and a visibility.
    fn bare_config() -> SecretPlan {
        SecretPlan::generated(state("v", "all", None))
    }

    #[test]
    fn creating_without_a_value_is_refused_and_names_import() {
        let schema = schema();
        let config = value_of(&bare_config());
        let req = PlanRequest::new(Value::Null, config.clone(), config).with_schema(&schema);
        let Err(d) = plan(req, bare_config(), Some("acme")) else {
            panic!("a create without a value was planned");
        };
        let d = d.iter().next().unwrap();
        assert!(
            d.detail.contains("import") && d.detail.contains("db"),
            "{}",
            d.detail
        );
    }

    #[test]
    fn plans_carry_the_identity_and_a_new_update_time() {
        let schema = schema();
        let prior = state("v", "all", None);
        let next = planned(&state("w", "all", None));
        let config = SecretPlan {
            id: None.into(),
            key_id: None.into(),
            created_at: None.into(),
            updated_at: None.into(),
            ..next.clone()
        };
        let req = PlanRequest::new(value_of(&prior), value_of(&next), value_of(&config))
            .with_schema(&schema);
        let out = plan(req, next, Some("acme")).unwrap();
        assert_eq!(
            out.planned_identity,
            Some(identity::secret("acme", "DB").unwrap())
        );
        let planned: SecretPlan =
            tfplugin::model::from_value(&out.planned_state, &schema.block.implied_type()).unwrap();
        assert!(planned.updated_at.is_unknown() && planned.key_id.is_unknown());
    }
}
