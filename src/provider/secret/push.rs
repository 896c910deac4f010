//! The value-push action of every scope (Terraform 1.14+): `codespaces_org_secret_value`,
//! `codespaces_repository_secret_value` and `codespaces_user_secret_value` are one
//! [`ValueAction`] each, told apart by their [`Scope`]. Invoked (`terraform apply
//! -invoke=action.<type>.<name>`, or by a resource's `action_trigger`), it seals `value`
//! with the home's public key (fetched once per run, `run.rs`) and writes it to an existing
//! secret, keeping the secret's visibility and grants (`apply::unmanaged_grants`); it
//! changes no state. `value` is write-only, so it can come from an ephemeral variable or
//! resource and never reaches a plan or a state.
//!
//! It is for secrets whose value is managed elsewhere (a secret resource that gives no
//! value): on a resource that gives one, the next plan sees the push as drift and sends the
//! configured value back. It never creates a secret: one that does not exist is refused
//! (warned of at plan time, since a triggering resource may create it first).

use std::sync::{Arc, LazyLock};

use github_client::SecretHome;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tfplugin::{
    Action, ActionProgress, ActionRequest, Attribute, Block, Diagnostic, Diagnostics, MaybeUnknown,
    Outcome, PlanAction, Schema, Type,
};

use super::apply::unmanaged_grants;
use super::refused::refused;
use super::rules::plaintext_rule;
use super::schema::{decode_as, has_attribute};
use crate::provider::repository_name::repository_rule;
use crate::provider::scope::{place, place_capitalized, Scope};
use crate::provider::state::{Api, ProviderState};
use crate::provider::support::{api_error, secret_name_rule};

/// The configuration when invoked: wholly known, `value` included.
#[derive(Deserialize)]
struct PushConfig {
    repository: Option<String>,
    secret_name: String,
    value: SecretString,
}

/// The configuration when planned: any of it may be unknown (`value` is not looked at).
#[derive(Deserialize)]
struct PlannedPush {
    repository: MaybeUnknown<Option<String>>,
    secret_name: MaybeUnknown<String>,
    #[serde(rename = "value")]
    _value: MaybeUnknown<Option<SecretString>>,
}

/// The value action of one scope.
pub struct ValueAction {
    scope: Scope,
    provider: Arc<ProviderState>,
}

impl ValueAction {
    /// The value action of `scope`'s secrets, sharing the provider's configured client.
    pub fn new(scope: Scope, provider: Arc<ProviderState>) -> Self {
        ValueAction { scope, provider }
    }

    /// The secret `name` of `home` as GitHub has it now; `None` when it does not exist.
    async fn existing(
        api: &Api,
        home: &SecretHome,
        name: &str,
    ) -> Result<Option<github_client::Secret>, Diagnostic> {
        match api.run.client().get_secret(home, name).await {
            Ok(secret) => Ok(Some(secret)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(api_error("look up the secret", &e)),
        }
    }

    fn not_found(&self, home: &SecretHome, name: &str) -> Diagnostic {
        Diagnostic::error(
            "Secret not found",
            format!(
                "{} has no secret {name:?}. This action only pushes a new value to an existing \
                 secret; create it first (a `{}` without a value). Nothing was written.",
                place_capitalized(home),
                self.scope.secret_type()
            ),
        )
    }
}

/// The action's attributes in every scope, declaring its models.
static FULL_TYPE: LazyLock<Type> = LazyLock::new(|| full_schema().block.implied_type());

fn full_schema() -> Schema {
    let block = attributes(Scope::Repository)
        .into_iter()
        .fold(Block::new(), Block::attribute);
    Schema::new(block)
        .model::<PushConfig>()
        .model::<PlannedPush>()
}

fn attributes(scope: Scope) -> Vec<Attribute> {
    let noun = scope.noun();
    vec![
        Attribute::required("repository", Type::String)
            .description(
                "The repository: `OWNER/NAME`, or `NAME` for a repository of the provider's \
                 `owner`.",
            )
            .validate(repository_rule())
            .into(),
        Attribute::required("secret_name", Type::String)
            .description(
                "The name of an existing secret (GitHub ignores case). The action never \
                 creates one.",
            )
            .validate(secret_name_rule())
            .into(),
        Attribute::required("value", Type::String)
            .description(format!(
                "The new plaintext value, sealed with the {noun}'s public key before it is \
                 sent. Write-only: it may come from an ephemeral variable or resource, and is \
                 never stored in a plan or a state. At most 48 KiB."
            ))
            .validate(plaintext_rule())
            .sensitive()
            .write_only()
            .into(),
    ]
}

#[async_trait::async_trait]
impl Action for ValueAction {
    fn type_name(&self) -> &'static str {
        match self.scope {
            Scope::Organization => "codespaces_org_secret_value",
            Scope::Repository => "codespaces_repository_secret_value",
            Scope::User => "codespaces_user_secret_value",
        }
    }

    fn schema(&self) -> Schema {
        let scope = self.scope;
        let kept = match scope {
            Scope::Organization => " Its visibility and repositories are kept.",
            Scope::Repository => "",
            Scope::User => " Its repositories are kept.",
        };
        let description = format!(
            "Pushes a new value to an existing {} secret, on demand (`terraform apply \
             -invoke`) or when a resource's lifecycle triggers it.{kept} For secrets whose \
             value is managed outside Terraform: a `{}` that gives a value sends it back on \
             its next apply.",
            scope.noun(),
            scope.secret_type()
        );
        let block = attributes(scope)
            .into_iter()
            .filter(|a| has_attribute(scope, a.name()))
            .fold(Block::new().description(description), Block::attribute);
        Schema::new(block)
    }

    fn as_plan(&self) -> Option<&dyn PlanAction> {
        Some(self)
    }

    async fn invoke(&self, req: ActionRequest, progress: ActionProgress) -> Outcome<Diagnostics> {
        let config: PushConfig = decode_as(self.scope, &req.config, &FULL_TYPE)?;
        let api = self.provider.api()?;
        let home = api.home(self.scope, config.repository.as_deref())?;
        let Some(secret) = Self::existing(&api, &home, &config.secret_name).await? else {
            return Err(self.not_found(&home, &config.secret_name).into());
        };
        let name = secret.name;
        let visibility = secret.visibility.filter(|_| self.scope.has_visibility());
        let grants = unmanaged_grants(visibility, Some(&visibility));
        let plaintext = config.value.expose_secret().as_bytes();
        progress
            .send(format!("Sealing a new value for {name} ({})", place(&home)))
            .await;
        let written = match api
            .run
            .write_value(&home, &name, plaintext, visibility, grants)
            .await
        {
            Ok(written) => written,
            Err(e) => {
                return Err(refused(&api, &home, "write the secret", &e, &[])
                    .await
                    .into())
            }
        };
        let key_id = written.key_id.unwrap_or_default();
        tracing::info!(secret_name = %name, home = %home, key_id, "pushed a new value");
        progress
            .send(format!("Wrote {name}, sealed with public key {key_id}"))
            .await;
        Ok(Diagnostics::new())
    }
}

#[async_trait::async_trait]
impl PlanAction for ValueAction {
    /// Warns when the secret does not exist (yet): a resource this plan creates may be what
    /// triggers the action. Nothing is checked until the name (and repository) are known.
    async fn plan_action(&self, req: ActionRequest) -> Diagnostics {
        let planned: PlannedPush = match decode_as(self.scope, &req.config, &FULL_TYPE) {
            Ok(planned) => planned,
            Err(d) => return d,
        };
        let (MaybeUnknown::Known(name), MaybeUnknown::Known(repository)) =
            (planned.secret_name, planned.repository)
        else {
            return Diagnostics::new();
        };
        let found = async {
            let api = self.provider.api()?;
            let home = api.home(self.scope, repository.as_deref())?;
            let secret = Self::existing(&api, &home, &name).await?;
            Ok::<_, Diagnostic>((home, secret))
        };
        match found.await {
            Ok((_, Some(_))) => Diagnostics::new(),
            Ok((home, None)) => Diagnostic::warning(
                "Secret not found",
                format!(
                    "{} has no secret {name:?} now. The invocation will fail unless something \
                     creates it first (such as the resource whose lifecycle triggers this \
                     action).",
                    place_capitalized(&home)
                ),
            )
            .into(),
            Err(d) => d.into(),
        }
    }
}
