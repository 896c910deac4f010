//! What the resources share: the resolved provider settings, the process's [`Run`] (the one
//! GitHub client and what the run caches, `run.rs`), built when an operation first needs the
//! API (so `terraform validate` works without a token), what plans share (`plans.rs`), the
//! secret names this process has seen (`names.rs`) and the errors it has reported
//! (`reports.rs`); and each secret's home, resolved in one place ([`Api::home`]): the
//! organization from `owner`, a repository from `OWNER/NAME` or `NAME` under `owner`, the
//! user from the token (a GitHub App's credentials are refused there, before any request).
//! A client is never built while a setting is unknown: nothing is sent from a fallback.

use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use github_client::rules::SecretScope;
use github_client::{Client, ClientConfig, Credentials, SecretHome};
use tfplugin::{AttributePath, Diagnostic};

use super::auth::missing_credentials;
use super::config::ProviderSettings;
use super::names::SecretNames;
use super::plans::PlanView;
use super::reports::Reports;
use super::repository_name::RepositoryName;
use super::run::Run;
use super::scope::Scope;
use super::support::and_list;

/// The User-Agent of the provider's requests.
const USER_AGENT: &str = concat!("terraform-provider-codespaces/", env!("CARGO_PKG_VERSION"));

/// The provider's shared state.
#[derive(Default)]
pub struct ProviderState {
    settings: RwLock<Option<ProviderSettings>>,
    run: OnceLock<Arc<Run>>,
    /// Terraform called Stop; a client built afterwards starts stopped.
    stopped: AtomicBool,
    /// What the plans of this process share.
    plans: PlanView,
    /// The secret names held, claimed and wanted in this process.
    names: SecretNames,
    /// The errors this process has reported.
    reports: Reports,
}

/// What an operation needs to call GitHub.
pub struct Api {
    /// The client and the run's cache: every call to GitHub goes through it.
    pub run: Arc<Run>,
    /// The provider's `owner`, if set: the organization, and the owner of a repository
    /// named without one.
    owner: Option<String>,
    /// Whether the credentials are a GitHub App's.
    app: bool,
}

impl Api {
    /// The organization (the provider's `owner`), or a diagnostic saying it is missing.
    pub fn owner(&self) -> Result<&str, Diagnostic> {
        self.owner.as_deref().ok_or_else(missing_owner)
    }

    /// The organization's secrets.
    pub fn org(&self) -> Result<SecretHome, Diagnostic> {
        self.owner().map(SecretHome::organization)
    }

    /// The home of a secret of `scope`; `repository` is a repository secret's `repository`
    /// as configured (`OWNER/NAME`, or `NAME` under the provider's `owner`).
    pub fn home(&self, scope: Scope, repository: Option<&str>) -> Result<SecretHome, Diagnostic> {
        home_of(scope, repository, self.owner.as_deref(), self.app)
    }
}

/// The home of a secret of `scope` (see [`Api::home`]), given the provider's `owner` and
/// whether it authenticates as a GitHub App (which GitHub refuses on user secrets).
fn home_of(
    scope: Scope,
    repository: Option<&str>,
    owner: Option<&str>,
    app: bool,
) -> Result<SecretHome, Diagnostic> {
    match scope {
        Scope::Organization => owner
            .map(SecretHome::organization)
            .ok_or_else(missing_owner),
        Scope::User if app => Err(user_secrets_need_a_users_token()),
        Scope::User => Ok(SecretHome::User),
        Scope::Repository => {
            let text = repository.unwrap_or_default();
            let at = AttributePath::attr("repository");
            let parsed = RepositoryName::parse(text)
                .map_err(|p| Diagnostic::error("Invalid repository", p).at(at.clone()))?;
            let (owner, repo) = parsed.resolve(owner).ok_or_else(|| {
                Diagnostic::error(
                    "Repository without an owner",
                    format!(
                        "`repository` is {text:?}, a name without an owner, and the provider \
                         has no `owner` (nor GITHUB_OWNER). Write it `OWNER/{text}`, or set \
                         the provider's `owner`."
                    ),
                )
                .at(at)
            })?;
            Ok(SecretHome::repository(owner, repo))
        }
    }
}

fn missing_owner() -> Diagnostic {
    Diagnostic::error(
        "Missing organization",
        "Set the provider's `owner` argument or the GITHUB_OWNER environment variable to the \
         organization whose Codespaces secrets are managed.",
    )
}

/// User secrets with a GitHub App's credentials: GitHub refuses those on user secrets.
fn user_secrets_need_a_users_token() -> Diagnostic {
    Diagnostic::error(
        "User secrets need a user's token",
        format!(
            "This provider authenticates as a GitHub App (`app_auth`, or the GITHUB_APP_* \
             variables), and GitHub refuses an App's installation token on a user's Codespaces \
             secrets (403 \"Resource not accessible by integration\"): they belong to the user \
             a token was issued to. {} Configure a provider block of its own for user secrets, \
             with `token` (or GITHUB_TOKEN), and give these resources that provider \
             (`provider = codespaces.ALIAS`). Nothing was sent to GitHub.",
            SecretScope::User.token_needs()
        ),
    )
}

impl ProviderState {
    /// Records the configuration (Configure is called once per process).
    pub fn configure(&self, settings: ProviderSettings) {
        if let Ok(mut s) = self.settings.write() {
            *s = Some(settings);
        }
    }

    /// Terraform asked us to stop: tells the client, which lets writes already sent finish
    /// and ends its waits early. Returns at once.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // With the fence in `api`, a client built concurrently is stopped by one side or both.
        fence(Ordering::SeqCst);
        if let Some(run) = self.run.get() {
            run.client().stop();
        }
    }

    /// What the plans of this process share.
    pub fn plans(&self) -> &PlanView {
        &self.plans
    }

    /// The secret names held, claimed and wanted in this process.
    pub fn names(&self) -> &SecretNames {
        &self.names
    }

    /// The errors this process has reported.
    pub fn reports(&self) -> &Reports {
        &self.reports
    }

    /// The settings Terraform did not know when it configured the provider (none before
    /// Configure).
    pub fn unknown_settings(&self) -> Vec<&'static str> {
        self.settings
            .read()
            .ok()
            .and_then(|s| s.as_ref().map(|s| s.unknown.clone()))
            .unwrap_or_default()
    }

    /// The configured organization, if any (no credentials needed).
    pub fn owner(&self) -> Option<String> {
        self.settings
            .read()
            .ok()
            .and_then(|s| s.as_ref().and_then(|s| s.owner.clone()))
    }

    /// The settings, once Terraform has configured the provider.
    fn settings(&self) -> Result<ProviderSettings, Diagnostic> {
        let settings = self.settings.read().ok().and_then(|s| s.clone());
        settings.ok_or_else(|| {
            Diagnostic::error(
                "Provider not configured",
                "Terraform did not configure the codespaces provider before using it.",
            )
        })
    }

    /// The home of a secret of `scope` from the settings alone, without a client (see
    /// [`Api::home`]); settings not known yet are a diagnostic too.
    pub fn home(&self, scope: Scope, repository: Option<&str>) -> Result<SecretHome, Diagnostic> {
        let settings = self.settings()?;
        if !settings.is_known() {
            return Err(not_known_yet(&settings.unknown));
        }
        let app = matches!(settings.credentials, Some(Credentials::App(_)));
        home_of(scope, repository, settings.owner.as_deref(), app)
    }

    /// The client, or a diagnostic naming what is missing.
    pub fn api(&self) -> Result<Api, Diagnostic> {
        let settings = self.settings()?;
        if !settings.is_known() {
            return Err(not_known_yet(&settings.unknown));
        }
        let owner = settings.owner.clone();
        let app = matches!(settings.credentials, Some(Credentials::App(_)));
        let Some(credentials) = settings.credentials else {
            return Err(missing_credentials());
        };
        if let Some(run) = self.run.get() {
            return Ok(Api {
                run: run.clone(),
                owner,
                app,
            });
        }
        let mut config = ClientConfig::new(settings.base_url, credentials);
        config.user_agent = USER_AGENT.to_string();
        config.max_retries = settings.max_retries;
        let client = Client::new(config)
            .map_err(|e| Diagnostic::error("Cannot set up the GitHub client", e.to_string()))?;
        let run = self.run.get_or_init(|| Arc::new(Run::new(client))).clone();
        fence(Ordering::SeqCst);
        if self.stopped.load(Ordering::SeqCst) {
            run.client().stop();
        }
        Ok(Api { run, owner, app })
    }
}

/// The settings `unknown`, in a user's words: "`base_url`", "`owner` and `token`".
pub fn setting_names(unknown: &[&str]) -> String {
    and_list(unknown.iter().map(|name| format!("`{name}`")))
}

/// Why an operation needing GitHub cannot run while settings are unknown.
fn not_known_yet(unknown: &[&str]) -> Diagnostic {
    let (names, verb) = (
        setting_names(unknown),
        if unknown.len() == 1 { "is" } else { "are" },
    );
    Diagnostic::error(
        "Provider configuration not known yet",
        format!(
            "The provider's {names} {verb} not known yet: Terraform learns the value only \
             during apply (it comes from a resource or value not created yet). This operation \
             needs to call GitHub, and the provider never falls back to an environment \
             variable or a default in place of a value that is not known. Create what the \
             setting depends on first (for example `terraform apply -target=ADDRESS`), or set \
             it from a value known when planning."
        ),
    )
}

#[cfg(test)]
mod tests;
