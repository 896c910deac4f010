//! Helpers for the emulator's own tests: a raw HTTP caller that sends what a GitHub client
//! sends (token, User-Agent, Accept), and sealing with the emulator's published key.
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use github_emulator::{Emulator, EmulatorConfig};
use reqwest::header::HeaderMap;
use serde_json::Value;

pub const ORG: &str = "acme";
pub const TOKEN: &str = "test-token";

pub struct Api {
    pub emu: Emulator,
    pub http: reqwest::Client,
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
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
        self.call_with(
            method,
            path,
            body,
            &[
                ("authorization", &format!("Bearer {TOKEN}")),
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
        let (key_id, key) = self.emu.public_key(ORG).unwrap();
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

    pub fn repo_ids(&self) -> Vec<i64> {
        self.emu.repositories(ORG).iter().map(|r| r.id).collect()
    }
}
