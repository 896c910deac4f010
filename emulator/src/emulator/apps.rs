//! The GitHub Apps a test registers and the installation tokens they mint: the emulator's
//! own App (installed on the first organization with the Codespaces secrets permission),
//! others with [`Emulator::register_app`], and the tokens' lifetime and revocation.

use std::time::Duration;

use super::Emulator;
use crate::apps::{AppInfo, AppSpec};
use crate::config::EmulatorError;
use crate::sync::lock;

impl Emulator {
    /// The emulator's App, installed on its first organization with the permission
    /// "Codespaces secrets: read and write"; registered on the first call. Its installation
    /// tokens work for organization and repository secrets, and are refused (403) on user
    /// secrets, as GitHub refuses them.
    pub fn app(&self) -> Result<AppInfo, EmulatorError> {
        let mut apps = lock(&self.shared.apps);
        let id = match apps.apps.first() {
            Some(app) => app.id,
            None => {
                let installed_on = apps.home.clone();
                apps.register(AppSpec {
                    installed_on,
                    codespaces_secrets: true,
                })?
            }
        };
        Ok(apps.info(id))
    }

    /// Registers another App, with a key of its own.
    pub fn register_app(&self, spec: AppSpec) -> Result<AppInfo, EmulatorError> {
        let mut apps = lock(&self.shared.apps);
        let id = apps.register(spec)?;
        Ok(apps.info(id))
    }

    /// How long installation tokens minted from now on live (default an hour; zero: they
    /// are refused from the start, as if expired on arrival).
    pub fn set_installation_token_lifetime(&self, lifetime: Duration) {
        lock(&self.shared.apps).lifetime = lifetime;
    }

    /// How many installation tokens have been minted.
    pub fn installation_tokens_issued(&self) -> u64 {
        lock(&self.shared.apps).issued
    }

    /// Revokes every installation token minted so far (the next call with one gets 401).
    pub fn revoke_installation_tokens(&self) {
        lock(&self.shared.apps).revoke();
    }
}
