//! Who the client is to GitHub: [`Credentials`], given once by the caller. A token, the
//! GitHub CLI's token, or a GitHub App installation (its id, which installation, and its
//! private key, parsed up front). Tokens stay in `SecretString` (redacted in `Debug`, wiped on
//! drop) down to the `Authorization` header; `Debug` shows what kind of credentials they are
//! and never their secret.

use std::fmt;

use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use crate::key::AppKey;

/// What the client authenticates with.
#[derive(Clone)]
pub enum Credentials {
    /// A token: classic (admin:org), fine-grained, or one minted elsewhere.
    Token(SecretString),
    /// The token the GitHub CLI holds for `host` (`gh auth token --hostname HOST`).
    Gh {
        /// The host `gh` was asked about (`github.com`, or a server's host).
        host: String,
        /// Its token.
        token: SecretString,
    },
    /// A GitHub App installation, whose tokens the client mints and renews.
    App(AppAuth),
}

impl Credentials {
    /// A token, from its text, without the whitespace around it.
    pub fn token(token: impl Into<String>) -> Credentials {
        let text = Zeroizing::new(token.into());
        Credentials::Token(SecretString::from(text.trim()))
    }

    /// A token, without the whitespace around it (such as the trailing newline of a token
    /// read from a file); `None` when nothing else is left.
    pub fn trimmed_token(token: &SecretString) -> Option<Credentials> {
        let text = token.expose_secret().trim();
        (!text.is_empty()).then(|| Credentials::Token(SecretString::from(text)))
    }

    /// What these credentials are, for logs: "a token", "the GitHub CLI's token for
    /// github.com", "GitHub App 7 (installation 42)".
    pub fn describe(&self) -> String {
        match self {
            Credentials::Token(_) => "a token".into(),
            Credentials::Gh { host, .. } => format!("the GitHub CLI's token for {host}"),
            Credentials::App(app) => format!("GitHub App {} ({})", app.app_id, app.installation),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Token(_) => f.write_str("Token((sensitive))"),
            Credentials::Gh { host, .. } => f
                .debug_struct("Gh")
                .field("host", host)
                .field("token", &format_args!("(sensitive)"))
                .finish(),
            Credentials::App(app) => f.debug_tuple("App").field(app).finish(),
        }
    }
}

/// How to authenticate as a GitHub App installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppAuth {
    /// The App id (or client id): the JWT's `iss`.
    pub app_id: String,
    /// Which installation's tokens to mint.
    pub installation: Installation,
    /// The App's private key.
    pub key: AppKey,
}

/// Which installation of the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installation {
    /// A known installation id.
    Id(String),
    /// The App's installation on this organization, looked up once.
    OnOrganization(String),
}

impl fmt::Display for Installation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Installation::Id(id) => write!(f, "installation {id}"),
            Installation::OnOrganization(org) => write!(f, "its installation on {org}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_names_the_kind_and_hides_the_secret() {
        let t = Credentials::token("ghp_secret");
        assert_eq!(format!("{t:?}"), "Token((sensitive))");
        let gh = Credentials::Gh {
            host: "github.com".into(),
            token: SecretString::from("gho_secret"),
        };
        let shown = format!("{gh:#?}");
        assert!(
            shown.contains("github.com") && !shown.contains("gho_secret"),
            "{shown}"
        );
        assert_eq!(gh.describe(), "the GitHub CLI's token for github.com");
    }

    #[test]
    fn tokens_lose_the_whitespace_around_them() {
        let bearer = |c: Credentials| match c {
            Credentials::Token(t) => t.expose_secret().to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(bearer(Credentials::token(" ghp_a\n")), "ghp_a");
        let from_file = SecretString::from("ghp_b\r\n");
        assert_eq!(
            bearer(Credentials::trimmed_token(&from_file).unwrap()),
            "ghp_b"
        );
        assert!(Credentials::trimmed_token(&SecretString::from(" \n")).is_none());
    }
}
