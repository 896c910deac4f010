//! GitHub Apps as the emulator knows them: registered Apps with their RSA keys, their
//! installations on organizations, and the installation tokens they mint.
//!
//! The two App endpoints authenticate with a JWT the App signs (RS256), which this module
//! verifies with its own code (the `rsa` crate, not the provider's signer): signature, `iss`
//! and lifetime, as GitHub does. Installation tokens live as long as the test says
//! ([`Emulator::set_installation_token_lifetime`]); the gate accepts them until then and
//! answers 401 afterwards, and answers 403 on the secrets endpoints to an App registered
//! without the "Codespaces secrets" permission.
//!
//! Generating an RSA key is slow, so keys are made once per process and reused by every
//! emulator in it: the first App of each emulator has the first key, and so on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::sha2::Sha256;
use serde_json::{json, Value as Json};

use crate::routes::refused;
use crate::state::{timestamp, Refusal};
use crate::{lock, Emulator, EmulatorError, Shared};

/// The App endpoints, which take a JWT instead of a token.
const JWT_ROUTES: [&str; 2] = [
    "/app/installations/{installation_id}/access_tokens",
    "/orgs/{org}/installation",
];
/// How far ahead GitHub accepts a JWT's `exp`.
const MAX_JWT_LIFETIME_SECS: u64 = 600;
/// Clock drift tolerated on `iat`.
const IAT_LEEWAY_SECS: u64 = 60;
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);

/// A registered App, as a test needs it to authenticate.
#[derive(Clone)]
pub struct AppInfo {
    /// The App id (the JWT's `iss`).
    pub app_id: u64,
    /// Its installation on the organization, if installed.
    pub installation_id: Option<u64>,
    /// The App's private key, PKCS#1 PEM, as GitHub lets you download it.
    pub private_key_pem: String,
}

impl std::fmt::Debug for AppInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppInfo")
            .field("app_id", &self.app_id)
            .field("installation_id", &self.installation_id)
            .field("private_key_pem", &"***")
            .finish()
    }
}

/// What App to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSpec {
    /// The organization it is installed on (`None`: not installed anywhere).
    pub installed_on: Option<String>,
    /// Whether it has the organization permission "Codespaces secrets: read and write".
    pub codespaces_secrets: bool,
}

impl AppSpec {
    /// An App with the permission, installed nowhere (its key is "another App's key").
    pub fn not_installed() -> Self {
        AppSpec {
            installed_on: None,
            codespaces_secrets: true,
        }
    }
}

struct App {
    id: u64,
    key: rsa::PublicKey,
    installation: Option<Installation>,
    codespaces_secrets: bool,
    pem: String,
}

#[derive(Clone)]
struct Installation {
    id: u64,
    org: String,
}

struct Issued {
    /// Unix milliseconds.
    expires_at: u64,
    codespaces_secrets: bool,
}

/// The Apps of one emulator.
pub(crate) struct Apps {
    /// Where [`Emulator::app`] is installed: the first organization.
    home: Option<String>,
    apps: Vec<App>,
    tokens: HashMap<String, Issued>,
    lifetime: Duration,
    issued: u64,
}

impl Apps {
    pub(crate) fn new(home: Option<String>) -> Self {
        Apps {
            home,
            apps: Vec::new(),
            tokens: HashMap::new(),
            lifetime: DEFAULT_TOKEN_LIFETIME,
            issued: 0,
        }
    }
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The process-wide key `n` (generated on first use) and its PKCS#1 PEM.
fn key(n: usize) -> Result<(rsa::PublicKey, String), EmulatorError> {
    static KEYS: OnceLock<Mutex<Vec<(rsa::PublicKey, String)>>> = OnceLock::new();
    let mut keys = lock(KEYS.get_or_init(Mutex::default));
    while keys.len() <= n {
        let private = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048)
            .map_err(|e| EmulatorError::Key(e.to_string()))?;
        let pem = private
            .to_pkcs1_pem(LineEnding::LF)
            .map_err(|e| EmulatorError::Key(e.to_string()))?;
        keys.push((private.to_public_key(), pem.to_string()));
    }
    Ok(keys[n].clone())
}

/// Whether the request is for an App endpoint (authenticated with a JWT, not a token).
pub(crate) fn uses_jwt(req: &Request, prefix: &str) -> bool {
    req.extensions().get::<MatchedPath>().is_some_and(|m| {
        let route = m.as_str().strip_prefix(prefix).unwrap_or(m.as_str());
        JWT_ROUTES.contains(&route)
    })
}

/// The gate's answer to an installation token it must refuse: 401 once expired, 403 on the
/// secrets endpoints when the App lacks the permission. `None` for any other token.
pub(crate) fn refusal(shared: &Shared, token: &str, path: &str) -> Option<Response> {
    let apps = lock(&shared.apps);
    let issued = apps.tokens.get(token)?;
    if now_millis() >= issued.expires_at {
        return Some(refused(&Refusal {
            status: 401,
            message: "Bad credentials".into(),
            errors: vec![],
        }));
    }
    if !issued.codespaces_secrets && path.contains("/codespaces/secrets") {
        let mut r = refused(&Refusal {
            status: 403,
            message: "Resource not accessible by integration".into(),
            errors: vec![],
        });
        crate::gate::insert(
            r.headers_mut(),
            "x-accepted-github-permissions",
            "codespaces_secrets=write",
        );
        return Some(r);
    }
    None
}

/// Whether `token` is an installation token still alive.
pub(crate) fn accepts(shared: &Shared, token: &str) -> bool {
    lock(&shared.apps)
        .tokens
        .get(token)
        .is_some_and(|i| now_millis() < i.expires_at)
}

/// The App routes (the gate lets them through to check their JWT here).
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(JWT_ROUTES[0], post(access_token))
        .route(JWT_ROUTES[1], get(org_installation))
}

fn unauthorized(message: &str) -> Response {
    refused(&Refusal {
        status: 401,
        message: message.into(),
        errors: vec![],
    })
}

fn not_found() -> Response {
    refused(&Refusal {
        status: 404,
        message: "Not Found".into(),
        errors: vec![],
    })
}

/// Verifies the request's JWT as GitHub does: the App's index, or GitHub's 401 message.
fn verify(apps: &Apps, headers: &HeaderMap) -> Result<usize, &'static str> {
    const UNDECODABLE: &str = "A JSON web token could not be decoded";
    let jwt = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(UNDECODABLE)?;
    let parts: Vec<&str> = jwt.split('.').collect();
    let [head, body, signature] = parts[..] else {
        return Err(UNDECODABLE);
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).ok();
    let json = |part: &str| decode(part).and_then(|b| serde_json::from_slice::<Json>(&b).ok());
    let (Some(head), Some(claims), Some(signature)) = (json(head), json(body), decode(signature))
    else {
        return Err(UNDECODABLE);
    };
    if head["alg"] != "RS256" {
        return Err(UNDECODABLE);
    }
    let iss = match &claims["iss"] {
        Json::Number(n) => n.as_u64(),
        Json::String(s) => s.parse().ok(),
        _ => None,
    };
    let index = iss
        .and_then(|iss| apps.apps.iter().position(|a| a.id == iss))
        .ok_or("Integration not found")?;
    let signed = &jwt[..jwt.len() - parts[2].len() - 1];
    apps.apps[index]
        .key
        .pkcs1v15_verify::<Sha256>(signed.as_bytes(), &signature)
        .map_err(|_| UNDECODABLE)?;
    let now = now_millis() / 1000;
    let (Some(iat), Some(exp)) = (claims["iat"].as_u64(), claims["exp"].as_u64()) else {
        return Err("'Issued at' and 'Expiration time' claims must be integers");
    };
    if iat > now + IAT_LEEWAY_SECS {
        return Err("'Issued at' claim ('iat') must be an Integer representing a time in the past");
    }
    if exp <= now {
        return Err("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
    }
    if exp > now + MAX_JWT_LIFETIME_SECS || exp <= iat {
        return Err("'Expiration time' claim ('exp') is too far in the future");
    }
    Ok(index)
}

async fn access_token(
    State(shared): State<Arc<Shared>>,
    Path(installation_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let mut apps = lock(&shared.apps);
    let index = match verify(&apps, &headers) {
        Ok(i) => i,
        Err(message) => return unauthorized(message),
    };
    let app = &apps.apps[index];
    let installed = app
        .installation
        .as_ref()
        .is_some_and(|i| i.id.to_string() == installation_id);
    if !installed {
        return not_found();
    }
    let codespaces_secrets = app.codespaces_secrets;
    let mut bytes = [0u8; 18];
    if getrandom::fill(&mut bytes).is_err() {
        return refused(&Refusal {
            status: 500,
            message: "Server Error".into(),
            errors: vec![],
        });
    }
    let token = format!(
        "ghs_{}",
        URL_SAFE_NO_PAD.encode(bytes).replace(['-', '_'], "x")
    );
    let lifetime = u64::try_from(apps.lifetime.as_millis()).unwrap_or(u64::MAX);
    let expires_at = now_millis().saturating_add(lifetime);
    apps.tokens.insert(
        token.clone(),
        Issued {
            expires_at,
            codespaces_secrets,
        },
    );
    apps.issued += 1;
    let mut permissions = json!({ "metadata": "read" });
    if codespaces_secrets {
        permissions["organization_codespaces_secrets"] = json!("write");
    }
    let body = json!({
        "token": token,
        // Whole seconds, as GitHub writes them (so never later than the real expiry).
        "expires_at": timestamp(i64::try_from(expires_at / 1000).unwrap_or(i64::MAX)),
        "permissions": permissions,
        "repository_selection": "all",
    });
    (axum::http::StatusCode::CREATED, axum::Json(body)).into_response()
}

async fn org_installation(
    State(shared): State<Arc<Shared>>,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> Response {
    let apps = lock(&shared.apps);
    let index = match verify(&apps, &headers) {
        Ok(i) => i,
        Err(message) => return unauthorized(message),
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

impl Emulator {
    /// The emulator's App, installed on its first organization with the permission
    /// "Codespaces secrets: read and write"; registered on the first call.
    pub fn app(&self) -> Result<AppInfo, EmulatorError> {
        let (first, home) = {
            let apps = lock(&self.shared.apps);
            (apps.apps.first().map(|a| a.id), apps.home.clone())
        };
        match first {
            Some(id) => Ok(self.app_info(id)),
            None => self.register_app(AppSpec {
                installed_on: home,
                codespaces_secrets: true,
            }),
        }
    }

    /// Registers another App, with a key of its own.
    pub fn register_app(&self, spec: AppSpec) -> Result<AppInfo, EmulatorError> {
        let mut apps = lock(&self.shared.apps);
        let n = apps.apps.len();
        let (key, pem) = key(n)?;
        let id = 1_001 + n as u64;
        apps.apps.push(App {
            id,
            key,
            installation: spec.installed_on.map(|org| Installation {
                id: 40_000 + id,
                org,
            }),
            codespaces_secrets: spec.codespaces_secrets,
            pem,
        });
        drop(apps);
        Ok(self.app_info(id))
    }

    fn app_info(&self, id: u64) -> AppInfo {
        let apps = lock(&self.shared.apps);
        let app = apps.apps.iter().find(|a| a.id == id);
        AppInfo {
            app_id: id,
            installation_id: app.and_then(|a| a.installation.as_ref().map(|i| i.id)),
            private_key_pem: app.map(|a| a.pem.clone()).unwrap_or_default(),
        }
    }

    /// How long installation tokens minted from now on live (default an hour; zero: they
    /// are refused from the start, as if expired on arrival).
    pub fn set_installation_token_lifetime(&self, lifetime: Duration) {
        lock(&self.shared.apps).lifetime = lifetime;
    }

    /// How many installation tokens have been minted.
    pub fn installation_tokens_issued(&self) -> u64 {
        lock(&self.shared.apps).issued
    }

    /// Revokes every installation token minted so far (the next call with one gets 401).
    pub fn revoke_installation_tokens(&self) {
        lock(&self.shared.apps).tokens.clear();
    }
}
