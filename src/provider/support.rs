//! Small pieces the resources and data sources share: GitHub errors turned into diagnostics a
//! person can act on, the declared validators of secret names (GitHub's rule, from
//! `github_client::rules`), visibilities and repository IDs, and the private-state marker
//! that records what the last apply left in GitHub.

use serde::{Deserialize, Serialize};

use github_client::{ApiErrorKind, Error, Visibility};
use tfplugin::{Diagnostic, Diagnostics, MaybeUnknown, Private, ValidateContext, Validator, Value};

pub use github_client::rules::secret_name_problem;

/// An API error as a diagnostic: what we were doing, then the client's message (method, path,
/// status, GitHub's words and what to check, in whole sentences), then where to fix it in
/// Terraform's terms. A failure that ends the run ([`ends_the_run`]) is worded without what
/// we were doing, the same for every operation, so that it is reported once (`reports.rs`).
pub fn api_error(action: &str, err: &Error) -> Diagnostic {
    let mut detail = err.to_string();
    if let Some(hint) = terraform_hint(err) {
        detail.push(' ');
        detail.push_str(hint);
    }
    let summary = ends_the_run(err).map_or_else(|| format!("Could not {action}"), str::to_string);
    Diagnostic::error(summary, detail)
}

/// The summary of a failure after which the client sends nothing more in this run (GitHub
/// refused the credentials, or could not be reached or trusted), if `err` is one.
pub fn ends_the_run(err: &Error) -> Option<&'static str> {
    match err {
        _ if err.is_credentials_refused() => Some("GitHub refused the credentials"),
        Error::Transport { .. } => Some("GitHub could not be reached"),
        Error::Certificate { .. } => Some("GitHub's certificate was not accepted"),
        _ => None,
    }
}

/// Which provider argument or environment variable fixes `err`, if one does.
fn terraform_hint(err: &Error) -> Option<&'static str> {
    use github_client::rules::SecretScope;
    use github_client::Caller;
    match err {
        Error::Api(e) if e.kind == ApiErrorKind::Unauthorized && e.caller == Caller::Token => {
            Some("Set it with GITHUB_TOKEN or the provider's `token` argument.")
        }
        Error::Api(e) if e.kind == ApiErrorKind::NotFound => {
            match SecretScope::of_route(e.request.route()) {
                Some(SecretScope::Repository) => Some(
                    "The repository is the `repository` argument; written `NAME` alone, its owner \
                     is the provider's `owner` (or GITHUB_OWNER).",
                ),
                Some(SecretScope::User) => None,
                _ => Some("The organization is the provider's `owner` (or GITHUB_OWNER)."),
            }
        }
        Error::Transport { .. } => Some("The API's base URL is the provider's `base_url`."),
        Error::Stopped { .. } => Some(
            "Terraform asked the provider to stop (Ctrl-C); run `terraform apply` again to continue.",
        ),
        _ => None,
    }
}

/// Items joined for a sentence: "a", "a and b", "a, b and c".
pub fn and_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The validator every `secret_name` attribute declares.
pub fn secret_name_rule() -> Validator {
    Validator::string("Invalid secret name", secret_name_problem)
}

/// The validator every `visibility` attribute declares: one of GitHub's visibilities.
pub fn visibility_rule() -> Validator {
    Validator::one_of("visibility", &Visibility::ALL.map(Visibility::as_str))
}

/// Whether `id` may be a repository ID: a positive whole number, or not known yet.
fn repository_id_ok(id: &Value) -> bool {
    id.is_unknown() || id.as_i64().is_some_and(|n| n > 0)
}

/// The validator of a `repository_id` attribute: a positive whole number.
pub fn repository_id_rule(cx: &ValidateContext<'_>) -> Diagnostics {
    if cx.value.is_null() || repository_id_ok(cx.value) {
        return Diagnostics::new();
    }
    Diagnostic::error(
        "Invalid repository ID",
        "`repository_id` is a positive whole number.",
    )
    .at(cx.path.clone())
    .into()
}

/// The validator of a set of repository IDs: every element a positive whole number, one
/// diagnostic for the set however many are not.
pub fn repository_ids_rule(cx: &ValidateContext<'_>) -> Diagnostics {
    let elements = cx.value.as_elements().unwrap_or_default();
    if elements.iter().all(repository_id_ok) {
        return Diagnostics::new();
    }
    Diagnostic::error(
        "Invalid repository ID",
        "Repository IDs are positive whole numbers (see the `codespaces_repository` data \
         source to look one up by name).",
    )
    .at(cx.path.clone())
    .into()
}

/// A value that is set (an unknown one counts as set), for rules about what a
/// configuration gives.
pub fn is_set<T>(value: &MaybeUnknown<Option<T>>) -> bool {
    !matches!(value, MaybeUnknown::Known(None))
}

/// A value known once apply starts, or a diagnostic naming it (Terraform sends no unknown
/// value of the configuration to apply, so this is a Terraform bug if it ever shows).
pub fn known_at_apply<'a, T>(value: &'a MaybeUnknown<T>, name: &str) -> Result<&'a T, Diagnostic> {
    value.known().ok_or_else(|| not_known_at_apply(name))
}

/// Why apply cannot go on: attribute `name` is unknown (see [`known_at_apply`]).
pub fn not_known_at_apply(name: &str) -> Diagnostic {
    Diagnostic::error(
        "Value not known at apply time",
        format!("Terraform sent `{name}` unknown to apply; nothing was changed."),
    )
}

/// What the provider remembers privately with a secret's state: the `updated_at` GitHub
/// reported right after our last write. When GitHub later reports another one, someone
/// changed the secret outside Terraform and the value must be sent again. A plan of an
/// instance in state also writes the name its state holds into its planned private data:
/// Terraform hands that to the create half of a replacement, which thereby knows whose
/// secret it replaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// `updated_at` after our last write; absent after an import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_updated_at: Option<String>,
    /// The name of the secret the state held, in a plan's private data only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_over: Option<String>,
}

impl Marker {
    /// Reads the marker from private bytes (empty or unreadable bytes: no marker).
    pub fn decode(private: &[u8]) -> Marker {
        serde_json::from_slice(private).unwrap_or_default()
    }

    /// The marker as private bytes.
    pub fn encode(&self) -> Private {
        serde_json::to_vec(self).unwrap_or_default().into()
    }
}

#[cfg(test)]
mod tests;
