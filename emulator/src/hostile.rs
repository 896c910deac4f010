//! What a broken or hostile server does, switched on per test through [`crate::Faults`] so
//! tests can show the client is not hurt by it: redirects (of writes, in loops, to another
//! origin), bodies larger than any answer of the API (generated as they are sent, never held
//! in memory), `next` links that point back, never end or leave the origin, and connections
//! closed without an answer.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Answer requests with a redirect instead of carrying them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// 301, 302, 303, 307 or 308.
    pub status: u16,
    /// The `Location`: a path under the API root (`/orgs/acme/...`, the path prefix is
    /// added), or an absolute URL. `None`: the request's own URL, a redirect loop.
    pub location: Option<String>,
    /// Only requests with one of these methods (`"PUT"`, ...); empty: every request.
    pub methods: Vec<String>,
    /// How many requests to redirect; `None`: every one.
    pub times: Option<u32>,
}

/// A `next` link no list should carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadNext {
    /// The page just served, again.
    Itself,
    /// One page more, past the last one too: the list never ends.
    Endless,
    /// The next page on another origin (e.g. `http://127.0.0.1:PORT`).
    Elsewhere(String),
}

/// The `Link` value naming `next` as `bad` asks, for page `page` of `per_page` items at
/// `origin` + `path`; `requested` is the path and query this answer was requested with.
pub(crate) fn next_link(
    bad: &BadNext,
    origin: &str,
    path: &str,
    requested: &str,
    (per_page, page): (usize, usize),
) -> String {
    let target = match bad {
        BadNext::Itself => format!("{origin}{requested}"),
        BadNext::Endless => format!("{origin}{path}?per_page={per_page}&page={}", page + 1),
        BadNext::Elsewhere(other) => {
            format!("{other}{path}?per_page={per_page}&page={}", page + 1)
        }
    };
    format!("<{target}>; rel=\"next\"")
}

/// A redirect to `location`.
pub(crate) fn redirect(status: u16, location: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::FOUND);
    let mut r = code.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// What one chunk of a huge body holds: blanks, which a JSON reader skips.
static BLANKS: [u8; 64 * 1024] = [b' '; 64 * 1024];

/// `{"secrets":[` and then blanks up to `size` bytes in all, the array never closed: made
/// chunk by chunk as the client reads, so the emulator holds one static chunk however large
/// the body.
pub(crate) fn huge_body(status: StatusCode, size: u64) -> Response {
    const OPENING: &[u8] = b"{\"secrets\":[";
    let first = Bytes::from_static(OPENING);
    let rest = size.saturating_sub(OPENING.len() as u64);
    let chunks = futures_util::stream::unfold((Some(first), rest), |(first, left)| async move {
        if let Some(f) = first {
            return Some((Ok::<_, std::io::Error>(f), (None, left)));
        }
        if left == 0 {
            return None;
        }
        let n = usize::try_from(left).map_or(BLANKS.len(), |l| l.min(BLANKS.len()));
        Some((
            Ok(Bytes::from_static(&BLANKS[..n])),
            (None, left - n as u64),
        ))
    });
    let mut r = Response::new(Body::from_stream(chunks));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

/// A connection closed before an answer: the body fails before its first byte, and the
/// server drops the connection.
pub(crate) fn hang_up() -> Response {
    let broken = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "the emulator hung up",
        ))
    });
    Response::new(Body::from_stream(broken))
}
