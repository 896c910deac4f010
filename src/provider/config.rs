//! The `provider "codespaces"` block: `owner`, `token`, `base_url`, `max_retries`, each with
//! its environment variable, and the `app_auth` block (see `auth.rs`). Their checks are
//! declared on the attributes, so Terraform reports a bad value at validate time, on its
//! attribute; values taken from the environment are checked when the provider is
//! configured. Missing credentials are not an error here: only an operation that needs the
//! API reports them.
//!
//! A setting Terraform does not know yet (it comes from a resource not yet created) never
//! falls back to its environment variable or default: it is listed in
//! [`ProviderSettings::unknown`], and no request is sent until Terraform configures the
//! provider again with the value (see `state.rs`).

use secrecy::SecretString;
use serde::Deserialize;

use super::auth::{self, AppAuthBlock};
use super::repository_name::owner_problem;
use github_client::{Credentials, Error, DEFAULT_MAX_RETRIES};
use tfplugin::{
    Attribute, Block, ConfigureRequest, Diagnostic, Diagnostics, MaybeUnknown, Schema, Type,
    ValidateContext, Validator,
};

/// GitHub's public API root.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";
const MAX_RETRIES_LIMIT: i64 = 25;

/// The provider block, as configured (any setting may be unknown until apply).
#[derive(Deserialize)]
pub struct ProviderBlock {
    owner: MaybeUnknown<Option<String>>,
    token: MaybeUnknown<Option<SecretString>>,
    base_url: MaybeUnknown<Option<String>>,
    max_retries: MaybeUnknown<Option<i64>>,
    app_auth: MaybeUnknown<Option<AppAuthBlock>>,
}

/// The configuration, resolved against the environment.
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    /// The organization, if known.
    pub owner: Option<String>,
    /// The credentials, if any were found.
    pub credentials: Option<Credentials>,
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
                "Manages GitHub Codespaces secrets of organizations, repositories and the \
                 token's user, and the repositories allowed to use them. Values are sealed on \
                 your machine with the public key of the secret's organization, repository or \
                 user (libsodium sealed box) before they are sent.",
            )
            .attribute(
                Attribute::optional("owner", Type::String)
                    .description(
                        "The organization whose secrets are managed, and the owner of a \
                         repository a repository secret names without one. Defaults to the \
                         `GITHUB_OWNER` environment variable. Not needed for user secrets, nor \
                         for repository secrets that name `OWNER/NAME`.",
                    )
                    .validate(Validator::string("Invalid owner", |o: &str| {
                        owner_problem(o)
                    })),
            )
            .attribute(
                Attribute::optional("token", Type::String)
                    .sensitive()
                    .description(
                        "A GitHub token. Organization secrets need the `admin:org` scope \
                 (classic) or the organization permission \"Codespaces secrets: read and \
                 write\" (fine-grained); repository secrets `repo` or the repository permission \
                 \"Codespaces secrets: read and write\"; user secrets `codespace` or \
                 `codespace:secrets`, or the user permission \"Codespaces user secrets: read \
                 and write\". Defaults to the `GITHUB_TOKEN` environment variable; prefer the \
                 variable. Whitespace around it (the newline of `file(\"token.txt\")`) is \
                 ignored. Conflicts with `app_auth`.",
                    )
                    .validate(auth::token_conflicts_with_app_auth()),
            )
            .attribute(
                Attribute::optional("base_url", Type::String)
                    .description(
                        "The REST API root. Defaults to `GITHUB_BASE_URL`, else \
                 `https://api.github.com`. For an enterprise on GHE.com (GitHub Enterprise \
                 Cloud with data residency) use `https://api.SUBDOMAIN.ghe.com`; GitHub \
                 Enterprise Server has no Codespaces. `http://` is accepted only for loopback \
                 addresses, since the token would travel in clear.",
                    )
                    .validate(Validator::string("Invalid base_url", |u: &str| {
                        base_url_problem(u)
                    })),
            )
            .attribute(
                Attribute::optional("max_retries", Type::Number)
                    .description(
                        "How many times a call that failed with a server error or a network error is \
                 retried, with capped exponential backoff and jitter, within two minutes per \
                 call (0 to 25, default 10). Rate-limited calls wait as GitHub asks and do not \
                 count against this; a write whose answer was lost is safe to send again.",
                    )
                    .validate(max_retries_in_range),
            )
            .block(auth::app_auth_block()),
    )
    .model::<ProviderBlock>()
}

/// The check declared on `max_retries`: a whole number from 0 to the limit.
fn max_retries_in_range(cx: &ValidateContext<'_>) -> Diagnostics {
    let value = cx.value;
    let ok = value.is_null()
        || value.is_unknown()
        || value
            .as_i64()
            .is_some_and(|n| (0..=MAX_RETRIES_LIMIT).contains(&n));
    if ok {
        return Diagnostics::new();
    }
    let detail = format!("`max_retries` must be a whole number from 0 to {MAX_RETRIES_LIMIT}.");
    Diagnostic::error("Invalid max_retries", detail)
        .at(cx.path.clone())
        .into()
}

/// The settings of the provider block `req` carries, resolved against the environment,
/// with the GitHub CLI's token when nothing else gave credentials.
pub async fn configure(req: &ConfigureRequest) -> Result<ProviderSettings, Diagnostics> {
    let mut settings = settings(req, |k| std::env::var(k).ok())?;
    if settings.credentials.is_none() && settings.is_known() {
        settings.credentials = auth::from_gh(&settings.base_url).await;
    }
    Ok(settings)
}

/// The settings of the provider block `req` carries, resolved against `env`
/// (`GITHUB_OWNER`, `GITHUB_BASE_URL`, and the credentials' variables, which are checked
/// here); without the GitHub CLI.
pub fn settings(
    req: &ConfigureRequest,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    let block: ProviderBlock = req.to_model(&req.config)?;
    resolve(block, env)
}

fn resolve(
    block: ProviderBlock,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    let mut unknown = Vec::new();
    let owner = Given::of("owner", block.owner, &mut unknown);
    let token = Given::of("token", block.token, &mut unknown).set();
    let base_url = Given::of("base_url", block.base_url, &mut unknown);
    let max_retries = Given::of("max_retries", block.max_retries, &mut unknown).set();
    let app_auth = Given::of("app_auth", block.app_auth, &mut unknown).set();
    unknown.extend(
        app_auth
            .as_ref()
            .map(AppAuthBlock::unknown)
            .unwrap_or_default(),
    );

    // Values from the environment are checked here; the block's own were checked at
    // validation.
    let mut diags = Diagnostics::new();
    let base_url = base_url
        .or_env("GITHUB_BASE_URL", &env, base_url_problem, &mut diags)
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
    let owner = owner.or_env("GITHUB_OWNER", &env, owner_problem, &mut diags);
    let credentials = if unknown.is_empty() {
        auth::resolve(token, app_auth, owner.as_deref(), &env)
    } else {
        Ok(None)
    };
    let credentials = match credentials {
        Ok(c) if !diags.has_errors() => c,
        Ok(_) => return Err(diags),
        Err(d) => {
            diags.extend(d);
            return Err(diags);
        }
    };
    Ok(ProviderSettings {
        owner,
        credentials,
        base_url: base_url.trim_end_matches('/').to_string(),
        max_retries: max_retries
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(DEFAULT_MAX_RETRIES),
        unknown,
    })
}

/// What the provider block gives for one setting.
enum Given<T> {
    /// Not known yet: Terraform learns the value only during apply. It takes neither the
    /// environment variable nor the default (the setting is listed as unknown).
    Later,
    /// Null: the environment variable, else the default, applies.
    Unset,
    /// Set in the block (and checked when the configuration was validated).
    Set(T),
}

impl<T> Given<T> {
    /// What the block gives for setting `name`; an unknown one is listed in `unknown`.
    fn of(
        name: &'static str,
        value: MaybeUnknown<Option<T>>,
        unknown: &mut Vec<&'static str>,
    ) -> Given<T> {
        match value {
            MaybeUnknown::Unknown => {
                unknown.push(name);
                Given::Later
            }
            MaybeUnknown::Known(None) => Given::Unset,
            MaybeUnknown::Known(Some(value)) => Given::Set(value),
        }
    }

    /// The block's own value (none when unset or not known yet).
    fn set(self) -> Option<T> {
        match self {
            Given::Set(value) => Some(value),
            Given::Later | Given::Unset => None,
        }
    }
}

impl Given<String> {
    /// The block's own value; when unset, environment variable `var` (if not empty) without
    /// the whitespace around it, checked by `check` here (a problem is a diagnostic naming
    /// the variable); none when not known yet or set nowhere.
    fn or_env(
        self,
        var: &str,
        env: &impl Fn(&str) -> Option<String>,
        problem: fn(&str) -> Option<String>,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        match self {
            Given::Later => None,
            Given::Set(own) => Some(own),
            Given::Unset => {
                let from_env = env(var)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())?;
                if let Some(problem) = problem(&from_env) {
                    diags.push(Diagnostic::error(format!("Invalid {var}"), problem));
                }
                Some(from_env)
            }
        }
    }
}

/// Why `url` is not an API root the client accepts (`https://...`, and `http://...` only for
/// loopback hosts: the client's one policy, `github_client::check_base_url`), if it is not.
pub fn base_url_problem(url: &str) -> Option<String> {
    match github_client::check_base_url(url) {
        Ok(()) => None,
        Err(Error::BaseUrl { url, problem }) => Some(format!("{url:?} {problem}.")),
        Err(other) => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
