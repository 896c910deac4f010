//! The `provider "codespaces"` block: `owner`, `token`, `base_url`, `max_retries`, each with
//! its environment variable, and the `app_auth` block (see `auth.rs`), checked at validate
//! time where the value is known. Missing credentials are not an error here: only an
//! operation that needs the API reports them.
//!
//! A setting Terraform does not know yet (it comes from a resource not yet created) never
//! falls back to its environment variable or default: it is listed in
//! [`ProviderSettings::unknown`], and no request is sent until Terraform configures the
//! provider again with the value (see `state.rs`).

use std::fmt;

use super::auth::{self, AppSettings};
use tfplugin::{Attribute, AttributePath, Block, Diagnostic, Diagnostics, Schema, Type, Value};

/// GitHub's public API root.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";
/// Retries of a failed call when `max_retries` is not set (the sums behind it are in
/// `github/retry.rs`).
pub const DEFAULT_MAX_RETRIES: u32 = crate::github::DEFAULT_MAX_RETRIES;
const MAX_RETRIES_LIMIT: i64 = 25;

/// A token that never shows itself in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(pub String);

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token((sensitive))")
    }
}

/// The configuration, resolved against the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSettings {
    /// The organization, if known.
    pub owner: Option<String>,
    /// The API token, if known.
    pub token: Option<Token>,
    /// The GitHub App to authenticate as, if any (never together with `token`).
    pub app: Option<AppSettings>,
    /// The API root.
    pub base_url: String,
    /// Retries of failed calls.
    pub max_retries: u32,
    /// Settings whose value Terraform did not know yet (e.g. `base_url`, `app_auth.pem_file`):
    /// while any is listed, the other fields must not be used to call GitHub.
    pub unknown: Vec<&'static str>,
}

impl ProviderSettings {
    /// Whether every setting is known, so GitHub may be called.
    pub fn is_known(&self) -> bool {
        self.unknown.is_empty()
    }
}

/// The provider block's schema.
pub fn schema() -> Schema {
    Schema::new(
        Block::new()
            .description(
                "Manages GitHub Codespaces organization secrets and the repositories allowed \
                 to use them. Values are sealed on your machine with the organization's public \
                 key (libsodium sealed box) before they are sent.",
            )
            .attribute(Attribute::optional("owner", Type::String).description(
                "The organization whose secrets are managed. Defaults to the `GITHUB_OWNER` \
                 environment variable.",
            ))
            .attribute(
                Attribute::optional("token", Type::String)
                    .sensitive()
                    .description(
                        "A GitHub token with the `admin:org` scope (classic) or the organization \
                 permission \"Codespaces secrets: read and write\" (fine-grained or app). \
                 Defaults to the `GITHUB_TOKEN` environment variable; prefer the variable. \
                 Conflicts with `app_auth`.",
                    ),
            )
            .attribute(Attribute::optional("base_url", Type::String).description(
                "The REST API root. Defaults to `GITHUB_BASE_URL`, else \
                 `https://api.github.com`. For an enterprise on GHE.com (GitHub Enterprise \
                 Cloud with data residency) use `https://api.SUBDOMAIN.ghe.com`; GitHub \
                 Enterprise Server has no Codespaces. `http://` is accepted only for loopback \
                 addresses, since the token would travel in clear.",
            ))
            .attribute(
                Attribute::optional("max_retries", Type::Number).description(
                    "How many times a call that failed with a server error or a network error is \
                 retried, with capped exponential backoff and jitter, within two minutes per \
                 call (0 to 25, default 10). Rate-limited calls wait as GitHub asks and do not \
                 count against this; a write whose answer was lost is safe to send again.",
                ),
            )
            .block(auth::app_auth_block()),
    )
}

/// Checks the known values of the block.
pub fn validate(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if let Some(url) = config.get("base_url").as_str() {
        if let Err(problem) = check_base_url(url) {
            diags.push(
                Diagnostic::error("Invalid base_url", problem).at(AttributePath::attr("base_url")),
            );
        }
    }
    let retries = config.get("max_retries");
    if !retries.is_null() && !retries.is_unknown() {
        let ok = retries
            .as_i64()
            .is_some_and(|n| (0..=MAX_RETRIES_LIMIT).contains(&n));
        if !ok {
            diags.push(
                Diagnostic::error(
                    "Invalid max_retries",
                    format!("`max_retries` must be a whole number from 0 to {MAX_RETRIES_LIMIT}."),
                )
                .at(AttributePath::attr("max_retries")),
            );
        }
    }
    if let Some(owner) = config.get("owner").as_str() {
        if let Err(problem) = check_owner(owner) {
            diags
                .push(Diagnostic::error("Invalid owner", problem).at(AttributePath::attr("owner")));
        }
    }
    auth::validate(config, &mut diags);
    diags
}

/// Resolves the block against the environment (`GITHUB_OWNER`, `GITHUB_BASE_URL`, and the
/// credentials' variables); values from the environment are checked too.
pub fn resolve(
    config: &Value,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    let unknown = unknown_settings(config);
    // An unknown value is not absent: it takes neither the variable nor the default.
    let pick = |attr: &str, var: &str| {
        let own = config.get(attr);
        if own.is_unknown() {
            return None;
        }
        own.as_str()
            .map(str::to_string)
            .or_else(|| env(var).filter(|v| !v.is_empty()))
    };
    let base_url = pick("base_url", "GITHUB_BASE_URL").unwrap_or_else(|| DEFAULT_BASE_URL.into());
    let owner = pick("owner", "GITHUB_OWNER");
    let mut diags = validate(config);
    if config.get("base_url").is_null() {
        if let Err(problem) = check_base_url(&base_url) {
            diags.push(Diagnostic::error("Invalid GITHUB_BASE_URL", problem));
        }
    }
    if let (true, Some(o)) = (config.get("owner").is_null(), &owner) {
        if let Err(problem) = check_owner(o) {
            diags.push(Diagnostic::error("Invalid GITHUB_OWNER", problem));
        }
    }
    let credentials = if unknown.is_empty() {
        auth::resolve(config, &env)
    } else {
        Ok((None, None))
    };
    if let Err(d) = &credentials {
        diags.extend(d.clone());
    }
    let (token, app) = match credentials {
        Ok(c) if !diags.has_errors() => c,
        _ => return Err(diags),
    };
    let max_retries = config
        .get("max_retries")
        .as_i64()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(DEFAULT_MAX_RETRIES);
    Ok(ProviderSettings {
        owner,
        token,
        app,
        base_url: base_url.trim_end_matches('/').to_string(),
        max_retries,
        unknown,
    })
}

/// The settings whose value is unknown, by the name a user writes.
fn unknown_settings(config: &Value) -> Vec<&'static str> {
    let mut unknown: Vec<&'static str> = ["owner", "token", "base_url", "max_retries"]
        .into_iter()
        .filter(|name| config.get(name).is_unknown())
        .collect();
    unknown.extend(auth::unknown_settings(config));
    unknown
}

/// GitHub's rule for an organization (or user) login.
pub(crate) fn check_owner(owner: &str) -> Result<(), String> {
    let ok = !owner.is_empty()
        && owner.len() <= 39
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !owner.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{owner:?} is not a GitHub organization login (letters, digits and hyphens)."
        ))
    }
}

/// Accepts `https://...`, and `http://...` only for loopback hosts.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let parsed =
        url::Url::parse(url).map_err(|e| format!("{url:?} is not an absolute URL ({e})."))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        "http" => Err(format!(
            "{url:?} uses plain http to a non-loopback host: the token would travel in clear. \
             Use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)."
        )),
        other => Err(format!("{url:?} has scheme {other:?}; use https.")),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_need_tls_unless_loopback() {
        assert!(check_base_url("https://api.github.com").is_ok());
        assert!(check_base_url("https://ghe.example.com/api/v3").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://127.5.6.7").is_ok());
        assert!(check_base_url("http://[::1]:9").is_ok());
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://example.com").is_err());
        assert!(check_base_url("http://10.0.0.1").is_err());
        assert!(check_base_url("ftp://x").is_err());
        assert!(check_base_url("not a url").is_err());
    }

    #[test]
    fn environment_fills_what_the_block_leaves_out() {
        let config = Value::object([("owner", Value::string("acme"))]);
        let env = |k: &str| match k {
            "GITHUB_TOKEN" => Some("t0ken".to_string()),
            "GITHUB_OWNER" => Some("ignored".to_string()),
            _ => None,
        };
        let s = resolve(&config, env).unwrap();
        assert_eq!(s.owner.as_deref(), Some("acme"));
        assert_eq!(s.token, Some(Token("t0ken".into())));
        assert_eq!(s.base_url, DEFAULT_BASE_URL);
        assert_eq!(s.max_retries, DEFAULT_MAX_RETRIES);
        assert!(!format!("{s:?}").contains("t0ken"));
    }

    #[test]
    fn unknown_values_never_fall_back_to_the_environment() {
        let env = |k: &str| match k {
            "GITHUB_TOKEN" => Some("env-token".to_string()),
            "GITHUB_OWNER" => Some("env-owner".to_string()),
            "GITHUB_BASE_URL" => Some("http://10.0.0.1".to_string()),
            "GITHUB_APP_ID" => Some("7".to_string()),
            _ => None,
        };
        let config = Value::object([
            ("owner", Value::Unknown),
            ("token", Value::Unknown),
            ("base_url", Value::Unknown),
        ]);
        let s = resolve(&config, env).unwrap();
        assert_eq!(s.unknown, ["owner", "token", "base_url"]);
        assert!(!s.is_known());
        assert_eq!((s.owner, s.token, s.app), (None, None, None));
        let app = Value::object([
            ("base_url", Value::string("https://ghe.example.com/api/v3")),
            (
                "app_auth",
                Value::object([("id", Value::string("1")), ("pem_file", Value::Unknown)]),
            ),
        ]);
        let s = resolve(&app, env).unwrap();
        assert_eq!(s.unknown, ["app_auth.pem_file"]);
        assert_eq!((s.token, s.app), (None, None));
        let known = resolve(&Value::object([("owner", Value::string("acme"))]), env);
        assert!(known.is_err(), "GITHUB_BASE_URL is still checked when used");
    }

    #[test]
    fn bad_values_point_at_their_attribute() {
        let config = Value::object([
            ("base_url", Value::string("http://example.com")),
            ("max_retries", Value::int(99)),
        ]);
        let d = validate(&config);
        let paths: Vec<String> = d
            .iter()
            .filter_map(|d| d.attribute.as_ref())
            .map(|p| p.to_string())
            .collect();
        assert_eq!(paths, ["base_url", "max_retries"]);
        let bad_env = resolve(&Value::Null, |k| {
            (k == "GITHUB_BASE_URL").then(|| "http://x.org".into())
        });
        assert!(bad_env.is_err());
    }
}
