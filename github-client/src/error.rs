//! Errors of the GitHub client. Each error about a request names it through one
//! [`Request`] (method, route, path, URL shown without credentials); an error answer is an
//! [`ApiError`] with GitHub's own message and what to check, worded for the credentials the
//! call was made with (`error/api.rs`). Why a GitHub App got no installation token, or its
//! key cannot sign, is `error/app.rs`. Every message is made of whole sentences, each ending
//! with a full stop ([`Sentence`]), so that a caller may add its own after it. Tokens, JWTs
//! and keys never appear in any of them.

mod api;
mod app;
mod request;

use std::fmt;

pub(crate) use api::summarise_errors;
pub use api::{ApiError, ApiErrorKind, Caller};
pub use app::{AppError, KeyError};
pub use request::Request;

use crate::clock::Wait;
use crate::crypto::CryptoError;

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

/// What is wrong with an API root.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaseUrlProblem {
    /// It does not parse as an absolute URL (the parser's words).
    NotAbsolute(String),
    /// It cannot hold paths (`mailto:x`).
    CannotHoldPaths,
    /// Plain http to a host that is not this machine: the token would travel in clear.
    PlainHttp,
    /// A scheme other than https or http.
    Scheme(String),
}

impl fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaseUrlProblem::NotAbsolute(why) => write!(f, "is not an absolute URL ({why})"),
            BaseUrlProblem::CannotHoldPaths => f.write_str("cannot hold paths"),
            BaseUrlProblem::PlainHttp => f.write_str(
                "uses plain http to a host that is not a loopback address: the token would \
                 travel in clear. Use https (plain http is allowed only for 127.0.0.1, ::1 and \
                 localhost)",
            ),
            BaseUrlProblem::Scheme(scheme) => write!(f, "has scheme {scheme:?}; use https"),
        }
    }
}

/// A failure of a client call.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// GitHub answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// No GitHub App installation token could be had.
    #[error(transparent)]
    App(#[from] AppError),
    /// The rate limit is exhausted for longer than the client may wait.
    #[error("{request}: GitHub's rate limit is exhausted{}; {}", .resets_at.as_ref().map(|r| format!(" until {r}")).unwrap_or_default(), Sentence(.detail))]
    RateLimited {
        /// The request refused.
        request: Request,
        /// When the limit resets (RFC 3339), if GitHub said.
        resets_at: Option<String>,
        /// What happened and what to do.
        detail: String,
    },
    /// The request did not get an answer.
    #[error("{}: could not reach GitHub after {}: {} Check the network and the API's base URL.", request.tried(), tries(*attempts), Sentence(.message))]
    Transport {
        /// The request.
        request: Request,
        /// Attempts made.
        attempts: u32,
        /// The transport's message.
        message: String,
    },
    /// The server's TLS certificate was refused; not retried.
    #[error("{}: the server's TLS certificate was not accepted ({problem}). This was not retried: trying again cannot change a certificate. Check the API's base URL, and that the server's certificate is issued by an authority this machine trusts.", request.tried())]
    Certificate {
        /// The request.
        request: Request,
        /// What is wrong with the certificate.
        problem: String,
    },
    /// An answer larger than any of the API's; not read further, not retried.
    #[error("{}: the answer is larger than {} MiB, more than any answer of GitHub's API holds; it was not read further and the request was not retried. Check the API's base URL.", request.tried(), limit >> 20)]
    TooLarge {
        /// The request.
        request: Request,
        /// The most the client reads, in bytes.
        limit: usize,
    },
    /// A redirect the client does not follow; not retried.
    #[error("{}: HTTP {status} redirecting to {location}: {}", request.tried(), Sentence(.reason))]
    Redirected {
        /// The request redirected (its URL is the one that answered the redirect).
        request: Request,
        /// The 3xx status.
        status: u16,
        /// Where it pointed (without its query), or what was wrong with it.
        location: String,
        /// Why it was not followed, and what that means.
        reason: String,
    },
    /// A list whose `next` links do not lead to its end.
    #[error("{}: {}", request.tried(), Sentence(.problem))]
    Pagination {
        /// The page whose answer named the bad link.
        request: Request,
        /// What was wrong.
        problem: String,
    },
    /// An API root the client cannot use.
    #[error("the API's base URL {url:?} {problem}.")]
    BaseUrl {
        /// The base URL, without credentials.
        url: String,
        /// What is wrong with it.
        problem: BaseUrlProblem,
    },
    /// A name that would change a request's path if used as one segment of it.
    #[error("{segment:?} cannot be one segment of a request's path: {}", Sentence(.problem))]
    PathSegment {
        /// The segment.
        segment: String,
        /// Why not.
        problem: &'static str,
    },
    /// The answer was not what the API describes: not JSON (not GitHub answering), or JSON
    /// of another shape. Named by the URL that answered.
    #[error("{}: {}", request.tried(), Sentence(.message))]
    Decode {
        /// The request answered.
        request: Request,
        /// What was wrong.
        message: String,
    },
    /// The client, or a request, could not be set up.
    #[error("could not set up the HTTP client: {}", Sentence(.0))]
    Setup(String),
    /// Sealing failed.
    #[error("{}", Sentence(&.0.to_string()))]
    Crypto(#[from] CryptoError),
    /// The client was stopped ([`crate::Client::stop`]) while this call was about to retry
    /// or wait.
    #[error("{request}: the client was asked to stop, so {wait}. Requests already sent were completed and their results kept.")]
    Stopped {
        /// The request that was waiting.
        request: Request,
        /// The wait cut short, which says what was not done.
        wait: Wait,
    },
}

impl Error {
    /// The API error, if GitHub answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
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

    /// True when GitHub refused the content of the request (422).
    pub fn is_validation(&self) -> bool {
        self.api()
            .is_some_and(|e| e.kind == ApiErrorKind::Validation)
    }

    /// True when GitHub refused the key id a value was sealed with (422 naming the key):
    /// the public key was rotated since it was read.
    pub fn rejects_key(&self) -> bool {
        self.api().is_some_and(|a| {
            a.kind == ApiErrorKind::Validation
                && (a.message.to_ascii_lowercase().contains("key")
                    || a.errors
                        .iter()
                        .any(|m| m.to_ascii_lowercase().contains("key")))
        })
    }

    /// True when GitHub refused the credentials themselves (401, after renewing them where
    /// they can be renewed), or the App's: nothing the client does with them can work.
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

#[cfg(test)]
mod tests;
