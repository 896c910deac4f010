//! Small pieces the resources and data sources share: GitHub errors turned into diagnostics a
//! person can act on, the declared secret-name validator (GitHub's rule, from
//! `github::rules`), repository-id sets, and the private-state marker that records what the
//! last apply left in GitHub.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::github;
use tfplugin::{Diagnostic, Number, Validator, Value};

pub use crate::github::rules::secret_name_problem;

/// An API error as a diagnostic: what we were doing, then the client's message (method, path,
/// status, GitHub's words and what to check), then where to fix it in Terraform's terms.
pub fn api_error(action: &str, err: &github::Error) -> Diagnostic {
    let mut detail = err.to_string();
    if let Some(hint) = terraform_hint(err) {
        detail.push(' ');
        detail.push_str(hint);
    }
    Diagnostic::error(format!("Could not {action}"), detail)
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

/// Repository ids held in a set of numbers; `None` for null or unknown, or when an element
/// is not a whole number (validation reports those).
pub fn repository_ids(value: &Value) -> Option<BTreeSet<i64>> {
    value
        .as_elements()?
        .iter()
        .map(Value::as_i64)
        .collect::<Option<BTreeSet<i64>>>()
}

/// A set of repository ids as a value.
pub fn repository_ids_value(ids: impl IntoIterator<Item = i64>) -> Value {
    Value::Set(
        ids.into_iter()
            .map(|i| Value::Number(Number::Int(i)))
            .collect(),
    )
}

/// What the provider remembers privately with a secret's state: the `updated_at` GitHub
/// reported right after our last write. When GitHub later reports another one, someone
/// changed the secret outside Terraform and the value must be sent again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// `updated_at` after our last write; absent after an import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied_updated_at: Option<String>,
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
    fn repository_ids_need_whole_numbers() {
        let ok = Value::Set(vec![Value::int(3), Value::int(1)]);
        assert_eq!(repository_ids(&ok), Some(BTreeSet::from([1, 3])));
        let bad = Value::Set(vec![Value::Number(Number::Float(1.5))]);
        assert_eq!(repository_ids(&bad), None);
        assert_eq!(repository_ids(&Value::Unknown), None);
    }

    #[test]
    fn marker_round_trips_and_tolerates_garbage() {
        let m = Marker {
            applied_updated_at: Some("2026-01-01T00:00:00Z".into()),
        };
        assert_eq!(Marker::decode(&m.encode()), m);
        assert_eq!(Marker::decode(b"not json"), Marker::default());
        assert_eq!(Marker::decode(b""), Marker::default());
    }
}
