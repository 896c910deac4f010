//! GitHub App installation tokens: look the installation up when its id is not given
//! (`GET /orgs/{org}/installation`), exchange a JWT for a token
//! (`POST /app/installations/{id}/access_tokens`), and mint a new one before the current one
//! expires, or when GitHub refuses it. One mutex makes each mint single-flight: concurrent
//! callers wait for it and share its token.
//!
//! These two calls authenticate with a JWT signed for each call ([`Jwt`]), and go through
//! the same transport as every other call: the same retries of 5xx answers and dropped
//! connections, the same rate-limit waits, caps and redirect rules.

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use async_trait::async_trait;
use reqwest::header::HeaderMap;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value as Json;
use tokio::sync::Mutex;

pub use super::app_error::AppError;
use super::key::AppKey;
use super::Credentials;
use crate::github::error::Error;
use crate::github::headers::now_secs;
use crate::github::http::Http;

/// The longest margin kept before a token's expiry.
const MAX_MARGIN: Duration = Duration::from_secs(5 * 60);

/// How to authenticate as a GitHub App installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppAuth {
    /// The App id (or client id): the JWT's `iss`.
    pub app_id: String,
    /// Which installation's tokens to mint.
    pub installation: Installation,
    /// The App's private key.
    pub key: AppKey,
}

/// Which installation of the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installation {
    /// A known installation id.
    Id(String),
    /// The App's installation on this organization, looked up once.
    OnOrganization(String),
}

impl fmt::Display for Installation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Installation::Id(id) => write!(f, "installation {id}"),
            Installation::OnOrganization(org) => write!(f, "its installation on {org}"),
        }
    }
}

/// An App's own calls: a JWT, freshly signed, as the bearer; renewed once after a 401 (its
/// clock may have drifted past the JWT's lifetime during long waits).
struct Jwt<'a>(&'a AppAuth);

impl Jwt<'_> {
    fn sign(&self) -> Result<SecretString, Error> {
        Ok(self
            .0
            .key
            .jwt(&self.0.app_id, now_secs())
            .map_err(AppError::from)?)
    }
}

#[async_trait]
impl Credentials for Jwt<'_> {
    async fn bearer(&self, _: &Http) -> Result<SecretString, Error> {
        self.sign()
    }

    async fn renew(&self, _: &Http, _: &SecretString) -> Option<Result<SecretString, Error>> {
        Some(self.sign())
    }

    fn spends_the_budget(&self) -> bool {
        false
    }
}

/// Mints and keeps one installation token at a time.
pub(crate) struct Minter {
    auth: AppAuth,
    state: Mutex<Minted>,
}

#[derive(Default)]
struct Minted {
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
    pub(crate) fn new(auth: AppAuth) -> Self {
        let installation_id = match &auth.installation {
            Installation::Id(id) => Some(id.clone()),
            Installation::OnOrganization(_) => None,
        };
        Minter {
            auth,
            state: Mutex::new(Minted {
                installation_id,
                live: None,
            }),
        }
    }

    /// The current token, minted first if there is none or it is near its expiry.
    pub(crate) async fn token(&self, http: &Http) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        if let Some(live) = state
            .live
            .as_ref()
            .filter(|l| Instant::now() < l.refresh_at)
        {
            return Ok(live.token.clone());
        }
        self.mint(http, &mut state).await
    }

    /// A token other than `refused` (which GitHub just answered 401): the one another
    /// caller minted meanwhile, or a new one.
    pub(crate) async fn replace(
        &self,
        http: &Http,
        refused: &SecretString,
    ) -> Result<SecretString, Error> {
        let mut state = self.state.lock().await;
        if let Some(live) = state.live.as_ref().filter(|l| {
            l.token.expose_secret() != refused.expose_secret() && Instant::now() < l.refresh_at
        }) {
            return Ok(live.token.clone());
        }
        self.mint(http, &mut state).await
    }

    async fn mint(&self, http: &Http, state: &mut Minted) -> Result<SecretString, Error> {
        state.live = None;
        let installation_id = match &state.installation_id {
            Some(id) => id.clone(),
            None => {
                let id = self.look_up(http).await?;
                state.installation_id = Some(id.clone());
                id
            }
        };
        let url = http.url(&["app", "installations", &installation_id, "access_tokens"])?;
        let (call, body, headers) = self
            .call(http, Method::POST, url, |call| {
                AppError::NoSuchInstallation {
                    call,
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
                call,
                message: "no `token` and `expires_at` in the answer".into(),
            }
            .into());
        };
        let token = SecretString::from(token);
        // GitHub's own clock (the Date header) measures the lifetime, so a skewed local
        // clock does not shorten or stretch it.
        let now = server_date(&headers).unwrap_or_else(SystemTime::now);
        let lifetime = expires_at.duration_since(now).unwrap_or_default();
        state.live = Some(Live {
            token: token.clone(),
            refresh_at: Instant::now() + usable_for(lifetime),
        });
        Ok(token)
    }

    /// `GET /orgs/{org}/installation`: the installation id.
    async fn look_up(&self, http: &Http) -> Result<String, Error> {
        let Installation::OnOrganization(org) = &self.auth.installation else {
            return Err(AppError::Decode {
                call: "installation lookup".into(),
                message: "no organization to look the installation up on".into(),
            }
            .into());
        };
        let url = http.url(&["orgs", org, "installation"])?;
        let (call, body, _) = self
            .call(http, Method::GET, url, |call| AppError::NotInstalled {
                call,
                app_id: self.auth.app_id.clone(),
                org: org.clone(),
            })
            .await?;
        body.get("id")
            .and_then(|id| id.as_u64().map(|n| n.to_string()))
            .ok_or_else(|| {
                AppError::Decode {
                    call,
                    message: "no installation `id` in the answer".into(),
                }
                .into()
            })
    }

    /// What GitHub's refusal means for the App; other failures (server errors after their
    /// retries, no answer, rate limits, a hostile server) as they are.
    fn refusal(&self, call: String, err: Error) -> Error {
        let Some(api) = err.api().filter(|a| a.status < 500) else {
            return err;
        };
        let message = api.message.clone();
        if api.status == 401 {
            return AppError::Refused {
                call,
                message,
                app_id: self.auth.app_id.clone(),
                installation: self.auth.installation.clone(),
            }
            .into();
        }
        AppError::Failed {
            call,
            status: api.status,
            message,
        }
        .into()
    }

    /// One of the App's own calls, through the client's transport with a JWT: its
    /// description (`POST /path`), JSON body and headers. A 404 is `not_found`, another
    /// refusal what it means for the App.
    async fn call(
        &self,
        http: &Http,
        method: Method,
        url: reqwest::Url,
        not_found: impl FnOnce(String) -> AppError,
    ) -> Result<(String, Json, HeaderMap), Error> {
        let call = format!("{method} {}", url.path());
        match http.send_as(&Jwt(&self.auth), method, url, None).await {
            Ok(a) => {
                let body = serde_json::from_slice(&a.body).unwrap_or(Json::Null);
                Ok((call, body, a.headers))
            }
            Err(e) if e.is_not_found() => Err(not_found(call).into()),
            Err(e) => Err(self.refusal(call, e)),
        }
    }
}

fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(SystemTime::from)
}

fn server_date(headers: &HeaderMap) -> Option<SystemTime> {
    let text = headers.get(reqwest::header::DATE)?.to_str().ok()?;
    httpdate::parse_http_date(text).ok()
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

    #[test]
    fn github_timestamps_parse() {
        let t = parse_rfc3339("2026-11-27T12:00:01Z").unwrap();
        let unix = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(unix % 60, 1);
        assert!(parse_rfc3339("tomorrow").is_none());
    }
}
