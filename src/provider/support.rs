//! Small pieces the resources and data sources share: GitHub errors turned into diagnostics a
//! person can act on, the declared validators of secret names (GitHub's rule, from
//! `github::rules`), visibilities and repository IDs, the [`Sensitive`] string models hold
//! values in, and the private-state marker that records what the last apply left in GitHub.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::github;
use tfplugin::{Diagnostic, Diagnostics, MaybeUnknown, ValidateContext, Validator, Value};

pub use crate::github::rules::secret_name_problem;

/// An API error as a diagnostic: what we were doing, then the client's message (method, path,
/// status, GitHub's words and what to check, in whole sentences), then where to fix it in
/// Terraform's terms. A failure that ends the run ([`ends_the_run`]) is worded without what
/// we were doing, the same for every operation, so that it is reported once (`reports.rs`).
pub fn api_error(action: &str, err: &github::Error) -> Diagnostic {
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
pub fn ends_the_run(err: &github::Error) -> Option<&'static str> {
    use github::Error;
    match err {
        _ if err.is_credentials_refused() => Some("GitHub refused the credentials"),
        Error::Transport { .. } => Some("GitHub could not be reached"),
        Error::Certificate { .. } => Some("GitHub's certificate was not accepted"),
        _ => None,
    }
}

/// Which provider argument or environment variable fixes `err`, if one does.
fn terraform_hint(err: &github::Error) -> Option<&'static str> {
    use github::{ApiErrorKind, Error};
    match err {
        Error::Api(e) if e.kind == ApiErrorKind::Unauthorized => {
            Some("Set it with GITHUB_TOKEN or the provider's `token` argument.")
        }
        Error::Api(e) | Error::AsApp(e) if e.kind == ApiErrorKind::NotFound => {
            Some("The organization is the provider's `owner` (or GITHUB_OWNER).")
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

/// The validator every `visibility` attribute declares.
pub fn visibility_rule() -> Validator {
    Validator::one_of("visibility", &["all", "private", "selected"])
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

/// A string that is a secret (a value, a sealed value): serde sees the string, `Debug`
/// never shows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sensitive(String);

impl Sensitive {
    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Sensitive {
    fn from(text: &str) -> Self {
        Sensitive(text.to_string())
    }
}

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive((sensitive))")
    }
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
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfplugin::Number;

    #[test]
    fn client_errors_gain_terraform_words_here() {
        let unauthorized = github::Error::Api(Box::new(github::ApiError {
            kind: github::ApiErrorKind::Unauthorized,
            method: "GET".into(),
            path: "/orgs/acme/codespaces/secrets".into(),
            status: 401,
            message: "Bad credentials".into(),
            errors: vec![],
            token_scopes: None,
            accepted_scopes: None,
            attempts: 1,
        }));
        let d = api_error("list the secrets", &unauthorized);
        assert!(d.detail.contains("GITHUB_TOKEN") && d.detail.contains("`token`"));
        let plain = unauthorized.to_string();
        assert!(
            !plain.contains("GITHUB_TOKEN") && !plain.contains('`'),
            "{plain}"
        );
    }

    #[test]
    fn a_stopped_client_tells_the_user_to_apply_again() {
        let stopped = github::Error::Stopped {
            method: "PUT".into(),
            path: "/orgs/acme/codespaces/secrets/A".into(),
            detail: "the retry was not started".into(),
        };
        assert!(!stopped.to_string().contains("terraform"), "{stopped}");
        let d = api_error("write the secret", &stopped);
        assert!(
            d.detail.contains("Terraform asked the provider to stop")
                && d.detail.contains("terraform apply"),
            "{}",
            d.detail
        );
    }

    #[test]
    fn lists_read_as_sentences() {
        let list = |items: &[&str]| and_list(items.iter().map(|s| s.to_string()));
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn repository_ids_need_positive_whole_numbers() {
        let check = |v: Value| {
            let object = Value::object([("ids", v)]);
            repository_ids_rule(&ValidateContext::of_attribute(&object, "ids"))
                .iter()
                .count()
        };
        assert_eq!(check(Value::Set(vec![Value::int(3), Value::Unknown])), 0);
        assert_eq!(check(Value::Null), 0);
        assert_eq!(check(Value::Unknown), 0);
        let bad = [
            Value::Number(Number::Float(1.5)),
            Value::int(0),
            Value::int(-4),
        ];
        assert_eq!(
            check(Value::Set(bad.to_vec())),
            1,
            "one diagnostic for the set"
        );
        let one = Value::object([("repository_id", Value::int(-4))]);
        let cx = ValidateContext::of_attribute(&one, "repository_id");
        let d = repository_id_rule(&cx);
        assert_eq!(
            d.iter().next().map(|d| d.summary.as_str()),
            Some("Invalid repository ID")
        );
    }

    #[test]
    fn sensitive_strings_never_show_in_debug() {
        let s = Sensitive::from("hunter2");
        assert_eq!(s.expose(), "hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn marker_round_trips_and_tolerates_garbage() {
        let m = Marker {
            applied_updated_at: Some("2026-01-01T00:00:00Z".into()),
            planned_over: Some("DB".into()),
        };
        assert_eq!(Marker::decode(&m.encode()), m);
        assert_eq!(Marker::decode(b"not json"), Marker::default());
        assert_eq!(Marker::decode(b""), Marker::default());
    }
}
