//! What the client's tests share: the emulator's default organization and token, a
//! [`NoWait`] sleeper that records the waits asked for, secrets created concurrently, and a
//! way to say what a test skips.
#![allow(dead_code)]

use std::sync::Mutex;
use std::time::Duration;

use github_client::Sleeper;

pub const ORG: &str = "acme";
pub const TOKEN: &str = "test-token";

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

/// Creates secrets `S0`..`S{n-1}` of `ORG` at once through `c`, each required to succeed.
pub async fn put_concurrently(c: &github_client::Client, n: usize) {
    let writes = (0..n).map(|i| {
        let c = c.clone();
        async move {
            c.put_secret_value(
                ORG,
                &format!("S{i}"),
                b"v",
                github_client::Visibility::All,
                None,
            )
            .await
        }
    });
    for r in futures::future::join_all(writes).await {
        r.unwrap();
    }
}
