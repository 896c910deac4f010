//! The plan-time check of a grant, in every scope with grants: its secret must exist (in
//! GitHub, or planned earlier in this run) and be, and stay, `selected` (a user secret
//! always is). The secret's visibility comes from a secret's plan seen earlier in this
//! process, or, for a new grant when no such plan was seen, from GitHub (`plans.rs` holds
//! both). A grant that refers to its secret (`codespaces_org_secret.NAME.secret_name`) is
//! always planned after it; one that names a secret created in the same run by a literal
//! may be planned, and applied, first. The home is resolved first, so a user secret's grant
//! planned with a GitHub App's credentials is an error before any request.

use github_client::{SecretHome, Visibility};

use super::GrantResource;
use crate::provider::plans::{known_secret, Planned};
use crate::provider::run::GrantError;
use crate::provider::scope::{place, Scope};
use crate::provider::support::api_error;
use tfplugin::{AttributePath, Diagnostic, Diagnostics, MaybeUnknown};

impl GrantResource {
    /// A grant planned to exist whose secret is planned (by a secret's plan earlier in this
    /// run) not to be `selected`, or, when no such plan was seen and the grant is new, is not
    /// `selected` in GitHub, or does not exist there: GitHub would refuse the grant, or
    /// remove it. `home` is the secrets' home, or why it is not known.
    pub(super) async fn secret_problem(
        &self,
        home: Result<SecretHome, Diagnostic>,
        name: &MaybeUnknown<String>,
        creating: bool,
    ) -> Diagnostics {
        let unknown_settings = !self.provider.unknown_settings().is_empty();
        let home = match home {
            Ok(home) => home,
            Err(_) if unknown_settings => return Diagnostics::new(),
            Err(d) => return d.into(),
        };
        let MaybeUnknown::Known(name) = name else {
            return Diagnostics::new();
        };
        let at = AttributePath::attr("secret_name");
        let secret_type = self.scope.secret_type();
        match self.provider.plans().planned_visibility(&home, name) {
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
        if !creating {
            return Diagnostics::new();
        }
        let api = match self.provider.api() {
            Ok(api) => api,
            Err(d) => return d.into(),
        };
        match known_secret(&api.run, &home, name).await {
            Err(d) => d.into(),
            Ok(Some(s)) if s.visibility.is_some_and(|v| v != Visibility::Selected) => {
                let why = format!(
                    "The visibility of secret {} in GitHub is \"{}\", and no plan of that \
                     secret seen before this grant's changes it.",
                    upper(name),
                    s.visibility.map_or("", Visibility::as_str)
                );
                let mut d = not_selected(why);
                d.detail.push_str(&format!(
                    " If a {secret_type} in this configuration sets it to \"selected\", make \
                     this grant refer to it (`secret_name = {secret_type}.NAME.secret_name`), \
                     so that Terraform plans and applies the secret first."
                ));
                d.at(at).into()
            }
            Ok(Some(_)) => Diagnostics::new(),
            Ok(None) => missing_secret(self.scope, &home, name).at(at).into(),
        }
    }
}

impl GrantResource {
    /// Why GitHub refused to grant `repo` access to secret `name` of `home`, in words, and
    /// which other grants shared the refused request.
    pub(super) fn refusal(
        &self,
        home: &SecretHome,
        name: &str,
        repo: i64,
        e: &GrantError,
    ) -> Diagnostic {
        super::shared(self.refusal_of(home, name, repo, e), e)
    }

    fn refusal_of(&self, home: &SecretHome, name: &str, repo: i64, e: &GrantError) -> Diagnostic {
        let d = api_error("grant the repository access", e);
        match self.scope {
            _ if e.is_conflict() => conflict_diagnostic(name),
            Scope::User if e.is_not_found() => Diagnostic::error(
                "Secret or repository not found",
                format!(
                    "{} Either the token's user has no Codespaces secret named {}, or \
                     repository {repo} is not one the user can reach. Check both; if a \
                     codespaces_user_secret of this configuration creates the secret, refer to \
                     it (`secret_name = codespaces_user_secret.NAME.secret_name`) so that \
                     Terraform creates it first.",
                    d.detail,
                    name.to_ascii_uppercase()
                ),
            )
            .at(AttributePath::attr("repository_id")),
            _ if e.is_not_found() => {
                missing_secret(self.scope, home, name).at(AttributePath::attr("secret_name"))
            }
            _ if e.is_validation() => {
                let whose = match home {
                    SecretHome::Organization(org) => format!("belongs to organization {org:?}"),
                    _ => "is one the token's user can reach".to_string(),
                };
                Diagnostic::error(
                    d.summary,
                    format!(
                        "{} Check that repository {repo} {whose} (the `codespaces_repository` \
                         data source looks an ID up by name).",
                        d.detail
                    ),
                )
                .at(AttributePath::attr("repository_id"))
            }
            _ => d,
        }
    }
}

fn conflict_diagnostic(name: &str) -> Diagnostic {
    Diagnostic::error(
        "The secret's visibility must be \"selected\"",
        format!(
            "GitHub answered 409 Conflict: repositories can be granted access to secret {name} \
             only while its visibility is \"selected\". Set `visibility = \"selected\"` on the \
             secret (and make this resource depend on it)."
        ),
    )
}

/// A grant of a secret of `scope` that does not exist in `home`, nor in any plan seen
/// before the grant's (for a grant refused by GitHub at apply, nor in any create applied
/// before it).
pub(super) fn missing_secret(scope: Scope, home: &SecretHome, name: &str) -> Diagnostic {
    let secret_type = scope.secret_type();
    Diagnostic::error(
        "Secret does not exist",
        format!(
            "Secret {} does not exist in {}, and no {secret_type} of this run created it \
             before this grant. If a {secret_type} in this configuration creates it, this \
             grant names it by a literal, which does not order the two: refer to the secret \
             instead, `secret_name = {secret_type}.NAME.secret_name` (NAME being that \
             resource's name), so that Terraform creates the secret first. Otherwise check the \
             name. Nothing was changed.",
            upper(name),
            place(home),
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
