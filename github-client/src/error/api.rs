//! [`ApiError`]: an error answer from GitHub, with what was asked, GitHub's own words, the
//! token's scopes when GitHub sent them, and advice that fits the credentials the call was
//! made with (a token's scopes, or a GitHub App's permissions).

use std::fmt;

use super::{Request, Sentence};
use crate::rules::SecretScope;

/// What kind of answer GitHub gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 401.
    Unauthorized,
    /// 403 (not a rate limit).
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 422.
    Validation,
    /// 5xx, after the retries.
    Server,
    /// Anything else.
    Other,
}

impl ApiErrorKind {
    /// The kind of an error answer of status `status`.
    pub(crate) fn of(status: u16) -> ApiErrorKind {
        match status {
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            422 => ApiErrorKind::Validation,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }
}

/// Who made a call, which decides the advice an error gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Caller {
    /// A token: the caller's, or the GitHub CLI's (told which scopes it lacks).
    Token,
    /// A GitHub App: its installation's token, or its own JWT (told which permission the
    /// App lacks).
    App,
}

/// An HTTP error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// Its kind.
    pub kind: ApiErrorKind,
    /// The request answered.
    pub request: Request,
    /// The HTTP status.
    pub status: u16,
    /// GitHub's `message`.
    pub message: String,
    /// GitHub's `errors`, summarised one per entry.
    pub errors: Vec<String>,
    /// Scopes the token has (`X-OAuth-Scopes`), if GitHub said.
    pub token_scopes: Option<String>,
    /// Scopes the endpoint accepts (`X-Accepted-OAuth-Scopes`), if GitHub said.
    pub accepted_scopes: Option<String>,
    /// How many times the call was tried.
    pub attempts: u32,
    /// Who made the call.
    pub caller: Caller,
}

impl ApiError {
    /// The scope of the secrets the request was about (a repository look-up counts as the
    /// organization's).
    fn scope(&self) -> SecretScope {
        SecretScope::of_route(self.request.route()).unwrap_or(SecretScope::Organization)
    }

    /// What to check, for a call made with a token.
    fn token_hint(&self) -> String {
        let scope = self.scope();
        match self.kind {
            ApiErrorKind::Unauthorized => "Check that the token is a valid, unexpired token.".into(),
            ApiErrorKind::Forbidden => match (&self.token_scopes, &self.accepted_scopes) {
                (Some(has), Some(accepts)) if !accepts.is_empty() => format!(
                    "The token has scopes [{has}]; this endpoint accepts [{accepts}]. {}",
                    scope.token_needs()
                ),
                _ => format!("Check the token's permissions. {}", scope.token_needs()),
            },
            ApiErrorKind::NotFound => match scope {
                SecretScope::Repository => "Check the repository (owner and name) and the names used; GitHub also answers 404 when the token cannot see the repository.".into(),
                SecretScope::User => "Check the secret's name and the repository IDs; GitHub also answers 404 for a repository the user cannot reach.".into(),
                _ => "Check the organization and the names used; GitHub also answers 404 when the token cannot see the organization.".into(),
            },
            ApiErrorKind::Conflict => "Repository access can be changed only while the secret's visibility is \"selected\".".into(),
            ApiErrorKind::Validation => "GitHub refused the request's content.".into(),
            ApiErrorKind::Server => format!("GitHub kept failing after {} attempts; try again later or check https://www.githubstatus.com.", self.attempts),
            ApiErrorKind::Other => String::new(),
        }
    }

    /// What to check, for a call made as a GitHub App.
    fn app_hint(&self) -> String {
        match self.kind {
            ApiErrorKind::Unauthorized => "GitHub refused the App's installation token, and a newly minted one too: check that the App is still installed on the organization.".into(),
            ApiErrorKind::Forbidden => self.scope().app_needs().into(),
            _ => self.token_hint(),
        }
    }
}

/// `PUT /orgs/acme/codespaces/secrets/X: HTTP 403: GitHub's message (its errors). What to
/// check.`
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = format!("{}: HTTP {}", self.request, self.status);
        if !self.message.is_empty() {
            text = format!("{text}: {}", self.message);
        }
        if !self.errors.is_empty() {
            text = format!("{text} ({})", self.errors.join("; "));
        }
        write!(f, "{}", Sentence(&text))?;
        let hint = match self.caller {
            Caller::Token => self.token_hint(),
            Caller::App => self.app_hint(),
        };
        if !hint.is_empty() {
            write!(f, " {}", Sentence(&hint))?;
        }
        Ok(())
    }
}

/// Summarises GitHub's `errors` array: strings as they are, objects by their fields.
pub(crate) fn summarise_errors(errors: Option<&serde_json::Value>) -> Vec<String> {
    let Some(list) = errors.and_then(|e| e.as_array()) else {
        return Vec::new();
    };
    list.iter()
        .map(|e| match e {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => {
                if let Some(m) = o.get("message").and_then(|m| m.as_str()) {
                    return m.to_string();
                }
                let field = |k: &str| o.get(k).and_then(|v| v.as_str()).unwrap_or("");
                format!("{} {} {}", field("resource"), field("field"), field("code"))
                    .trim()
                    .to_string()
            }
            other => other.to_string(),
        })
        .collect()
}
