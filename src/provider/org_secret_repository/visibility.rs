//! The plan-time check of a grant: its secret must exist (in GitHub, or planned earlier in
//! this run) and be, and stay, `selected`. The secret's visibility comes from a
//! `codespaces_org_secret` plan seen earlier in this process, or, for a new grant when no
//! such plan was seen, from GitHub (`plans.rs` holds both). A grant that refers to its
//! secret (`codespaces_org_secret.NAME.secret_name`) is always planned after it; one that
//! names a secret created in the same run by a literal may be planned, and applied, first.

use github_client::Visibility;

use super::OrgSecretRepository;
use crate::provider::plans::{known_secret, Planned};
use tfplugin::{AttributePath, Diagnostic, Diagnostics, MaybeUnknown};

impl OrgSecretRepository {
    /// A grant planned to exist whose secret is planned (by a `codespaces_org_secret` plan
    /// earlier in this run) not to be `selected`, or, when no such plan was seen and the grant
    /// is new, is not `selected` in GitHub, or does not exist there: GitHub would refuse the
    /// grant, or remove it.
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
            Ok(Some(s)) if s.visibility != Some(Visibility::Selected) => {
                let why = format!(
                    "The visibility of secret {} in GitHub is \"{}\", and no plan of that \
                     secret seen before this grant's changes it.",
                    upper(name),
                    s.visibility.map_or("none", Visibility::as_str)
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
            Ok(Some(_)) => Diagnostics::new(),
            Ok(None) => missing_secret(&api.owner, name).at(at).into(),
        }
    }
}

/// A grant of a secret that does not exist in GitHub, nor in any plan seen before the
/// grant's (for a grant refused by GitHub at apply, nor in any create applied before it).
pub(super) fn missing_secret(owner: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Secret does not exist",
        format!(
            "Secret {} does not exist in organization {owner:?}, and no codespaces_org_secret \
             of this run created it before this grant. If a codespaces_org_secret in this \
             configuration creates it, this grant names it by a literal, which does not order \
             the two: refer to the secret instead, `secret_name = \
             codespaces_org_secret.NAME.secret_name` (NAME being that resource's name), so \
             that Terraform creates the secret first. Otherwise check the name. Nothing was \
             changed.",
            upper(name)
        ),
    )
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
