//! GitHub Apps as the emulator knows them: registered Apps with their RSA keys, their
//! installations on organizations, and the installation tokens they mint.
//!
//! The two App endpoints (answered in `routes/apps.rs`) authenticate with a JWT the App
//! signs (RS256), which this module verifies with its own code (the `rsa` crate, not the
//! provider's signer): signature, `iss` and lifetime, as GitHub does. Installation tokens
//! live as long as the test says; `auth.rs` accepts them until then and answers 401
//! afterwards.
//!
//! Generating an RSA key is slow, so keys are made once per process and reused by every
//! emulator in it: the first App of each emulator has the first key, and so on.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
use rsa::sha2::Sha256;
use serde_json::Value as Json;

use crate::config::EmulatorError;
use crate::sync::lock;

/// The App endpoints, which take a JWT instead of a token.
pub(crate) const JWT_ROUTES: [&str; 2] = [
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
    /// Whether it has the permission "Codespaces secrets: read and write" (organization and
    /// repository).
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

pub(crate) struct App {
    pub(crate) id: u64,
    key: rsa::PublicKey,
    pub(crate) installation: Option<Installation>,
    codespaces_secrets: bool,
    pem: String,
}

#[derive(Clone)]
pub(crate) struct Installation {
    pub(crate) id: u64,
    pub(crate) org: String,
}

/// An installation token minted.
#[derive(Clone)]
pub(crate) struct Issued {
    /// Unix milliseconds.
    pub(crate) expires_at: u64,
    /// Whether its App has the Codespaces secrets permission.
    pub(crate) codespaces_secrets: bool,
    /// The organization it is installed on.
    pub(crate) org: String,
}

/// The Apps of one emulator.
pub(crate) struct Apps {
    /// Where the emulator's own App is installed: the first organization.
    pub(crate) home: Option<String>,
    pub(crate) apps: Vec<App>,
    tokens: HashMap<String, Issued>,
    pub(crate) lifetime: Duration,
    pub(crate) issued: u64,
}

pub(crate) fn now_millis() -> u64 {
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

    /// Registers an App with a key of its own; answers its id.
    pub(crate) fn register(&mut self, spec: AppSpec) -> Result<u64, EmulatorError> {
        let n = self.apps.len();
        let (key, pem) = key(n)?;
        let id = 1_001 + n as u64;
        self.apps.push(App {
            id,
            key,
            installation: spec.installed_on.map(|org| Installation {
                id: 40_000 + id,
                org,
            }),
            codespaces_secrets: spec.codespaces_secrets,
            pem,
        });
        Ok(id)
    }

    /// What a test needs to know of App `id`.
    pub(crate) fn info(&self, id: u64) -> AppInfo {
        let app = self.apps.iter().find(|a| a.id == id);
        AppInfo {
            app_id: id,
            installation_id: app.and_then(|a| a.installation.as_ref().map(|i| i.id)),
            private_key_pem: app.map(|a| a.pem.clone()).unwrap_or_default(),
        }
    }

    /// The installation token `token`, if one was minted and not revoked (alive or not).
    pub(crate) fn token(&self, token: &str) -> Option<Issued> {
        self.tokens.get(token).cloned()
    }

    /// Revokes every installation token minted so far.
    pub(crate) fn revoke(&mut self) {
        self.tokens.clear();
    }

    /// Mints a token for installation `installation_id` of App `index`: the token and what
    /// it carries, or `None` when the App is not installed there.
    pub(crate) fn mint(&mut self, index: usize, installation_id: &str) -> Option<(String, Issued)> {
        let app = &self.apps[index];
        let org = app
            .installation
            .as_ref()
            .filter(|i| i.id.to_string() == installation_id)?
            .org
            .clone();
        let codespaces_secrets = app.codespaces_secrets;
        let mut bytes = [0u8; 18];
        getrandom::fill(&mut bytes).ok()?;
        let token = format!(
            "ghs_{}",
            URL_SAFE_NO_PAD.encode(bytes).replace(['-', '_'], "x")
        );
        let lifetime = u64::try_from(self.lifetime.as_millis()).unwrap_or(u64::MAX);
        let issued = Issued {
            expires_at: now_millis().saturating_add(lifetime),
            codespaces_secrets,
            org,
        };
        self.tokens.insert(token.clone(), issued.clone());
        self.issued += 1;
        Some((token, issued))
    }

    /// Verifies the request's JWT as GitHub does: the App's index, or GitHub's 401 message.
    pub(crate) fn verify(&self, headers: &HeaderMap) -> Result<usize, &'static str> {
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
        let (Some(head), Some(claims), Some(signature)) =
            (json(head), json(body), decode(signature))
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
            .and_then(|iss| self.apps.iter().position(|a| a.id == iss))
            .ok_or("Integration not found")?;
        let signed = &jwt[..jwt.len() - parts[2].len() - 1];
        self.apps[index]
            .key
            .pkcs1v15_verify::<Sha256>(signed.as_bytes(), &signature)
            .map_err(|_| UNDECODABLE)?;
        let now = now_millis() / 1000;
        let (Some(iat), Some(exp)) = (claims["iat"].as_u64(), claims["exp"].as_u64()) else {
            return Err("'Issued at' and 'Expiration time' claims must be integers");
        };
        if iat > now + IAT_LEEWAY_SECS {
            return Err(
                "'Issued at' claim ('iat') must be an Integer representing a time in the past",
            );
        }
        if exp <= now {
            return Err("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
        }
        if exp > now + MAX_JWT_LIFETIME_SECS || exp <= iat {
            return Err("'Expiration time' claim ('exp') is too far in the future");
        }
        Ok(index)
    }
}
