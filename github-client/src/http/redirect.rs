//! Redirects. A GET is followed to the `Location` on the API's own origin (so the token is
//! never sent elsewhere), a few hops at most, and never to a URL it already came from. A
//! write is never followed: 301, 302 and 303 would turn it into a GET that reports success
//! for a change never made, and 307 or 308 would send it somewhere nobody asked for. Each
//! refusal is an error that says what happened; none is retried.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::call::Call;
use crate::error::Error;
use crate::urls::shown;

/// Redirects one GET may follow.
pub(super) const MAX_REDIRECTS: usize = 5;

/// Where the call goes next after answer `status` with `headers`, or why it does not.
pub(super) fn next_hop(
    call: &Call<'_>,
    status: StatusCode,
    headers: &HeaderMap,
) -> Result<Url, Error> {
    let location = headers.get(LOCATION).and_then(|v| v.to_str().ok());
    let target = location.and_then(|l| call.url().join(l).ok());
    let shown_target = target
        .as_ref()
        .map_or_else(|| "no usable Location".to_string(), shown);
    let refuse = |reason: String| Error::Redirected {
        request: call.request(),
        status: status.as_u16(),
        location: shown_target.clone(),
        reason,
    };
    if *call.method() != Method::GET {
        return Err(refuse(format!(
            "redirects are followed for GET only, so this {} was not sent on and nothing may have changed. Check the API's base URL: it must be the REST API's root (https://api.github.com, or https://api.SUBDOMAIN.ghe.com on GHE.com), not an address that redirects",
            call.method()
        )));
    }
    let Some(target) = target else {
        return Err(refuse("the redirect cannot be followed".into()));
    };
    if target.origin() != call.url().origin() {
        return Err(refuse(format!(
            "it leads away from the API's origin {}, and the client follows redirects on that origin only, so that the token is never sent elsewhere",
            call.url().origin().ascii_serialization()
        )));
    }
    if call.has_asked(&target) {
        return Err(refuse(
            "it leads back to a URL already asked for: a redirect loop, not followed and not retried".into(),
        ));
    }
    if call.redirects() >= MAX_REDIRECTS {
        return Err(refuse(format!(
            "more than {MAX_REDIRECTS} redirects in a row; not followed further"
        )));
    }
    Ok(target)
}
