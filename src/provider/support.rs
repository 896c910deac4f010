//! Small pieces the resources and data sources share: GitHub errors turned into diagnostics a
//! person can act on, secret-name rules, repository-id sets, and the private-state marker that
//! records what the last apply left in GitHub.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::github;
use tfplugin::{Diagnostic, Number, Validator, Value};

/// GitHub's limit on a secret's plaintext, in bytes.
pub const MAX_PLAINTEXT_BYTES: usize = 48 * 1024;

/// An API error as a diagnostic: what we were doing, then the client's message (method, path,
/// status, GitHub's words and what to check).
pub fn api_error(action: &str, err: &github::Error) -> Diagnostic {
    Diagnostic::error(format!("Could not {action}"), err.to_string())
}

/// Why `name` cannot be a Codespaces secret name, if it cannot.
pub fn secret_name_problem(name: &str) -> Option<String> {
    let starts_with_digit = name.chars().next().is_some_and(|c| c.is_ascii_digit());
    if name.is_empty() {
        Some("A secret name cannot be empty.".into())
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Some(format!(
            "{name:?} is not a valid secret name: use only letters, digits and underscores."
        ))
    } else if starts_with_digit {
        Some(format!(
            "{name:?} is not a valid secret name: it must not start with a digit."
        ))
    } else if name.to_ascii_uppercase().starts_with("GITHUB_") {
        Some(format!(
            "{name:?} is not a valid secret name: GitHub reserves the GITHUB_ prefix."
        ))
    } else {
        None
    }
}

/// The validator every `secret_name` attribute declares.
pub fn secret_name_rule() -> Validator {
    Validator::string("Invalid secret name", secret_name_problem)
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
    fn secret_names_follow_githubs_rules() {
        assert_eq!(secret_name_problem("db_password"), None);
        assert_eq!(secret_name_problem("_X1"), None);
        for bad in [
            "",
            "1ABC",
            "has-dash",
            "has space",
            "github_token",
            "GITHUB_X",
            "é",
        ] {
            assert!(secret_name_problem(bad).is_some(), "{bad:?} accepted");
        }
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
