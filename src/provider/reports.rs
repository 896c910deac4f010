//! One cause, one error. Terraform shows every error every resource returns, so a wrong
//! token met by thirty refreshes would print thirty times. The GitHub client tells a failure
//! that ends the run (refused credentials, a host never reached) in the same words to every
//! call, and `support::api_error` words it without the operation that met it; this process
//! remembers the errors it has reported, and the operations that may stay silent about one
//! already reported leave it out: refreshes (the stored state is kept) and the checks of a
//! plan (the run fails on the first report anyway). Applies, imports and data sources, which
//! cannot pretend to succeed, report every error. An error about a resource's own
//! configuration (one that points at an attribute) is always reported on that resource, even
//! when another says the same.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use tfplugin::{Diagnostic, Diagnostics, Outcome, Private, ReadResponse, Severity, Value};

/// The errors this process has reported, by summary and detail.
#[derive(Default)]
pub struct Reports(Mutex<HashSet<(String, String)>>);

impl Reports {
    /// `diags` without the errors this process has reported already; the others are noted
    /// as reported now. Warnings, and errors pointing at an attribute, are kept.
    pub fn not_yet_reported(&self, diags: Diagnostics) -> Diagnostics {
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut kept = Diagnostics::new();
        for d in diags.iter() {
            let shared = d.severity == Severity::Error && d.attribute.is_none();
            if !shared || seen.insert(key(d)) {
                kept.push(d.clone());
            } else {
                tracing::debug!(summary = %d.summary, "error already reported in this run; not repeated");
            }
        }
        kept
    }

    /// What a refresh that failed with `diags` answers: the errors not reported yet, or,
    /// when every one was, the `stored` state and private data as they were (the run fails
    /// on the first report anyway).
    pub fn failed_refresh(
        &self,
        diags: Diagnostics,
        stored: (Value, Private),
    ) -> Outcome<ReadResponse> {
        let new = self.not_yet_reported(diags);
        if new.has_errors() {
            return Err(new);
        }
        Ok(ReadResponse::from_state(stored.0, stored.1).with_diagnostics(new))
    }
}

fn key(d: &Diagnostic) -> (String, String) {
    (d.summary.clone(), d.detail.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_reported_once_and_warnings_always() {
        let reports = Reports::default();
        let bad = || Diagnostics::from_error("GitHub refused the credentials", "HTTP 401.");
        assert_eq!(reports.not_yet_reported(bad()).iter().count(), 1);
        assert!(reports.not_yet_reported(bad()).is_empty());
        let other = Diagnostics::from_error("GitHub refused the credentials", "HTTP 401 again.");
        assert_eq!(reports.not_yet_reported(other).iter().count(), 1);
        let warned = || Diagnostics::from(Diagnostic::warning("Careful", "x"));
        assert_eq!(reports.not_yet_reported(warned()).iter().count(), 1);
        assert_eq!(reports.not_yet_reported(warned()).iter().count(), 1);
        let on_attribute = || {
            let d = Diagnostic::error("Secret does not exist", "X.");
            Diagnostics::from(d.at(tfplugin::AttributePath::attr("secret_name")))
        };
        assert_eq!(reports.not_yet_reported(on_attribute()).iter().count(), 1);
        assert_eq!(reports.not_yet_reported(on_attribute()).iter().count(), 1);
    }
}
