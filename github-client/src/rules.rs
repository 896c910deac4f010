//! GitHub's own rules for Codespaces secrets, checked before anything is sent: the name
//! rule, the 48 KiB limit on a value, and the size a sealed box adds. Worded for anyone
//! using the client; nothing here knows Terraform.

/// GitHub's limit on a secret's plaintext, in bytes.
pub const MAX_PLAINTEXT_BYTES: usize = 48 * 1024;

/// What a libsodium sealed box adds to the plaintext: the ephemeral public key and the MAC.
pub const SEALED_BOX_OVERHEAD: usize = 32 + 16;

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
}
