//! Pagination as GitHub does it: `per_page` (default 30, at most 100) and `page`, a `Link`
//! header with `next`/`last`/`first`/`prev` (or the bad `next` a hostile test switched on),
//! and the body shaped by the route from the total and the page.

use std::sync::Arc;

use axum::extract::{FromRequestParts, OriginalUri, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde_json::Value as Json;

use crate::hostile;
use crate::reply::{answer, insert, refused};
use crate::shared::Shared;
use crate::state::Refusal;
use crate::sync::lock;

/// `per_page` and `page`.
#[derive(serde::Deserialize)]
struct Page {
    per_page: Option<usize>,
    page: Option<usize>,
}

/// What a list request asks (the page) and where it was sent (for links): the extractor
/// every list route takes.
pub(super) struct Listing {
    page: Page,
    uri: OriginalUri,
    headers: HeaderMap,
    /// The API root as the client reached it.
    pub(super) base: String,
}

impl FromRequestParts<Arc<Shared>> for Listing {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &Arc<Shared>) -> Result<Listing, Response> {
        let Query(page) = Query::<Page>::from_request_parts(parts, s)
            .await
            .map_err(IntoResponse::into_response)?;
        let uri = OriginalUri::from_request_parts(parts, s)
            .await
            .map_err(IntoResponse::into_response)?;
        let headers = parts.headers.clone();
        let base = base(&headers, s);
        Ok(Listing {
            page,
            uri,
            headers,
            base,
        })
    }
}

/// `http://HOST` plus the path prefix: the API root as the client reached it.
pub(super) fn base(headers: &HeaderMap, shared: &Shared) -> String {
    format!("http://{}{}", host(headers), shared.prefix)
}

fn host(headers: &HeaderMap) -> &str {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
}

/// One page of `items` (or the refusal), as `{"total_count": N, key: [...]}` with its
/// `Link` header: the shape of GitHub's secrets and repositories lists.
pub(super) fn counted(
    s: &Shared,
    items: Result<Vec<Json>, Refusal>,
    asked: &Listing,
    key: &'static str,
) -> Response {
    match items {
        Ok(items) => paged(
            s,
            items,
            asked,
            |total, page| serde_json::json!({ "total_count": total, key: page }),
        ),
        Err(r) => refused(&r),
    }
}

/// One page of `items` with its `Link` header; `wrap` shapes the body from the total and the
/// page.
pub(super) fn paged(
    s: &Shared,
    items: Vec<Json>,
    asked: &Listing,
    wrap: impl FnOnce(usize, Vec<Json>) -> Json,
) -> Response {
    let Listing {
        page, uri, headers, ..
    } = asked;
    let total = items.len();
    let per_page = page.per_page.unwrap_or(30).clamp(1, 100);
    let current = page.page.unwrap_or(1).max(1);
    let last = total.div_ceil(per_page).max(1);
    let host = host(headers);
    let link_to = |n: usize, rel: &str| {
        format!(
            "<http://{host}{}?per_page={per_page}&page={n}>; rel=\"{rel}\"",
            uri.path()
        )
    };
    let mut links = Vec::new();
    let bad = lock(&s.faults).faults.bad_next.clone();
    if let Some(bad) = bad {
        let requested = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
        let origin = format!("http://{host}");
        let at = (per_page, current);
        links.push(hostile::next_link(&bad, &origin, uri.path(), requested, at));
    } else if current < last {
        links.push(link_to(current + 1, "next"));
        links.push(link_to(last, "last"));
    }
    if current > 1 {
        links.push(link_to(1, "first"));
        links.push(link_to(current - 1, "prev"));
    }
    let slice = items
        .into_iter()
        .skip((current - 1) * per_page)
        .take(per_page)
        .collect();
    let mut r = answer(200, wrap(total, slice));
    if !links.is_empty() {
        insert(r.headers_mut(), "link", &links.join(", "));
    }
    r
}
