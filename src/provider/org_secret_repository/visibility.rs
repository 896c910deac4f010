//! The plan-time check of a grant: its secret must be, and stay, `selected`. The secret's
//! visibility comes from a `codespaces_org_secret` plan seen earlier in this process, or,
//! for a new grant when no such plan was seen, from GitHub (`plans.rs` holds both).

use github_client::Visibility;

use super::OrgSecretRepository;
use crate::provider::plans::{known_secret, Planned};
use tfplugin::{AttributePath, Diagnostic, Diagnostics, MaybeUnknown};

impl OrgSecretRepository {
    /// A grant planned to exist whose secret is planned (by a `codespaces_org_secret` plan
    /// earlier in this run) not to be `selected`, or, when no such plan was seen and the grant
    /// is new, is not `selected` in GitHub: GitHub would refuse the grant, or remove it.
    pub(super) async fn visibility_problem(
        &self,
        name: &MaybeUnknown<String>,
        creating: bool,
    ) -> Diagnostics {
        let MaybeUnknown::Known(name) = name else {
            return Diagnostics::new();
        };
        let at = AttributePath::attr("secret_name");
        let planned = self.provider.plans().planned_visibility(name);
        match planned {
            Planned::Visibility(v) if v != Visibility::Selected => {
                let why = format!(
                    "This plan sets the visibility of secret {} to \"{v}\".",
                    upper(name)
                );
                return not_selected(why).at(at).into();
            }
            Planned::Visibility(_) | Planned::Unknown => return Diagnostics::new(),
            Planned::Nothing => {}
        }
        if !creating || !self.provider.unknown_settings().is_empty() {
            return Diagnostics::new();
        }
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return d.into(),
        };
        match known_secret(&api.run, &api.org(), name).await {
            Err(d) => d.into(),
            Ok(Some(s)) if s.visibility != Visibility::Selected => {
                let why = format!(
                    "The visibility of secret {} in GitHub is \"{}\", and no plan of that \
                     secret seen before this grant's changes it.",
                    upper(name),
                    s.visibility
                );
                let mut d = not_selected(why);
                d.detail.push_str(
                    " If a codespaces_org_secret in this configuration sets it to \
                     \"selected\", make this grant refer to it (`secret_name = \
                     codespaces_org_secret.NAME.secret_name`), so that Terraform plans and \
                     applies the secret first.",
                );
                d.at(at).into()
            }
            Ok(_) => Diagnostics::new(),
        }
    }
}

/// A grant on a secret that is not, or will not be, `selected`; `why` says which.
fn not_selected(why: String) -> Diagnostic {
    Diagnostic::error(
        "Repository grants need visibility \"selected\"",
        format!(
            "{why} GitHub grants repositories access only to a \"selected\" secret (409 \
             Conflict otherwise) and removes every grant when the visibility changes, so this \
             grant would be refused or lost. Keep `visibility = \"selected\"` on the secret, \
             or remove this grant from the configuration."
        ),
    )
}

fn upper(name: &str) -> String {
    name.to_ascii_uppercase()
}
