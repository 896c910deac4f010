//! Planning a `codespaces_org_secret` beyond its declared plan modifiers: what an apply will
//! do, decided once from the prior state, the proposal and the private marker, and used
//! again by apply so both agree; and, for a new secret, the check against GitHub that makes
//! bad credentials, a wrong organization or base URL, and a name already taken plan errors.

use super::owns_value;
use crate::provider::identity;
use crate::provider::state::{setting_names, ProviderState};
use crate::provider::support::{repository_ids, Marker};
use tfplugin::{AttributePath, Diagnostic, Diagnostics, PlanRequest, PlanResponse, Value};

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

/// Decides what updating `prior` (stored state) into `next` (proposed or planned state)
/// needs. `marker` is what the last apply recorded; `owns_value` says whether the
/// configuration gives the value (without one, an `updated_at` that moved is someone else
/// rotating the value, not drift).
pub fn intent(prior: &Value, next: &Value, marker: &Marker, owns_value: bool) -> Intent {
    let changed = |name: &str| prior.get(name) != next.get(name);
    let user_key_id_changed = !next.get("encrypted_value").is_null() && changed("key_id");
    let drifted = match prior.get("updated_at").as_str() {
        Some(now) => owns_value && marker.applied_updated_at.as_deref() != Some(now),
        None => false,
    };
    let put_secret = drifted
        || changed("value")
        || changed("encrypted_value")
        || user_key_id_changed
        || changed("value_wo_version")
        || changed("visibility");
    let ids_changed = repository_ids(prior.get("selected_repository_ids"))
        != repository_ids(next.get("selected_repository_ids"))
        || prior.get("selected_repository_ids").is_null()
            != next.get("selected_repository_ids").is_null();
    let manages_ids = !next.get("selected_repository_ids").is_null();
    Intent {
        put_secret,
        set_repositories: !put_secret && manages_ids && ids_changed,
    }
}

/// Plans a create or an update, after the declared modifiers (computed attributes unknown
/// on create and replacement, a case-only rename kept in place): an update that sends
/// anything gets a new `updated_at`, and a new `key_id` when it seals a value again. A create
/// without any value is refused: GitHub cannot create a secret without one. The identity is
/// `owner` (the provider's organization) and the name.
pub fn plan(req: PlanRequest, owner: Option<&str>) -> PlanResponse {
    let mut planned = req.proposed_new_state.clone();
    let owns = owns_value(&req.config);
    if req.prior_state.is_null() && !owns {
        return PlanResponse::error(missing_value(&req.config));
    }
    if !req.prior_state.is_null() {
        let marker = Marker::decode(&req.prior_private);
        let todo = intent(&req.prior_state, &planned, &marker, owns);
        if !todo.is_noop() {
            planned.set("updated_at", Value::Unknown);
        }
        if todo.put_secret && owns && req.config.get("key_id").is_null() {
            planned.set("key_id", Value::Unknown);
        }
    }
    let identity = owner.and_then(|o| identity::secret(o, planned.get("secret_name")));
    let mut response = PlanResponse::from_request(req);
    response.planned_state = planned;
    if identity.is_some() {
        response.planned_identity = identity;
    }
    response
}

/// Checks a secret about to be created against the organization's secrets, listed once per
/// run (`plans.rs`): an API failure, or a secret of that name already there, is a plan error.
/// With a name or a provider setting not known yet, apply checks instead (said in a warning
/// when a setting is the reason).
pub async fn check_create(provider: &ProviderState, name: &Value) -> Diagnostics {
    let Some(name) = name.as_str() else {
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

fn missing_value(config: &Value) -> Diagnostic {
    let name = config.get("secret_name").as_str().unwrap_or("this secret");
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
    use crate::provider::support::repository_ids_value;

    fn state(value: &str, visibility: &str, ids: Option<&[i64]>) -> Value {
        Value::object([
            ("secret_name", Value::string("db")),
            ("value", Value::string(value)),
            ("visibility", Value::string(visibility)),
            (
                "selected_repository_ids",
                ids.map_or(Value::Null, |i| repository_ids_value(i.iter().copied())),
            ),
            ("updated_at", Value::string("T1")),
        ])
    }

    fn marker(at: &str) -> Marker {
        Marker {
            applied_updated_at: Some(at.into()),
        }
    }

    #[test]
    fn nothing_changed_means_nothing_to_send() {
        let s = state("v", "all", None);
        assert!(intent(&s, &s, &marker("T1"), true).is_noop());
    }

    #[test]
    fn value_or_visibility_changes_put_the_secret() {
        let prior = state("v", "selected", Some(&[1]));
        let by_value = intent(
            &prior,
            &state("w", "selected", Some(&[1])),
            &marker("T1"),
            true,
        );
        assert!(by_value.put_secret && !by_value.set_repositories);
        let by_vis = intent(&prior, &state("v", "all", None), &marker("T1"), true);
        assert!(by_vis.put_secret);
    }

    #[test]
    fn grants_alone_use_the_repositories_endpoint() {
        let prior = state("v", "selected", Some(&[1]));
        let next = state("v", "selected", Some(&[1, 2]));
        let todo = intent(&prior, &next, &marker("T1"), true);
        assert_eq!(
            todo,
            Intent {
                put_secret: false,
                set_repositories: true
            }
        );
    }

    #[test]
    fn drift_or_import_sends_the_value_again() {
        let s = state("v", "all", None);
        assert!(intent(&s, &s, &marker("T0"), true).put_secret);
        assert!(intent(&s, &s, &Marker::default(), true).put_secret);
    }

    #[test]
    fn a_value_managed_elsewhere_moving_is_not_drift_but_visibility_is() {
        let s = state("v", "all", None);
        assert!(intent(&s, &s, &Marker::default(), false).is_noop());
        assert!(intent(&s, &s, &marker("T0"), false).is_noop());
        let by_vis = intent(&s, &state("v", "private", None), &marker("T0"), false);
        assert!(by_vis.put_secret);
    }

    #[test]
    fn creating_without_a_value_is_refused_and_names_import() {
        let config = Value::object([
            ("secret_name", Value::string("db")),
            ("value", Value::Null),
            ("value_wo", Value::Null),
            ("encrypted_value", Value::Null),
            ("visibility", Value::string("all")),
        ]);
        let req = PlanRequest::new(Value::Null, config.clone(), config);
        let out = plan(req, Some("acme"));
        let d = out.diagnostics.iter().next().unwrap();
        assert!(d.detail.contains("import"), "{}", d.detail);
    }

    #[test]
    fn plans_carry_the_identity() {
        let s = state("v", "all", None);
        let out = plan(PlanRequest::new(s.clone(), s.clone(), s), Some("acme"));
        let id = out.planned_identity.unwrap();
        assert_eq!(id.get("secret_name").as_str(), Some("DB"));
        assert_eq!(id.get("owner").as_str(), Some("acme"));
    }
}
