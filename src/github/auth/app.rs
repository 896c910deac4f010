//! GitHub App installation tokens: look the installation up when its id is not given
//! (`GET /orgs/{org}/installation`), exchange a JWT for a token
//! (`POST /app/installations/{id}/access_tokens`), and mint a new one before the current one
//! expires, or when GitHub refuses it. One mutex makes each mint single-flight: concurrent
//! callers wait for it and share its token.
//!
//! These two calls authenticate with the JWT, not a token, so they are sent here rather
//! than through the retrying transport (whose every call needs a token from here).

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION};
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value as Json;
use tokio::sync::Mutex;

use super::key::{AppKey, KeyError};
use super::{authorization, join};
use crate::github::headers::now_secs;
use crate::github::http::{without_url, API_VERSION};

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

/// Why no installation token could be had. Never holds a JWT, a token or the key.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// GitHub refused the JWT.
    #[error("{call}: HTTP 401: {message}. GitHub refused the credentials of App {app_id} ({installation}): check that the private key is this App's (and not revoked) and that the App is installed on the organization.")]
    Refused {
        /// The call.
        call: String,
        /// GitHub's message.
        message: String,
        /// The App id.
        app_id: String,
        /// Which installation.
        installation: Installation,
    },
    /// The App has no installation on the organization.
    #[error("{call}: HTTP 404: the App is not installed on organization {org} (App {app_id}). Install it on the organization (the App's settings, \"Install App\"), or check the App id and the organization.")]
    NotInstalled {
        /// The call.
        call: String,
        /// The App id.
        app_id: String,
        /// The organization.
        org: String,
    },
    /// The installation id is not one of the App's.
    #[error("{call}: HTTP 404: the App {app_id} has no installation {installation_id}. Check the installation id (the number at the end of the installation's settings URL), or leave it out to look it up.")]
    NoSuchInstallation {
        /// The call.
        call: String,
        /// The App id.
        app_id: String,
        /// The installation id.
        installation_id: String,
    },
    /// Any other error answer.
    #[error("{call}: HTTP {status}: {message}")]
    Failed {
        /// The call.
        call: String,
        /// The status.
        status: u16,
        /// GitHub's message.
        message: String,
    },
    /// No answer.
    #[error("{call}: could not reach GitHub: {message}. Check the network and the base URL.")]
    Transport {
        /// The call.
        call: String,
        /// The transport's message.
        message: String,
    },
    /// An answer without what the API promises.
    #[error("{call}: unexpected answer from GitHub: {message}")]
    Decode {
        /// The call.
        call: String,
        /// What was wrong.
        message: String,
    },
    /// The key could not sign.
    #[error("the App's private key cannot be used: {0}")]
    Key(#[from] KeyError),
}

/// Mints and keeps one installation token at a time.
pub(crate) struct Minter {
    auth: AppAuth,
    http: reqwest::Client,
    base: Url,
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
    pub(crate) fn new(auth: AppAuth, http: reqwest::Client, base: Url) -> Self {
        let installation_id = match &auth.installation {
            Installation::Id(id) => Some(id.clone()),
            Installation::OnOrganization(_) => None,
        };
        Minter {
            auth,
            http,
            base,
            state: Mutex::new(Minted {
                installation_id,
                live: None,
            }),
        }
    }

    /// The current token, minted first if there is none or it is near its expiry.
    pub(crate) async fn token(&self) -> Result<SecretString, AppError> {
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
    pub(crate) async fn replace(&self, refused: &SecretString) -> Result<SecretString, AppError> {
        let mut state = self.state.lock().await;
        if let Some(live) = state.live.as_ref().filter(|l| {
            l.token.expose_secret() != refused.expose_secret() && Instant::now() < l.refresh_at
        }) {
            return Ok(live.token.clone());
        }
        self.mint(&mut state).await
    }

    async fn mint(&self, state: &mut Minted) -> Result<SecretString, AppError> {
        state.live = None;
        let installation_id = match &state.installation_id {
            Some(id) => id.clone(),
            None => {
                let id = self.look_up().await?;
                state.installation_id = Some(id.clone());
                id
            }
        };
        let url = join(
            &self.base,
            &["app", "installations", &installation_id, "access_tokens"],
        );
        let (call, status, headers, body) = self.send(Method::POST, url).await?;
        match status {
            StatusCode::CREATED | StatusCode::OK => {}
            StatusCode::NOT_FOUND => {
                return Err(AppError::NoSuchInstallation {
                    call,
                    app_id: self.auth.app_id.clone(),
                    installation_id,
                })
            }
            _ => return Err(self.refusal(call, status, &body)),
        }
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
            });
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
    async fn look_up(&self) -> Result<String, AppError> {
        let Installation::OnOrganization(org) = &self.auth.installation else {
            return Err(AppError::Decode {
                call: "installation lookup".into(),
                message: "no organization to look the installation up on".into(),
            });
        };
        let url = join(&self.base, &["orgs", org, "installation"]);
        let (call, status, _, body) = self.send(Method::GET, url).await?;
        match status {
            StatusCode::OK => body
                .get("id")
                .and_then(|id| id.as_u64().map(|n| n.to_string()))
                .ok_or_else(|| AppError::Decode {
                    call,
                    message: "no installation `id` in the answer".into(),
                }),
            StatusCode::NOT_FOUND => Err(AppError::NotInstalled {
                call,
                app_id: self.auth.app_id.clone(),
                org: org.clone(),
            }),
            _ => Err(self.refusal(call, status, &body)),
        }
    }

    fn refusal(&self, call: String, status: StatusCode, body: &Json) -> AppError {
        let message = body
            .get("message")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        if status == StatusCode::UNAUTHORIZED {
            return AppError::Refused {
                call,
                message,
                app_id: self.auth.app_id.clone(),
                installation: self.auth.installation.clone(),
            };
        }
        AppError::Failed {
            call,
            status: status.as_u16(),
            message,
        }
    }

    /// One call with a fresh JWT: its description, status, headers and JSON body.
    async fn send(
        &self,
        method: Method,
        url: Url,
    ) -> Result<(String, StatusCode, HeaderMap, Json), AppError> {
        let call = format!("{method} {}", url.path());
        let jwt = self.auth.key.jwt(&self.auth.app_id, now_secs())?;
        let header = authorization(&jwt).map_err(|_| KeyError::Sign)?;
        let sent = self
            .http
            .request(method, url)
            .header(AUTHORIZATION, header)
            .header(ACCEPT, "application/vnd.github+json")
            .header("X-GitHub-Api-Version", API_VERSION)
            .send()
            .await;
        let transport = |e: reqwest::Error| AppError::Transport {
            call: call.clone(),
            message: without_url(&e),
        };
        let resp = sent.map_err(transport)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.map_err(transport)?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Json::Null);
        Ok((call, status, headers, body))
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
