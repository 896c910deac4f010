//! What the client's tests share: the emulator's default organization and token, the
//! organization as a secret home, a [`NoWait`] sleeper that records the waits asked for,
//! values written the way a caller writes them (the key fetched, the value sealed), secrets
//! created concurrently, and a way to say what a test skips.
#![allow(dead_code)]

use std::sync::Mutex;
use std::time::Duration;

use github_client::{
    Client, Error, Grants, PublicKey, SecretHome, SecretValue, Sleeper, Visibility, Written,
};

pub const ORG: &str = "acme";
pub const TOKEN: &str = "test-token";

/// The organization's secrets.
pub fn home() -> SecretHome {
    SecretHome::organization(ORG)
}

/// Writes a line to the real stderr: cargo test captures `eprintln!` of passing tests, and
/// what a test skips must never be silent.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A client `Sleeper` that records the waits asked for and returns at once.
#[derive(Default)]
pub struct NoWait(pub Mutex<Vec<Duration>>);

#[async_trait::async_trait]
impl Sleeper for NoWait {
    async fn sleep(&self, d: Duration) {
        self.0.lock().unwrap().push(d);
    }
}

impl NoWait {
    pub fn waits(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

/// Writes `text` as secret `name` of `ORG`: fetches the public key, then writes the value
/// sealed with it (two requests).
pub async fn put_value(
    c: &Client,
    name: &str,
    text: &[u8],
    visibility: Visibility,
    grants: impl Into<Grants>,
) -> Result<Written, Error> {
    let key = c.get_public_key(&home()).await?;
    put_sealed(c, &key, name, text, visibility, grants).await
}

/// Writes `text` as secret `name` of `ORG`, sealed with `key` (one request).
pub async fn put_sealed(
    c: &Client,
    key: &PublicKey,
    name: &str,
    text: &[u8],
    visibility: Visibility,
    grants: impl Into<Grants>,
) -> Result<Written, Error> {
    let value = SecretValue::Plain {
        plaintext: text,
        key,
    };
    c.write_secret(&home(), name, value, Some(visibility), grants)
        .await
}

/// Creates secrets `S0`..`S{n-1}` of `ORG` at once through `c` (the public key fetched
/// once), each required to succeed.
pub async fn put_concurrently(c: &Client, n: usize) {
    let key = c.get_public_key(&home()).await.unwrap();
    let writes = (0..n).map(|i| {
        let (c, key) = (c.clone(), key.clone());
        async move {
            let value = SecretValue::Plain {
                plaintext: b"v",
                key: &key,
            };
            c.write_secret(
                &home(),
                &format!("S{i}"),
                value,
                Some(Visibility::All),
                None,
            )
            .await
        }
    });
    for r in futures::future::join_all(writes).await {
        r.unwrap();
    }
}
