//! [`GrantError`]: a grant write that failed, with the grants that shared its request.

use std::fmt;
use std::ops::Deref;

use github_client::Error;

use crate::provider::support::and_list;

/// A grant write that failed: GitHub's error (through `Deref`, so `is_conflict()` and the
/// like read it), and the other grants of the batch it was written in.
#[derive(Debug, Clone)]
pub struct GrantError {
    error: Error,
    /// The other repositories of the batch.
    others: Vec<i64>,
}

impl GrantError {
    /// An error of a write made for this grant alone.
    pub(in crate::provider::run) fn alone(error: Error) -> Self {
        GrantError::shared(error, Vec::new())
    }

    /// An error of a write made for this grant and those of `others`.
    pub(super) fn shared(error: Error, others: Vec<i64>) -> Self {
        GrantError { error, others }
    }

    /// GitHub's error.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// A sentence naming the grants written in the same request, when there were any:
    /// GitHub's answer was to all of them.
    pub fn shared_with(&self) -> Option<String> {
        let them = match self.others.len() {
            0 => return None,
            1 => "repository",
            _ => "repositories",
        };
        let names = and_list(self.others.iter().map(i64::to_string));
        Some(format!(
            "This change was sent in one request with the changes of {them} {names} to the \
             same secret, so GitHub's answer is theirs too, and none of them was made."
        ))
    }
}

impl Deref for GrantError {
    type Target = Error;

    fn deref(&self) -> &Error {
        &self.error
    }
}

impl fmt::Display for GrantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}
