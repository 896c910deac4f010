//! GitHub's own rules for Codespaces secrets, checked before anything is sent: the name
//! rule, the 48 KiB limit on a value, and the size a sealed box adds; and the scopes
//! secrets live in ([`SecretScope`]), with what each asks of the caller's credentials.
//! Worded for anyone using the client; nothing here knows Terraform.

/// GitHub's limit on a secret's plaintext, in bytes.
pub const MAX_PLAINTEXT_BYTES: usize = 48 * 1024;

/// What a libsodium sealed box adds to the plaintext: the ephemeral public key and the MAC.
pub const SEALED_BOX_OVERHEAD: usize = 32 + 16;

/// The three scopes of Codespaces secrets. The same name rule, value limit and sealing
/// serve each; they differ in what they hold (a visibility, grants) and in what they ask of
/// the caller's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretScope {
    /// An organization's secrets: a visibility, and grants when it is `selected`.
    Organization,
    /// A repository's secrets: a value, nothing else.
    Repository,
    /// The authenticated user's secrets: always granted to selected repositories.
    User,
}

impl SecretScope {
    /// The scope of GitHub's route template `route`, if it is a route of secrets.
    pub fn of_route(route: &str) -> Option<SecretScope> {
        if route.starts_with("/orgs/{org}/codespaces/secrets") {
            Some(SecretScope::Organization)
        } else if route.starts_with("/repos/{owner}/{repo}/codespaces/secrets") {
            Some(SecretScope::Repository)
        } else if route.starts_with("/user/codespaces/secrets") {
            Some(SecretScope::User)
        } else {
            None
        }
    }

    /// Whether a secret of this scope is granted to repositories.
    pub fn has_grants(self) -> bool {
        matches!(self, SecretScope::Organization | SecretScope::User)
    }

    /// Whether a secret of this scope has a visibility of its own to write.
    pub fn has_visibility(self) -> bool {
        self == SecretScope::Organization
    }

    /// What a token needs for this scope's secrets, as a sentence.
    pub fn token_needs(self) -> &'static str {
        match self {
            SecretScope::Organization => {
                "A token needs admin:org (classic) or the organization permission \
                 \"Codespaces secrets: read and write\" (fine-grained), and access to the \
                 organization."
            }
            SecretScope::Repository => {
                "A token needs repo (classic) or the repository permission \
                 \"Codespaces secrets: read and write\" (fine-grained; write is needed even to \
                 list), and access to the repository."
            }
            SecretScope::User => {
                "A token needs codespace or codespace:secrets (classic) or the user \
                 permission \"Codespaces user secrets: read and write\" (fine-grained)."
            }
        }
    }

    /// What a GitHub App needs for this scope's secrets, as a sentence.
    pub fn app_needs(self) -> &'static str {
        match self {
            SecretScope::Organization => {
                "The GitHub App needs the organization permission \"Codespaces secrets: read \
                 and write\" (and \"Metadata: read\" for repository look-ups): grant it in the \
                 App's settings, then approve the change on the organization's installation."
            }
            SecretScope::Repository => {
                "The GitHub App needs the repository permission \"Codespaces secrets: read and \
                 write\" on the repository (and \"Metadata: read\"): grant it in the App's \
                 settings, then approve the change on the installation."
            }
            SecretScope::User => {
                "GitHub refuses a GitHub App's installation token on a user's Codespaces \
                 secrets (\"Resource not accessible by integration\"): they need a user's \
                 token. A token needs codespace or codespace:secrets (classic) or \
                 the user permission \"Codespaces user secrets: read and write\" \
                 (fine-grained)."
            }
        }
    }
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
    fn routes_name_their_scope() {
        let of = SecretScope::of_route;
        assert_eq!(
            of("/orgs/{org}/codespaces/secrets/{secret_name}"),
            Some(SecretScope::Organization)
        );
        assert_eq!(
            of("/repos/{owner}/{repo}/codespaces/secrets/public-key"),
            Some(SecretScope::Repository)
        );
        assert_eq!(
            of("/user/codespaces/secrets/{secret_name}/repositories"),
            Some(SecretScope::User)
        );
        assert_eq!(of("/repos/{owner}/{repo}"), None);
        assert!(SecretScope::User.app_needs().contains("user's token"));
    }
}
