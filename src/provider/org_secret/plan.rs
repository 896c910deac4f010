//! Planning a `codespaces_org_secret` beyond its declared plan modifiers: what an apply will
//! do, decided once from the prior state, the proposal and the private marker, and used
//! again by apply so both agree.

use crate::provider::support::{repository_ids, Marker};
use tfplugin::{PlanRequest, PlanResponse, Value};

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
/// needs. `marker` is what the last apply recorded.
pub fn intent(prior: &Value, next: &Value, marker: &Marker) -> Intent {
    let changed = |name: &str| prior.get(name) != next.get(name);
    let user_key_id_changed = !next.get("encrypted_value").is_null() && changed("key_id");
    let drifted = match prior.get("updated_at").as_str() {
        Some(now) => marker.applied_updated_at.as_deref() != Some(now),
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
/// anything gets a new `updated_at`, and a new `key_id` when it seals a value again.
pub fn plan(req: PlanRequest) -> PlanResponse {
    let mut planned = req.proposed_new_state.clone();
    if !req.prior_state.is_null() {
        let marker = Marker::decode(&req.prior_private);
        let todo = intent(&req.prior_state, &planned, &marker);
        if !todo.is_noop() {
            planned.set("updated_at", Value::Unknown);
        }
        if todo.put_secret && req.config.get("key_id").is_null() {
            planned.set("key_id", Value::Unknown);
        }
    }
    let mut response = PlanResponse::from_request(req);
    response.planned_state = planned;
    response
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
        assert!(intent(&s, &s, &marker("T1")).is_noop());
    }

    #[test]
    fn value_or_visibility_changes_put_the_secret() {
        let prior = state("v", "selected", Some(&[1]));
        let by_value = intent(&prior, &state("w", "selected", Some(&[1])), &marker("T1"));
        assert!(by_value.put_secret && !by_value.set_repositories);
        let by_vis = intent(&prior, &state("v", "all", None), &marker("T1"));
        assert!(by_vis.put_secret);
    }

    #[test]
    fn grants_alone_use_the_repositories_endpoint() {
        let prior = state("v", "selected", Some(&[1]));
        let next = state("v", "selected", Some(&[1, 2]));
        let todo = intent(&prior, &next, &marker("T1"));
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
        assert!(intent(&s, &s, &marker("T0")).put_secret);
        assert!(intent(&s, &s, &Marker::default()).put_secret);
    }
}
