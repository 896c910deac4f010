//! What the resources share: the resolved provider settings, the process's [`Run`] (the one
//! GitHub client and what the run caches, `run.rs`), built when an operation first needs the
//! API (so `terraform validate` works without a token), what plans share (`plans.rs`), the
//! secret names this process has seen (`names.rs`) and the errors it has reported
//! (`reports.rs`).
//! A client is never built while a setting is unknown: nothing is sent from a fallback.

use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use github_client::{Client, ClientConfig, SecretHome};
use tfplugin::Diagnostic;

use super::auth::missing_credentials;
use super::config::ProviderSettings;
use super::names::SecretNames;
use super::plans::PlanView;
use super::reports::Reports;
use super::run::Run;
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
    /// The organization.
    pub owner: String,
}

impl Api {
    /// The organization's secrets.
    pub fn org(&self) -> SecretHome {
        SecretHome::organization(&self.owner)
    }
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

    /// The client and organization, or a diagnostic naming what is missing.
    pub fn api(&self) -> Result<Api, Diagnostic> {
        let settings = self
            .settings
            .read()
            .ok()
            .and_then(|s| s.clone())
            .ok_or_else(|| {
                Diagnostic::error(
                    "Provider not configured",
                    "Terraform did not configure the codespaces provider before using it.",
                )
            })?;
        if !settings.is_known() {
            return Err(not_known_yet(&settings.unknown));
        }
        let owner = settings.owner.clone().ok_or_else(|| {
            Diagnostic::error(
                "Missing organization",
                "Set the provider's `owner` argument or the GITHUB_OWNER environment variable \
                 to the organization whose Codespaces secrets are managed.",
            )
        })?;
        let Some(credentials) = settings.credentials else {
            return Err(missing_credentials());
        };
        if let Some(run) = self.run.get() {
            return Ok(Api {
                run: run.clone(),
                owner,
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
        Ok(Api { run, owner })
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
mod tests {
    use super::*;

    #[test]
    fn no_client_is_built_while_a_setting_is_unknown() {
        let state = ProviderState::default();
        state.configure(ProviderSettings {
            owner: Some("acme".into()),
            credentials: None,
            base_url: String::new(),
            max_retries: 0,
            unknown: vec!["base_url", "token"],
        });
        let Err(d) = state.api() else {
            panic!("a client was built from unknown settings");
        };
        assert_eq!(d.summary, "Provider configuration not known yet");
        assert!(
            d.detail
                .starts_with("The provider's `base_url` and `token` are not known yet"),
            "{}",
            d.detail
        );
        assert_eq!(state.unknown_settings(), ["base_url", "token"]);
    }
}
