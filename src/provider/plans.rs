//! What the plans of one provider process share. Terraform plans every resource of a run in
//! one provider process (and re-plans each change in the process that applies it), so the
//! plans pool what they learn:
//!
//! - **The organization's secrets**, listed once for planning ([`PlanView::secret`]). This
//!   is the client's per-run listing, which refreshes use too, so planning any number of new
//!   secrets costs one request, or none after a refresh. The answer, or the failure, is kept
//!   for the life of the process: the re-plans Terraform makes while applying do not list
//!   again after each write, and a dead `base_url` is tried once, not once per resource.
//! - **The visibility each `codespaces_org_secret` plan chose**
//!   ([`PlanView::record_visibility`]), by upper-case name, for the grants planned after it.
//!
//! Limits: Terraform plans a resource after the resources its configuration refers to, so a
//! grant whose `secret_name` refers to the secret resource
//! (`codespaces_org_secret.x.secret_name`) always sees that secret's plan. A grant whose
//! `secret_name` is a literal may be planned first, and then sees only GitHub's current
//! visibility. Each provider configuration (alias) runs in its own process and sees only its
//! own plans.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::OnceCell;

use super::state::Api;
use super::support::{api_error, ends_the_run};
use crate::github::Secret;
use tfplugin::{Diagnostic, MaybeUnknown};

/// What a secret's plan in this process said about its visibility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    /// No plan of that secret in this process (yet).
    Nothing,
    /// Planned, with a visibility known only at apply.
    Unknown,
    /// Planned with this visibility.
    Visibility(String),
}

/// The shared view; see the module documentation.
#[derive(Default)]
pub struct PlanView {
    listing: OnceCell<Result<Arc<Vec<Secret>>, Diagnostic>>,
    visibilities: Mutex<HashMap<String, Planned>>,
}

impl PlanView {
    /// The secret `name` as GitHub had it when this process first listed the organization's
    /// secrets for a plan; `None` when it did not exist.
    pub async fn secret(&self, api: &Api, name: &str) -> Result<Option<Secret>, Diagnostic> {
        let listing = self
            .listing
            .get_or_init(|| async {
                api.client
                    .cached_secrets(&api.owner)
                    .await
                    .map(Arc::new)
                    .map_err(|e| {
                        let mut d = api_error("list the organization's secrets", &e);
                        if ends_the_run(&e).is_some() {
                            // Worded as every operation words it: reported once.
                            return d;
                        }
                        d.detail.push_str(
                            " Planning lists the organization's secrets once, to check that \
                             the credentials, the organization and the base URL work and that \
                             the names of new secrets are free.",
                        );
                        d
                    })
            })
            .await;
        match listing {
            Ok(secrets) => Ok(secrets
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
                .cloned()),
            Err(d) => Err(d.clone()),
        }
    }

    /// Records the visibility a secret's plan chose (an unknown name records nothing).
    pub fn record_visibility(
        &self,
        name: &MaybeUnknown<String>,
        visibility: &MaybeUnknown<String>,
    ) {
        let MaybeUnknown::Known(name) = name else {
            return;
        };
        let planned = match visibility {
            MaybeUnknown::Known(v) => Planned::Visibility(v.clone()),
            MaybeUnknown::Unknown => Planned::Unknown,
        };
        self.visibilities
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_ascii_uppercase(), planned);
    }

    /// What this process's plans said about the visibility of secret `name`.
    pub fn planned_visibility(&self, name: &str) -> Planned {
        self.visibilities
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&name.to_ascii_uppercase())
            .cloned()
            .unwrap_or(Planned::Nothing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visibilities_are_recorded_by_name_ignoring_case() {
        let view = PlanView::default();
        assert_eq!(view.planned_visibility("db"), Planned::Nothing);
        let known = |s: &str| MaybeUnknown::Known(s.to_string());
        view.record_visibility(&known("db"), &known("all"));
        assert_eq!(
            view.planned_visibility("DB"),
            Planned::Visibility("all".into())
        );
        view.record_visibility(&known("Db"), &MaybeUnknown::Unknown);
        assert_eq!(view.planned_visibility("db"), Planned::Unknown);
        view.record_visibility(&MaybeUnknown::Unknown, &known("all"));
        assert_eq!(view.planned_visibility("db"), Planned::Unknown);
    }
}
