//! What one client has learned about the API host in this run. Whether it has answered at
//! all: a connection that fails before the host ever answered (a mistyped base URL, nothing
//! listening) is tried [`FIRST_CONTACT_RETRIES`] more times at once, not retried for a
//! minute, while connections that break after the host has answered are retried as usual.
//! And whether a failure ended the run for every call: GitHub refused the credentials (401,
//! after renewing them where the credentials can be renewed), the host was never reached,
//! or its TLS certificate was refused. Every later call then fails at once with that same
//! error, without a request: the credentials are checked by one request per run, and the
//! caller sees one cause, worded the same way each time.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::error::{ApiErrorKind, Error};

/// Retries of a connection failure while the host has not answered any request yet.
pub(super) const FIRST_CONTACT_RETRIES: u32 = 2;

/// See the module documentation.
#[derive(Default)]
pub(super) struct Host {
    answered: AtomicBool,
    /// The failure that ended the run, as first reported.
    ended: Mutex<Option<Error>>,
}

impl Host {
    /// Whether the host has answered any request of this client.
    pub(super) fn has_answered(&self) -> bool {
        self.answered.load(Ordering::Relaxed)
    }

    /// The host answered (whatever it said).
    pub(super) fn answered(&self) {
        self.answered.store(true, Ordering::Relaxed);
    }

    /// The failure that ended the run, as it was first reported, if one did.
    pub(super) fn ended(&self) -> Option<Error> {
        self.ended
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Notes `err`, the final failure of a call, if it ends the run (the first one is kept).
    pub(super) fn note_failure(&self, err: &Error) {
        let ends = match err {
            Error::Api(api) => api.kind == ApiErrorKind::Unauthorized,
            Error::Transport { .. } => !self.has_answered(),
            Error::Certificate { .. } => true,
            _ => false,
        };
        if !ends {
            return;
        }
        let mut ended = self.ended.lock().unwrap_or_else(PoisonError::into_inner);
        if ended.is_none() {
            tracing::warn!(
                reason = %err,
                "no further request is sent in this run: every call fails for this reason"
            );
            *ended = Some(err.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, Caller, Request};

    fn request(path: &str) -> Request {
        let url = format!("http://127.0.0.1:9{path}");
        Request::new("GET", "/orgs/{org}/codespaces/secrets", path, url)
    }

    fn refused(path: &str, kind: ApiErrorKind) -> Error {
        Error::Api(Box::new(ApiError {
            kind,
            request: request(path),
            status: 401,
            message: "Bad credentials".into(),
            errors: vec![],
            token_scopes: None,
            accepted_scopes: None,
            attempts: 1,
            caller: Caller::Token,
        }))
    }

    fn unreachable() -> Error {
        Error::Transport {
            request: request("/orgs/acme/codespaces/secrets"),
            attempts: 3,
            message: "connection refused".into(),
        }
    }

    #[test]
    fn refused_credentials_end_the_run_with_the_first_error_told_again() {
        let host = Host::default();
        assert!(host.ended().is_none());
        let first = refused("/orgs/acme/codespaces/secrets", ApiErrorKind::Unauthorized);
        host.note_failure(&first);
        host.note_failure(&refused("/other", ApiErrorKind::Unauthorized));
        let told = host.ended().map(|e| e.to_string());
        assert_eq!(told, Some(first.to_string()));
    }

    #[test]
    fn a_host_that_never_answered_ends_the_run_and_one_that_did_does_not() {
        let host = Host::default();
        host.note_failure(&unreachable());
        assert!(host.ended().is_some());
        let answered = Host::default();
        answered.answered();
        answered.note_failure(&unreachable());
        assert!(answered.ended().is_none(), "dropped after working: retried");
    }

    #[test]
    fn other_failures_do_not_end_the_run() {
        let host = Host::default();
        host.note_failure(&refused("/x", ApiErrorKind::NotFound));
        assert!(host.ended().is_none());
    }
}
