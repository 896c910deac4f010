//! Errors of the GitHub client. Every HTTP error names the method, the path, the status and
//! GitHub's own message, then says what to check (for a GitHub App, what the App needs).
//! Every message is made of whole sentences, each ending with a full stop ([`Sentence`]), so
//! a caller may add its own after it. Tokens, JWTs and keys never appear in any of them. Why
//! a GitHub App got no installation token, or its key cannot sign, is `error/app.rs`.

mod app;

use std::fmt;

pub use app::{AppError, KeyError};

/// What kind of answer GitHub gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// An HTTP error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Its kind.
    pub kind: ApiErrorKind,
    /// The request method.
    pub method: String,
    /// The request path.
    pub path: String,
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
}

impl ApiError {
    fn hint(&self) -> String {
        match self.kind {
            ApiErrorKind::Unauthorized => "Check that the token is a valid, unexpired token.".into(),
            ApiErrorKind::Forbidden => match (&self.token_scopes, &self.accepted_scopes) {
                (Some(has), Some(accepts)) if !accepts.is_empty() => format!(
                    "The token has scopes [{has}]; this endpoint accepts [{accepts}]. Use a token with admin:org (classic) or the organization permission \"Codespaces secrets\" (fine-grained)."
                ),
                _ => "Check the token's permissions: it needs admin:org (classic) or the organization permission \"Codespaces secrets: read and write\" (fine-grained), and access to this organization.".into(),
            },
            ApiErrorKind::NotFound => "Check the organization and the names used; GitHub also answers 404 when the token cannot see the organization.".into(),
            ApiErrorKind::Conflict => "Repository access can be changed only while the secret's visibility is \"selected\".".into(),
            ApiErrorKind::Validation => "GitHub refused the request's content.".into(),
            ApiErrorKind::Server => format!("GitHub kept failing after {} attempts; try again later or check https://www.githubstatus.com.", self.attempts),
            ApiErrorKind::Other => String::new(),
        }
    }

    /// The advice for a call made as a GitHub App installation.
    fn app_hint(&self) -> String {
        match self.kind {
            ApiErrorKind::Unauthorized => "GitHub refused the App's installation token, and a newly minted one too: check that the App is still installed on the organization.".into(),
            ApiErrorKind::Forbidden => "The GitHub App needs the organization permission \"Codespaces secrets: read and write\" (and \"Metadata: read\" for repository look-ups): grant it in the App's settings, then approve the change on the organization's installation.".into(),
            _ => self.hint(),
        }
    }

    fn write_with(&self, f: &mut fmt::Formatter<'_>, hint: &str) -> fmt::Result {
        let mut text = format!("{} {}: HTTP {}", self.method, self.path, self.status);
        if !self.message.is_empty() {
            text = format!("{text}: {}", self.message);
        }
        if !self.errors.is_empty() {
            text = format!("{text} ({})", self.errors.join("; "));
        }
        write!(f, "{}", Sentence(&text))?;
        if !hint.is_empty() {
            write!(f, " {}", Sentence(hint))?;
        }
        Ok(())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_with(f, &self.hint())
    }
}

/// An [`ApiError`] shown with the advice for a GitHub App.
struct AsApp<'a>(&'a ApiError);

impl fmt::Display for AsApp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_with(f, &self.0.app_hint())
    }
}

/// Text shown as a sentence: with a full stop at its end, unless it ends a sentence already.
pub(crate) struct Sentence<'a>(pub(crate) &'a str);

impl fmt::Display for Sentence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.trim_end();
        f.write_str(text)?;
        if text.ends_with(['.', '!', '?']) {
            Ok(())
        } else {
            f.write_str(".")
        }
    }
}

/// A failure of a client call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// GitHub answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// GitHub answered with an error status to a call made as a GitHub App installation.
    #[error("{}", AsApp(.0))]
    AsApp(Box<ApiError>),
    /// No GitHub App installation token could be had.
    #[error(transparent)]
    App(#[from] AppError),
    /// The rate limit is exhausted for longer than the client may wait.
    #[error("{method} {path}: GitHub's rate limit is exhausted{}; {}", .resets_at.as_ref().map(|r| format!(" until {r}")).unwrap_or_default(), Sentence(.detail))]
    RateLimited {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
        /// When the limit resets (RFC 3339), if GitHub said.
        resets_at: Option<String>,
        /// What happened and what to do.
        detail: String,
    },
    /// The request did not get an answer.
    #[error("{method} {url}: could not reach GitHub after {}: {} Check the network and the API's base URL.", tries(*attempts), Sentence(.message))]
    Transport {
        /// The request method.
        method: String,
        /// The URL tried (without its query).
        url: String,
        /// Attempts made.
        attempts: u32,
        /// The transport's message.
        message: String,
    },
    /// The server's TLS certificate was refused; not retried.
    #[error("{method} {url}: the server's TLS certificate was not accepted ({problem}). This was not retried: trying again cannot change a certificate. Check the API's base URL, and that the server's certificate is issued by an authority this machine trusts.")]
    Certificate {
        /// The request method.
        method: String,
        /// The URL tried (without its query).
        url: String,
        /// What is wrong with the certificate.
        problem: String,
    },
    /// An answer larger than any of the API's; not read further, not retried.
    #[error("{method} {url}: the answer is larger than {} MiB, more than any answer of GitHub's API holds; it was not read further and the request was not retried. Check the API's base URL.", limit >> 20)]
    TooLarge {
        /// The request method.
        method: String,
        /// The URL (without its query).
        url: String,
        /// The most the client reads, in bytes.
        limit: usize,
    },
    /// A redirect the client does not follow; not retried.
    #[error("{method} {url}: HTTP {status} redirecting to {location}: {}", Sentence(.reason))]
    Redirected {
        /// The request method.
        method: String,
        /// The URL redirected (without its query).
        url: String,
        /// The 3xx status.
        status: u16,
        /// Where it pointed (without its query), or what was wrong with it.
        location: String,
        /// Why it was not followed, and what that means.
        reason: String,
    },
    /// A list whose `next` links do not lead to its end.
    #[error("GET {url}: {}", Sentence(.problem))]
    Pagination {
        /// The page whose answer named the bad link (without its query).
        url: String,
        /// What was wrong.
        problem: String,
    },
    /// The API root may not carry the token.
    #[error("the API's base URL {url} uses plain http to a host that is not a loopback address: the token would travel in clear. Use https (plain http is allowed only for 127.0.0.1, ::1 and localhost).")]
    PlainHttp {
        /// The base URL.
        url: String,
    },
    /// A name that would change a request's path if used as one segment of it.
    #[error("{segment:?} cannot be one segment of a request's path: {}", Sentence(.problem))]
    PathSegment {
        /// The segment.
        segment: String,
        /// Why not.
        problem: &'static str,
    },
    /// The answer was not what the API describes: not JSON (not GitHub answering), or
    /// JSON of another shape.
    #[error("{method} {url}: {}", Sentence(.message))]
    Decode {
        /// The request method.
        method: String,
        /// The URL that answered (without credentials or query).
        url: String,
        /// What was wrong.
        message: String,
    },
    /// The client could not be built.
    #[error("could not set up the HTTP client: {}", Sentence(.0))]
    Setup(String),
    /// Sealing failed.
    #[error("{}", Sentence(&.0.to_string()))]
    Crypto(#[from] crate::crypto::CryptoError),
    /// The client was stopped ([`crate::Client::stop`]) while this call was about to retry
    /// or wait.
    #[error("{method} {path}: the client was asked to stop, so {detail}. Requests already sent were completed and their results kept.")]
    Stopped {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
        /// What was not done.
        detail: String,
    },
    /// A visibility GitHub does not know.
    #[error("{0:?} is not a visibility: use \"all\", \"private\" or \"selected\".")]
    InvalidVisibility(String),
}

impl Error {
    /// The API error, if GitHub answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::AsApp(e) => Some(e),
            _ => None,
        }
    }

    /// True for 404.
    pub fn is_not_found(&self) -> bool {
        self.api().is_some_and(|e| e.kind == ApiErrorKind::NotFound)
    }

    /// True for 409.
    pub fn is_conflict(&self) -> bool {
        self.api().is_some_and(|e| e.kind == ApiErrorKind::Conflict)
    }

    /// True when GitHub refused a secret's `key_id` (422 naming the key): the value was
    /// sealed with a key that is not, or no longer, the current public key.
    pub fn is_key_refused(&self) -> bool {
        self.api().is_some_and(|a| {
            let names_key = |text: &str| text.to_ascii_lowercase().contains("key");
            a.kind == ApiErrorKind::Validation
                && (names_key(&a.message) || a.errors.iter().any(|m| names_key(m)))
        })
    }

    /// True when GitHub refused the credentials themselves (401), or the App's: nothing the
    /// client does with them can work.
    pub fn is_credentials_refused(&self) -> bool {
        self.status() == Some(401) || matches!(self, Error::App(AppError::Refused { .. }))
    }

    /// The HTTP status, if GitHub answered.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|e| e.status)
    }
}

/// "1 attempt", "3 attempts".
fn tries(n: u32) -> String {
    if n == 1 {
        "1 attempt".into()
    } else {
        format!("{n} attempts")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn forbidden(has: Option<&str>, accepts: Option<&str>) -> ApiError {
        ApiError {
            kind: ApiErrorKind::Forbidden,
            method: "PUT".into(),
            path: "/orgs/acme/codespaces/secrets/X".into(),
            status: 403,
            message: "Resource not accessible by personal access token".into(),
            errors: vec![],
            token_scopes: has.map(str::to_string),
            accepted_scopes: accepts.map(str::to_string),
            attempts: 1,
        }
    }

    #[test]
    fn forbidden_says_which_scopes_are_missing() {
        let text = forbidden(Some("repo"), Some("admin:org")).to_string();
        assert!(
            text.starts_with(
                "PUT /orgs/acme/codespaces/secrets/X: HTTP 403: Resource not accessible"
            ),
            "{text}"
        );
        assert!(
            text.contains("The token has scopes [repo]; this endpoint accepts [admin:org]"),
            "{text}"
        );
        let without = forbidden(None, None).to_string();
        assert!(without.contains("admin:org (classic)"), "{without}");
    }

    #[test]
    fn every_message_ends_its_sentences_with_full_stops() {
        let s = String::from;
        let api = |kind, message: &str| {
            let mut e = forbidden(None, None);
            (e.kind, e.message) = (kind, message.into());
            Box::new(e)
        };
        let all = [
            Error::Api(api(ApiErrorKind::Other, "I'm a teapot")),
            Error::Api(api(ApiErrorKind::Validation, "Invalid request.")),
            Error::AsApp(api(ApiErrorKind::Unauthorized, "Bad credentials")),
            Error::App(AppError::Failed {
                call: s("GET /x"),
                status: 418,
                message: s("no"),
            }),
            Error::App(AppError::Decode {
                call: s("GET /x"),
                message: s("no token"),
            }),
            Error::App(AppError::Key(KeyError::NotRsa)),
            Error::RateLimited {
                method: s("GET"),
                path: s("/x"),
                resets_at: None,
                detail: s("run again later"),
            },
            Error::Transport {
                method: s("GET"),
                url: s("u"),
                attempts: 3,
                message: s("refused"),
            },
            Error::Certificate {
                method: s("GET"),
                url: s("u"),
                problem: s("expired"),
            },
            Error::TooLarge {
                method: s("GET"),
                url: s("u"),
                limit: 8 << 20,
            },
            Error::Redirected {
                method: s("PUT"),
                url: s("u"),
                status: 307,
                location: s("l"),
                reason: s("not followed"),
            },
            Error::Pagination {
                url: s("u"),
                problem: s("so the listing was stopped"),
            },
            Error::PlainHttp { url: s("u") },
            Error::PathSegment {
                segment: s("a/b"),
                problem: "it holds a `/`",
            },
            Error::Decode {
                method: s("GET"),
                url: s("u"),
                message: s("not JSON"),
            },
            Error::Setup(s("no TLS")),
            Error::Crypto(crate::crypto::CryptoError::Seal),
            Error::Stopped {
                method: s("PUT"),
                path: s("/x"),
                detail: s("it was not sent"),
            },
            Error::InvalidVisibility(s("public")),
        ];
        for e in all {
            let text = e.to_string();
            assert!(text.ends_with('.') && !text.contains(".."), "{text}");
        }
        assert!(!Error::Certificate {
            method: s("GET"),
            url: s("u"),
            problem: s("x")
        }
        .to_string()
        .contains("Enterprise Server"));
    }

    #[test]
    fn github_errors_arrays_are_summarised() {
        let errors = serde_json::json!([
            {"resource": "Secret", "field": "name", "code": "invalid"},
            {"message": "key_id does not match"},
            "plain text"
        ]);
        assert_eq!(
            summarise_errors(Some(&errors)),
            ["Secret name invalid", "key_id does not match", "plain text"]
        );
    }
}
