//! Helpers for the emulator's own tests: a raw HTTP caller that sends what a GitHub client
//! sends (token, User-Agent, Accept), and sealing with the key a home publishes, in every
//! scope (organization, repository, user).
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use github_emulator::{Emulator, EmulatorConfig, Faults, Home, SecondaryLimits};
use reqwest::header::HeaderMap;
use serde_json::Value;

pub const ORG: &str = "acme";
pub const TOKEN: &str = "test-token";
/// The config's user, whose the token is.
pub const USER: &str = "octocat";
/// A repository of the organization.
pub const REPO: &str = "api";

/// The secrets of [`REPO`].
pub fn repo_home() -> Home {
    Home::repo(ORG, REPO)
}

/// The secrets of [`USER`].
pub fn user_home() -> Home {
    Home::user(USER)
}

/// The path of `home`'s secrets list.
pub fn secrets_path(home: &Home) -> String {
    match home {
        Home::Org(org) => format!("/orgs/{org}/codespaces/secrets"),
        Home::Repo { owner, repo } => format!("/repos/{owner}/{repo}/codespaces/secrets"),
        Home::User(_) => "/user/codespaces/secrets".into(),
    }
}

pub struct Api {
    pub emu: Emulator,
    pub http: reqwest::Client,
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Its `Retry-After`, in seconds.
    pub fn retry_after(&self) -> u64 {
        self.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    }
}

/// GitHub's per-endpoint secondary limits with `points` per window of `window_secs`.
pub fn secondary_limits(points: u32, window_secs: u64) -> Faults {
    Faults {
        secondary_limits: Some(SecondaryLimits {
            points,
            window: std::time::Duration::from_secs(window_secs),
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    }
}

impl Api {
    pub fn start() -> Api {
        Api::with(EmulatorConfig::default())
    }

    pub fn with(config: EmulatorConfig) -> Api {
        Api {
            emu: Emulator::start(config).unwrap(),
            http: reqwest::Client::new(),
        }
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        self.call_as(TOKEN, method, path, body).await
    }

    pub async fn call_as(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        self.call_with(
            method,
            path,
            body,
            &[
                ("authorization", &format!("Bearer {token}")),
                ("user-agent", "tests"),
            ],
        )
        .await
    }

    pub async fn call_with(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let url = format!("{}{path}", self.emu.base_url());
        let mut req = self
            .http
            .request(method.parse().unwrap(), url)
            .header("accept", "application/vnd.github+json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn seal(&self, text: &[u8]) -> (String, String) {
        self.seal_for(ORG, text)
    }

    /// `text` sealed for `home`'s published key: `(encrypted_value, key_id)`.
    pub fn seal_for(&self, home: impl Into<Home>, text: &[u8]) -> (String, String) {
        let (key_id, key) = self.emu.public_key(home).unwrap();
        let bytes: [u8; 32] = STANDARD.decode(key).unwrap().try_into().unwrap();
        let sealed = crypto_box::PublicKey::from(bytes)
            .seal(&mut crypto_box::aead::OsRng, text)
            .unwrap();
        (STANDARD.encode(sealed), key_id)
    }

    pub async fn put(
        &self,
        name: &str,
        text: &[u8],
        visibility: &str,
        ids: Option<Vec<i64>>,
    ) -> Reply {
        let (value, key_id) = self.seal(text);
        let mut body = serde_json::json!({"encrypted_value": value, "key_id": key_id, "visibility": visibility});
        if let Some(ids) = ids {
            body["selected_repository_ids"] = serde_json::json!(ids);
        }
        self.call(
            "PUT",
            &format!("/orgs/{ORG}/codespaces/secrets/{name}"),
            Some(body),
        )
        .await
    }

    /// PUTs secret `name` of `home` with `text` sealed for it, and `extra` fields.
    pub async fn put_in(&self, home: &Home, name: &str, text: &[u8], extra: Value) -> Reply {
        let (value, key_id) = self.seal_for(home, text);
        let mut body = serde_json::json!({"encrypted_value": value, "key_id": key_id});
        for (k, v) in extra.as_object().into_iter().flatten() {
            body[k] = v.clone();
        }
        let path = format!("{}/{name}", secrets_path(home));
        self.call("PUT", &path, Some(body)).await
    }

    pub fn repo_ids(&self) -> Vec<i64> {
        self.emu.repositories(ORG).iter().map(|r| r.id).collect()
    }
}
