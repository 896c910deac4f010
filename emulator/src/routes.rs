//! The HTTP face of the emulator: GitHub's routes for Codespaces organization secrets and
//! repository look-ups, with pagination; `gate.rs` stands in front of every one of them.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::Router;
use serde_json::{json, Value as Json};

use crate::gate::insert;
use crate::hostile;
use crate::json as body;
use crate::state::{Org, PutBody, Refusal};
use crate::{RequestRecord, Shared};

type S = State<Arc<Shared>>;

/// Builds the router, under `prefix` when it is not empty.
pub fn router(shared: Arc<Shared>) -> Router {
    let prefix = shared.prefix.clone();
    let api = Router::new()
        .route("/orgs/{org}/codespaces/secrets", get(list_secrets))
        .route("/orgs/{org}/codespaces/secrets/public-key", get(public_key))
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}",
            get(get_secret).put(put_secret).delete(delete_secret),
        )
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}/repositories",
            get(list_repos).put(set_repos),
        )
        .route(
            "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
            put(add_repo).delete(remove_repo),
        )
        .route("/repos/{owner}/{repo}", get(get_repository))
        .route("/orgs/{org}/repos", get(list_org_repos))
        .merge(crate::apps::routes())
        .route_layer(middleware::from_fn_with_state(
            shared.clone(),
            crate::gate::gate,
        ))
        .fallback(not_found)
        .with_state(shared);
    if prefix.is_empty() {
        api
    } else {
        Router::new().nest(&prefix, api).fallback(not_found_plain)
    }
}

fn answer(status: u16, value: Json) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, axum::Json(value)).into_response()
}

pub(crate) fn refused(r: &Refusal) -> Response {
    answer(r.status, body::error(r))
}

fn not_found_answer() -> Response {
    refused(&Refusal {
        status: 404,
        message: "Not Found".into(),
        errors: vec![],
    })
}

fn no_content(status: u16) -> Response {
    StatusCode::from_u16(status)
        .unwrap_or(StatusCode::NO_CONTENT)
        .into_response()
}

async fn not_found(State(shared): S, req: Request) -> Response {
    shared.record(RequestRecord {
        method: req.method().to_string(),
        route: format!("{} unknown", req.method()),
        path: req.uri().path().to_string(),
        status: 404,
    });
    not_found_answer()
}

async fn not_found_plain() -> Response {
    not_found_answer()
}

/// `per_page` and `page`.
#[derive(serde::Deserialize)]
struct Page {
    per_page: Option<usize>,
    page: Option<usize>,
}

fn paginate(
    s: &Shared,
    items: Vec<Json>,
    page: &Page,
    uri: &OriginalUri,
    headers: &HeaderMap,
) -> (Vec<Json>, Option<String>) {
    let per_page = page.per_page.unwrap_or(30).clamp(1, 100);
    let current = page.page.unwrap_or(1).max(1);
    let last = items.len().div_ceil(per_page).max(1);
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let link_to = |n: usize, rel: &str| {
        format!(
            "<http://{host}{}?per_page={per_page}&page={n}>; rel=\"{rel}\"",
            uri.path()
        )
    };
    let mut links = Vec::new();
    let bad = crate::lock(&s.faults).faults.bad_next.clone();
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
    (slice, (!links.is_empty()).then(|| links.join(", ")))
}

fn paged(status: u16, value: Json, link: Option<String>) -> Response {
    let mut r = answer(status, value);
    if let Some(l) = link {
        insert(r.headers_mut(), "link", &l);
    }
    r
}

fn base(headers: &HeaderMap, shared: &Shared) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}{}", shared.prefix)
}

async fn list_secrets(
    State(s): S,
    Path(org): Path<String>,
    Query(p): Query<Page>,
    uri: OriginalUri,
    h: HeaderMap,
) -> Response {
    let items = |base: &str, o: &Org| {
        o.secrets
            .values()
            .map(|x| body::secret(base, o, x))
            .collect()
    };
    let wrap = |total: usize, page: Vec<Json>| json!({ "total_count": total, "secrets": page });
    org_list(&s, &org, (&p, &uri, &h), items, wrap)
}

async fn public_key(State(s): S, Path(org): Path<String>) -> Response {
    let world = s.world();
    match world.org(&org) {
        Ok(o) => answer(
            200,
            json!({
                "key_id": o.key_id,
                "key": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, o.secret_key.public_key().as_bytes()),
            }),
        ),
        Err(r) => refused(&r),
    }
}

async fn get_secret(
    State(s): S,
    Path((org, name)): Path<(String, String)>,
    h: HeaderMap,
) -> Response {
    if s.lagging(&org, &name) {
        return not_found_answer();
    }
    let world = s.world();
    match (world.org(&org), world.secret(&org, &name)) {
        (Ok(o), Ok(x)) => answer(200, body::secret(&base(&h, &s), o, x)),
        (Err(r), _) | (_, Err(r)) => refused(&r),
    }
}

async fn put_secret(
    State(s): S,
    Path((org, name)): Path<(String, String)>,
    raw: Bytes,
) -> Response {
    let parsed: PutBody = match serde_json::from_slice(&raw) {
        Ok(b) => b,
        Err(_) => {
            return refused(&Refusal {
                status: 400,
                message: "Problems parsing JSON".into(),
                errors: vec![],
            })
        }
    };
    let result = s.world().put_secret(&org, &name, parsed);
    match result {
        Ok(true) => {
            s.start_lag(&org, &name);
            answer(201, json!({}))
        }
        Ok(false) => no_content(204),
        Err(r) => refused(&r),
    }
}

async fn delete_secret(State(s): S, Path((org, name)): Path<(String, String)>) -> Response {
    match s.world().delete_secret(&org, &name) {
        Ok(()) => no_content(204),
        Err(r) => refused(&r),
    }
}

async fn list_repos(
    State(s): S,
    Path((org, name)): Path<(String, String)>,
    Query(p): Query<Page>,
    uri: OriginalUri,
    h: HeaderMap,
) -> Response {
    let mut world = s.world();
    let granted: BTreeSet<i64> = match world.selected_secret_mut(&org, &name) {
        Ok((secret, _)) => secret.repos.clone(),
        Err(r) => return refused(&r),
    };
    let Ok(o) = world.org(&org) else {
        return not_found_answer();
    };
    let base = base(&h, &s);
    let all: Vec<Json> = o
        .repos
        .iter()
        .filter(|r| granted.contains(&r.id))
        .map(|r| body::repository(&base, o, r, false))
        .collect();
    let total = all.len();
    let (items, link) = paginate(&s, all, &p, &uri, &h);
    paged(
        200,
        json!({ "total_count": total, "repositories": items }),
        link,
    )
}

#[derive(serde::Deserialize)]
struct SetRepos {
    selected_repository_ids: Vec<i64>,
}

async fn set_repos(State(s): S, Path((org, name)): Path<(String, String)>, raw: Bytes) -> Response {
    let Ok(parsed) = serde_json::from_slice::<SetRepos>(&raw) else {
        return refused(&Refusal {
            status: 422,
            message: "Invalid request.\n\n\"selected_repository_ids\" wasn't supplied.".into(),
            errors: vec![],
        });
    };
    let mut world = s.world();
    match world.selected_secret_mut(&org, &name) {
        Ok((secret, repos)) => {
            if let Some(bad) = parsed
                .selected_repository_ids
                .iter()
                .find(|id| !repos.iter().any(|r| r.id == **id))
            {
                return refused(&Refusal {
                    status: 422,
                    message: "Validation Failed".into(),
                    errors: vec![format!(
                        "Repository {bad} was not found in the organization"
                    )],
                });
            }
            secret.repos = parsed.selected_repository_ids.into_iter().collect();
            no_content(204)
        }
        Err(r) => refused(&r),
    }
}

async fn add_repo(State(s): S, Path((org, name, id)): Path<(String, String, i64)>) -> Response {
    let mut world = s.world();
    match world.selected_secret_mut(&org, &name) {
        Ok((secret, repos)) if repos.iter().any(|r| r.id == id) => {
            secret.repos.insert(id);
            no_content(204)
        }
        Ok(_) => refused(&Refusal {
            status: 422,
            message: "Validation Failed".into(),
            errors: vec![format!("Repository {id} was not found in the organization")],
        }),
        Err(r) => refused(&r),
    }
}

async fn remove_repo(State(s): S, Path((org, name, id)): Path<(String, String, i64)>) -> Response {
    let mut world = s.world();
    match world.selected_secret_mut(&org, &name) {
        Ok((secret, _)) => {
            secret.repos.remove(&id);
            no_content(204)
        }
        Err(r) => refused(&r),
    }
}

async fn get_repository(
    State(s): S,
    Path((owner, repo)): Path<(String, String)>,
    h: HeaderMap,
) -> Response {
    let world = s.world();
    let found = world.org(&owner).ok().and_then(|o| {
        o.repos
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(&repo))
            .map(|r| body::repository(&base(&h, &s), o, r, true))
    });
    match found {
        Some(v) => answer(200, v),
        None => not_found_answer(),
    }
}

async fn list_org_repos(
    State(s): S,
    Path(org): Path<String>,
    Query(p): Query<Page>,
    uri: OriginalUri,
    h: HeaderMap,
) -> Response {
    let items = |base: &str, o: &Org| {
        o.repos
            .iter()
            .map(|r| body::repository(base, o, r, false))
            .collect()
    };
    org_list(&s, &org, (&p, &uri, &h), items, |_, page| Json::Array(page))
}

/// One page of something listed from an organization; `wrap` shapes the body from the total
/// and the page.
fn org_list(
    s: &Shared,
    org: &str,
    (page, uri, h): (&Page, &OriginalUri, &HeaderMap),
    items: impl FnOnce(&str, &Org) -> Vec<Json>,
    wrap: impl FnOnce(usize, Vec<Json>) -> Json,
) -> Response {
    let world = s.world();
    let o = match world.org(org) {
        Ok(o) => o,
        Err(r) => return refused(&r),
    };
    let all = items(&base(h, s), o);
    let total = all.len();
    let (page_items, link) = paginate(s, all, page, uri, h);
    paged(200, wrap(total, page_items), link)
}
