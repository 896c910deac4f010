//! The two GitHub App endpoints, authenticated with the App's JWT (verified in `apps.rs`):
//! minting an installation token, and finding an organization's installation.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::reply::{not_found, refused_with};
use crate::shared::Shared;
use crate::state::timestamp;
use crate::sync::lock;

pub(super) async fn access_token(
    State(shared): State<Arc<Shared>>,
    Path(installation_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let mut apps = lock(&shared.apps);
    let index = match apps.verify(&headers) {
        Ok(i) => i,
        Err(message) => return refused_with(401, message),
    };
    let Some((token, issued)) = apps.mint(index, &installation_id) else {
        return not_found();
    };
    let mut permissions = json!({ "metadata": "read" });
    if issued.codespaces_secrets {
        permissions["organization_codespaces_secrets"] = json!("write");
        permissions["codespaces_secrets"] = json!("write");
    }
    let body = json!({
        "token": token,
        // Whole seconds, as GitHub writes them (so never later than the real expiry).
        "expires_at": timestamp(i64::try_from(issued.expires_at / 1000).unwrap_or(i64::MAX)),
        "permissions": permissions,
        "repository_selection": "all",
    });
    (StatusCode::CREATED, axum::Json(body)).into_response()
}

pub(super) async fn org_installation(
    State(shared): State<Arc<Shared>>,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> Response {
    let apps = lock(&shared.apps);
    let index = match apps.verify(&headers) {
        Ok(i) => i,
        Err(message) => return refused_with(401, message),
    };
    let app = &apps.apps[index];
    match &app.installation {
        Some(i) if i.org.eq_ignore_ascii_case(&org) => axum::Json(json!({
            "id": i.id,
            "app_id": app.id,
            "target_type": "Organization",
            "account": { "login": i.org, "type": "Organization" },
            "repository_selection": "all",
        }))
        .into_response(),
        _ => not_found(),
    }
}
