//! What the resources share: the resolved provider settings and the one GitHub client of
//! this process, built when an operation first needs the API (so `terraform validate` works
//! without a token).

use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::{OnceLock, RwLock};

use super::config::ProviderSettings;
use crate::github::{Client, ClientConfig};
use tfplugin::Diagnostic;

/// The provider's shared state.
#[derive(Default)]
pub struct ProviderState {
    settings: RwLock<Option<ProviderSettings>>,
    client: OnceLock<Client>,
    /// Terraform called Stop; a client built afterwards starts stopped.
    stopped: AtomicBool,
}

/// What an operation needs to call GitHub.
pub struct Api {
    /// The client.
    pub client: Client,
    /// The organization.
    pub owner: String,
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
        if let Some(client) = self.client.get() {
            client.stop();
        }
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
        let owner = settings.owner.clone().ok_or_else(|| {
            Diagnostic::error(
                "Missing organization",
                "Set the provider's `owner` argument or the GITHUB_OWNER environment variable \
                 to the organization whose Codespaces secrets are managed.",
            )
        })?;
        if settings.token.is_none() && settings.app.is_none() {
            return Err(super::auth::missing_credentials());
        }
        if let Some(client) = self.client.get() {
            return Ok(Api {
                client: client.clone(),
                owner,
            });
        }
        let token = settings.token.map(|t| t.0);
        let mut config = ClientConfig::new(settings.base_url.clone(), token);
        config.app = settings.app.map(|a| a.client_auth(&owner));
        config.max_retries = settings.max_retries;
        let client = Client::new(config)
            .map_err(|e| Diagnostic::error("Cannot set up the GitHub client", e.to_string()))?;
        let client = self.client.get_or_init(|| client).clone();
        fence(Ordering::SeqCst);
        if self.stopped.load(Ordering::SeqCst) {
            client.stop();
        }
        Ok(Api { client, owner })
    }
}
