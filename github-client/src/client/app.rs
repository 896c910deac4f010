//! GitHub App installation tokens: look the installation up when its id is not given
//! (`GET /orgs/{org}/installation`), exchange a JWT for a token
//! (`POST /app/installations/{id}/access_tokens`), and mint a new one before the current one
//! expires, or when GitHub refuses it. One mutex makes each mint single-flight: concurrent
//! callers wait for it and share its token.
//!
//! These two calls authenticate with a JWT signed for each call (`Jwt`), and go through
//! the same transport as every other call: the same retries of 5xx answers and dropped
//! connections, the same rate-limit waits, caps and redirect rules.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use async_trait::async_trait;
use reqwest::header::HeaderMap;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value as Json;
use tokio::sync::Mutex;

use crate::auth::{Bearer, Jwt};
use crate::clock::parse_rfc3339;
use crate::credentials::{AppAuth, Installation};
use crate::error::{AppError, Caller, Error, Request};
use crate::http::Http;
use crate::urls::Route;

/// The App's own routes.
const ACCESS_TOKENS: &str = "/app/installations/{installation_id}/access_tokens";
const ORG_INSTALLATION: &str = "/orgs/{org}/installation";

/// The longest margin kept before a token's expiry.
const MAX_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Mints and keeps one installation token at a time.
pub(crate) struct Minter {
    auth: AppAuth,
    http: Arc<Http>,
    state: Mutex<Minted>,
}

#[derive(Default)]
struct Minted {
    /// The installation's id, once looked up (when the App's auth gives an organization).
    installation_id: Option<String>,
    live: Option<Live>,
}

struct Live {
    token: SecretString,
    refresh_at: Instant,
}

/// How long a token may be used before it is replaced: its lifetime less a margin of half
/// that lifetime, at most five minutes (so hour-long tokens are replaced five minutes early
/// and one-second tokens after half a second).
pub(crate) fn usable_for(lifetime: Duration) -> Duration {
    lifetime - (lifetime / 2).min(MAX_MARGIN)
}

impl Minter {
    pub(crate) fn new(auth: AppAuth, http: Arc<Http>) -> Self {
        Minter {
            auth,
            http,
            state: Mutex::new(Minted::default()),
        }
    }

    /// The current token, minted first if there is none or it is near its expiry.
    async fn token(&self) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        if let Some(live) = state
            .live
            .as_ref()
            .filter(|l| Instant::now() < l.refresh_at)
        {
            return Ok(live.token.clone());
        }
        self.mint(&mut state).await
    }

    /// A token other than `refused` (which GitHub just answered 401): the one another
    /// caller minted meanwhile, or a new one.
    async fn replace(&self, refused: &SecretString) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        if let Some(live) = state.live.as_ref().filter(|l| {
            l.token.expose_secret() != refused.expose_secret() && Instant::now() < l.refresh_at
        }) {
            return Ok(live.token.clone());
        }
        tracing::info!(
            app_id = %self.auth.app_id,
            "GitHub refused the App's installation token: minting a new one"
        );
        self.mint(&mut state).await
    }

    async fn mint(&self, state: &mut Minted) -> Result<SecretString, Error> {
        state.live = None;
        let installation_id = match (&state.installation_id, &self.auth.installation) {
            (Some(id), _) | (None, Installation::Id(id)) => id.clone(),
            (None, Installation::OnOrganization(org)) => {
                let id = self.look_up(org).await?;
                state.installation_id = Some(id.clone());
                id
            }
        };
        let route = self.http.route(ACCESS_TOKENS, &[&installation_id])?;
        let (request, body, headers) = self
            .call(Method::POST, route, |request| {
                AppError::NoSuchInstallation {
                    request,
                    app_id: self.auth.app_id.clone(),
                    installation_id: installation_id.clone(),
                }
            })
            .await?;
        let token = body
            .get("token")
            .and_then(Json::as_str)
            .filter(|t| !t.is_empty());
        let expires_at = body
            .get("expires_at")
            .and_then(Json::as_str)
            .and_then(parse_rfc3339);
        let (Some(token), Some(expires_at)) = (token, expires_at) else {
            return Err(AppError::Decode {
                request,
                message: "no `token` and `expires_at` in the answer".into(),
            }
            .into());
        };
        let token = SecretString::from(token);
        // GitHub's own clock (the Date header) measures the lifetime, so a skewed local
        // clock does not shorten or stretch it.
        let now = server_date(&headers).unwrap_or_else(SystemTime::now);
        let lifetime = expires_at.duration_since(now).unwrap_or_default();
        let usable = usable_for(lifetime);
        tracing::info!(
            app_id = %self.auth.app_id,
            installation_id = %installation_id,
            expires_in_s = lifetime.as_secs(),
            renewed_in_s = usable.as_secs(),
            "minted a GitHub App installation token"
        );
        state.live = Some(Live {
            token: token.clone(),
            refresh_at: Instant::now() + usable,
        });
        Ok(token)
    }

    /// `GET /orgs/{org}/installation`: the id of the App's installation on `org`.
    async fn look_up(&self, org: &str) -> Result<String, Error> {
        let route = self.http.route(ORG_INSTALLATION, &[org])?;
        let (request, body, _) = self
            .call(Method::GET, route, |request| AppError::NotInstalled {
                request,
                app_id: self.auth.app_id.clone(),
                org: org.to_string(),
            })
            .await?;
        body.get("id")
            .and_then(|id| id.as_u64().map(|n| n.to_string()))
            .ok_or_else(|| {
                AppError::Decode {
                    request,
                    message: "no installation `id` in the answer".into(),
                }
                .into()
            })
    }

    /// What GitHub's refusal means for the App; other failures (server errors after their
    /// retries, no answer, rate limits, a hostile server) as they are.
    fn refusal(&self, request: Request, err: Error) -> Error {
        let Some(api) = err.api().filter(|a| a.status < 500) else {
            return err;
        };
        let message = api.message.clone();
        if api.status == 401 {
            return AppError::Refused {
                request,
                message,
                app_id: self.auth.app_id.clone(),
                installation: self.auth.installation.to_string(),
            }
            .into();
        }
        AppError::Failed {
            request,
            status: api.status,
            message,
        }
        .into()
    }

    /// One of the App's own calls, through the client's transport with a JWT: the request,
    /// the answer's JSON body (null when it is not JSON) and headers. A 404 is `not_found`,
    /// another refusal what it means for the App.
    async fn call(
        &self,
        method: Method,
        route: Route,
        not_found: impl FnOnce(Request) -> AppError,
    ) -> Result<(Request, Json, HeaderMap), Error> {
        let request = route.request(&method);
        match self.http.send(&Jwt(&self.auth), method, route, None).await {
            Ok(a) => {
                let body = serde_json::from_slice(&a.body).unwrap_or(Json::Null);
                Ok((request, body, a.headers))
            }
            Err(e) if e.is_not_found() => Err(not_found(request).into()),
            Err(e) => Err(self.refusal(request, e)),
        }
    }
}

fn server_date(headers: &HeaderMap) -> Option<SystemTime> {
    let text = headers.get(reqwest::header::DATE)?.to_str().ok()?;
    httpdate::parse_http_date(text).ok()
}

#[async_trait]
impl Bearer for Minter {
    async fn bearer(&self) -> Result<SecretString, Error> {
        self.token().await
    }

    async fn renew(&self, refused: &SecretString) -> Option<Result<SecretString, Error>> {
        Some(self.replace(refused).await)
    }

    fn caller(&self) -> Caller {
        Caller::App
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_replaced_early_by_a_margin_that_scales_with_their_lifetime() {
        let secs = Duration::from_secs;
        assert_eq!(usable_for(secs(3600)), secs(3300));
        assert_eq!(usable_for(secs(600)), secs(300));
        assert_eq!(usable_for(secs(1)), Duration::from_millis(500));
        assert_eq!(usable_for(Duration::ZERO), Duration::ZERO);
    }
}
