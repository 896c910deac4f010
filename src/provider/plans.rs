//! What the plans of one provider process share. Terraform plans every resource of a run in
//! one provider process (and re-plans each change in the process that applies it), so the
//! plans pool what they learn:
//!
//! - **What GitHub has**: the run's listing of the secrets ([`known_secret`], from
//!   `run.rs`), which refreshes use too, so planning any number of new secrets costs one
//!   request, or none after a refresh. Its failure is kept for the life of the process: the
//!   re-plans Terraform makes while applying do not list again, and a dead `base_url` is
//!   tried once, not once per resource.
//! - **The visibility each secret's plan chose** ([`PlanView::record_visibility`]; a user
//!   secret is always `selected`), by home and upper-case name, for the grants planned after
//!   it.
//!
//! Limits: Terraform plans a resource after the resources its configuration refers to, so a
//! grant whose `secret_name` refers to the secret resource
//! (`codespaces_org_secret.x.secret_name`, `codespaces_user_secret.x.secret_name`) always
//! sees that secret's plan. A grant whose
//! `secret_name` is a literal may be planned first, and then sees only GitHub's current
//! visibility. Each provider configuration (alias) runs in its own process and sees only its
//! own plans.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use github_client::{SecretHome, Visibility};
use tfplugin::{Diagnostic, MaybeUnknown};

use super::run::{Known, Run};
use super::scope::{place, Scope};
use super::support::{api_error, ends_the_run};

/// What a secret's plan in this process said about its visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planned {
    /// No plan of that secret in this process (yet).
    Nothing,
    /// Planned, with a visibility known only at apply.
    Unknown,
    /// Planned with this visibility.
    Visibility(Visibility),
}

/// The visibilities this process's plans chose; see the module documentation.
#[derive(Default)]
pub struct PlanView {
    visibilities: Mutex<HashMap<(SecretHome, String), Planned>>,
}

impl PlanView {
    /// Records the visibility the plan of secret `name` of `home` chose (an unknown name
    /// records nothing).
    pub fn record_visibility(
        &self,
        home: &SecretHome,
        name: &MaybeUnknown<String>,
        visibility: &MaybeUnknown<Visibility>,
    ) {
        let MaybeUnknown::Known(name) = name else {
            return;
        };
        let planned = match visibility {
            MaybeUnknown::Known(v) => Planned::Visibility(*v),
            MaybeUnknown::Unknown => Planned::Unknown,
        };
        self.visibilities
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((home.clone(), name.to_ascii_uppercase()), planned);
    }

    /// What this process's plans said about the visibility of secret `name` of `home`.
    pub fn planned_visibility(&self, home: &SecretHome, name: &str) -> Planned {
        self.visibilities
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(home.clone(), name.to_ascii_uppercase()))
            .copied()
            .unwrap_or(Planned::Nothing)
    }
}

/// The secret `name` of `home` as the run knows it (`None`: GitHub has none of that name),
/// for a plan; a failure as the diagnostic a plan reports.
pub async fn known_secret(
    run: &Run,
    home: &SecretHome,
    name: &str,
) -> Result<Option<Known>, Diagnostic> {
    run.known(home, name).await.map_err(|e| {
        let mut d = api_error(&format!("list the secrets of {}", place(home)), &e);
        if ends_the_run(&e).is_some() {
            // Worded as every operation words it: reported once.
            return d;
        }
        d.detail.push_str(&format!(
            " Planning lists the secrets of {} once, to check that the credentials, the {} \
             and the base URL work and that the names of new secrets are free.",
            place(home),
            Scope::of(home).noun()
        ));
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visibilities_are_recorded_by_name_ignoring_case() {
        let view = PlanView::default();
        let org = SecretHome::organization("acme");
        assert_eq!(view.planned_visibility(&org, "db"), Planned::Nothing);
        let name = |s: &str| MaybeUnknown::Known(s.to_string());
        let all = MaybeUnknown::Known(Visibility::All);
        view.record_visibility(&org, &name("db"), &all);
        assert_eq!(
            view.planned_visibility(&org, "DB"),
            Planned::Visibility(Visibility::All)
        );
        assert_eq!(
            view.planned_visibility(&SecretHome::User, "DB"),
            Planned::Nothing
        );
        view.record_visibility(&org, &name("Db"), &MaybeUnknown::Unknown);
        assert_eq!(view.planned_visibility(&org, "db"), Planned::Unknown);
        view.record_visibility(&org, &MaybeUnknown::Unknown, &all);
        assert_eq!(view.planned_visibility(&org, "db"), Planned::Unknown);
    }
}
