//! The GitHub CLI as the last source of a token: `gh auth token --hostname HOST`, where HOST
//! is `github.com` for the public API, `SUBDOMAIN.ghe.com` for an enterprise on GHE.com, and
//! otherwise the API's own host.
//! Run with a timeout and no input; its output is read as a secret.

use std::process::Stdio;
use std::time::Duration;

use secrecy::zeroize::Zeroizing;
use secrecy::SecretString;
use tokio::process::Command;

use crate::credentials::Credentials;

/// How long `gh` may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Why `gh` gave no token. Never holds its output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GhError {
    /// `gh` is not on `PATH`.
    #[error("gh is not on PATH")]
    NotInstalled,
    /// `gh` could not be started.
    #[error("gh could not be started: {0}")]
    Start(String),
    /// `gh` exited with a failure (typically: not logged in to that host).
    #[error("`gh auth token --hostname {host}` failed ({status}); run `gh auth login --hostname {host}`")]
    Failed {
        /// The host asked for.
        host: String,
        /// How it exited.
        status: String,
    },
    /// `gh` printed nothing usable.
    #[error("`gh auth token --hostname {0}` printed no token")]
    Empty(String),
    /// `gh` did not finish in time.
    #[error("`gh auth token` did not finish within {}s", TIMEOUT.as_secs())]
    TimedOut,
    /// The API root names no host `gh` could know.
    #[error("the API's base URL names no host to ask gh about")]
    NoHost,
}

/// The GitHub CLI's credentials for the API at `base_url`.
pub async fn gh_credentials(base_url: &str) -> Result<Credentials, GhError> {
    let host = gh_host(base_url).ok_or(GhError::NoHost)?;
    let token = gh_token(&host).await?;
    tracing::info!(hostname = %host, "using the GitHub CLI's token (gh auth token)");
    Ok(Credentials::Gh { host, token })
}

/// The host `gh` knows the API root `base_url` by: the host without its `api.` for
/// `api.github.com` and `api.SUBDOMAIN.ghe.com` (where `gh auth login` logs in), otherwise
/// the URL's host.
fn gh_host(base_url: &str) -> Option<String> {
    let url = url::Url::parse(base_url).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let web = host
        .strip_prefix("api.")
        .filter(|web| *web == "github.com" || web.ends_with(".ghe.com"));
    Some(web.unwrap_or(&host).to_string())
}

/// The token `gh` holds for `host`.
async fn gh_token(host: &str) -> Result<SecretString, GhError> {
    let child = Command::new("gh")
        .args(["auth", "token", "--hostname", host])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GhError::NotInstalled,
            _ => GhError::Start(e.to_string()),
        })?;
    let out = tokio::time::timeout(TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| GhError::TimedOut)?
        .map_err(|e| GhError::Start(e.to_string()))?;
    if !out.status.success() {
        return Err(GhError::Failed {
            host: host.to_string(),
            status: out.status.to_string(),
        });
    }
    let stdout = Zeroizing::new(out.stdout);
    let token = std::str::from_utf8(&stdout).map_or("", str::trim);
    if token.is_empty() || token.contains(char::is_whitespace) {
        return Err(GhError::Empty(host.to_string()));
    }
    Ok(SecretString::from(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_named_as_gh_knows_them() {
        assert_eq!(
            gh_host("https://api.github.com").as_deref(),
            Some("github.com")
        );
        assert_eq!(
            gh_host("https://api.octocorp.ghe.com").as_deref(),
            Some("octocorp.ghe.com")
        );
        assert_eq!(
            gh_host("http://127.0.0.1:8080").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(gh_host("not a url"), None);
    }
}
