//! Failures without an answer: those that may pass when tried again (a refused, dropped or
//! timed-out connection) and those that cannot (a TLS certificate the client does not trust,
//! a request that cannot be built), with messages that name the URL tried, never its query.
//! A connection that cannot be made before the host ever answered is tried only a few
//! times, at once (`host.rs`): a wrong base URL fails in moments.

use super::call::{Call, Verdict};
use super::host::FIRST_CONTACT_RETRIES;
use crate::error::Error;

/// What to do after `e` on this call's try; `answered` says whether the host has answered
/// any request of this client yet.
pub(super) fn verdict(call: &Call<'_>, e: &reqwest::Error, answered: bool) -> Verdict {
    let request = call.request();
    if let Some(problem) = certificate_problem(e) {
        return Verdict::Fail(Error::Certificate { request, problem });
    }
    let give_up = e.is_connect() && !answered && call.retries() >= FIRST_CONTACT_RETRIES;
    let mut message = describe(e);
    if give_up {
        message.push_str(
            "; the host has not answered any request of this run, so it was not tried longer",
        );
    }
    let error = Error::Transport {
        request,
        attempts: call.attempts(),
        message,
    };
    if give_up || e.is_builder() || e.is_redirect() {
        Verdict::Fail(error)
    } else {
        Verdict::Retry(error)
    }
}

/// `e`'s own words and its causes', without reqwest's "for url (...)" (the error names the
/// URL itself, without its query).
fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(&format!(" for url ({url})"), "");
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

/// The certificate problem behind `e`, if TLS refused the server's certificate.
fn certificate_problem(e: &reqwest::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        // An io::Error's `source` skips the error it wraps: look inside it (and inside the
        // io::Errors it wraps) too.
        let mut wrapped = Some(s);
        while let Some(w) = wrapped {
            if let Some(tls) = w.downcast_ref::<rustls::Error>() {
                return is_certificate(tls).then(|| tls.to_string());
            }
            wrapped = w
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .map(|inner| inner as &(dyn std::error::Error + 'static));
        }
        source = s.source();
    }
    None
}

/// Whether this TLS failure is about the peer's certificate (no retry can change it).
fn is_certificate(e: &rustls::Error) -> bool {
    matches!(
        e,
        rustls::Error::InvalidCertificate(_)
            | rustls::Error::NoCertificatesPresented
            | rustls::Error::UnsupportedNameType
    )
}
