//! `codespaces_org_secret`: one Codespaces organization secret, its value (plaintext,
//! write-only plaintext, or sealed elsewhere), its visibility and, optionally, the
//! repositories allowed to read it. Everything but the name updates in place.
//!
//! Reading order: the schema here, its models in `model.rs`, then `validate.rs`, `plan.rs`
//! (with `one_name.rs`, the checks of the name), `apply.rs`, `read.rs` (refresh and import).

mod apply;
mod model;
mod one_name;
mod plan;
mod read;
mod validate;

pub use model::SecretState;

use std::sync::Arc;

use async_trait::async_trait;
use github_client::SecretHome;

use super::identity;
use super::state::ProviderState;
use super::support::{repository_ids_rule, secret_name_rule, visibility_rule, Marker};
use model::SecretPlan;
use tfplugin::{
    differs_ignoring_case, ApplyRequest, ApplyResponse, Attribute, Block, Diagnostics,
    GenerateConfig, GenerateConfigRequest, IdentitySchema, ImportRequest, ImportResponse,
    ImportState, ModifyPlan, Outcome, PlanModifier, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, Resource, ResourceIdentity, Schema, Type, UpgradeState, UpgradeStateRequest,
    ValidateConfig, ValidateRequest, Validator, Value,
};
use validate::{ids_need_selected, plaintext_rule, sealed_value_rule};

const KEEP: PlanModifier = PlanModifier::UseStateForUnknown;

/// The resource type.
pub struct OrgSecret {
    provider: Arc<ProviderState>,
}

impl OrgSecret {
    /// The resource, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        OrgSecret { provider }
    }
}

/// The schema, with its two models.
pub fn schema() -> Schema {
    Schema::new(
        Block::new()
            .description(
                "A GitHub Codespaces organization secret. Set at most one of `value`, \
                 `value_wo` or `encrypted_value`; with none of them the value is managed \
                 elsewhere and Terraform manages only the name, the visibility and the \
                 grants. Every change except `secret_name` is made in place.",
            )
            .attribute(
                Attribute::computed("id", Type::String)
                    .description(
                        "The secret's name as GitHub reports it (upper-case). Also the import ID.",
                    )
                    .plan_modifier(KEEP),
            )
            .attribute(
                Attribute::required("secret_name", Type::String)
                    .description(
                        "The secret's name: letters, digits and underscores, not starting with a \
                         digit nor with `GITHUB_`. GitHub ignores case (`db_password` and \
                         `DB_PASSWORD` are the same secret). Changing it (other than its case) \
                         replaces the secret.",
                    )
                    .validate(secret_name_rule())
                    .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case)),
            )
            .attribute(
                Attribute::optional("value", Type::String)
                    .validate(plaintext_rule())
                    .sensitive()
                    .description(
                        "The plaintext value, sealed by the provider with the organization's \
                         public key before it is sent. At most 48 KiB. Stored in the Terraform \
                         state: prefer `value_wo` where Terraform 1.11+ is available.",
                    ),
            )
            .attribute(
                Attribute::optional("value_wo", Type::String)
                    .validate(one_value(&["value"]))
                    .validate(plaintext_rule())
                    .sensitive()
                    .write_only()
                    .description(
                        "The plaintext value as a write-only attribute (Terraform 1.11+): sent \
                         to GitHub, never stored in the plan or the state. Change \
                         `value_wo_version` to send a new value. At most 48 KiB.",
                    ),
            )
            .attribute(
                Attribute::optional("value_wo_version", Type::Number)
                    .description(
                        "Any number; changing it sends `value_wo` again. Only with `value_wo`.",
                    )
                    .validate(Validator::required_with(&["value_wo"]).message(
                        "`value_wo_version` without `value_wo`",
                        "`value_wo_version` only triggers a new send of `value_wo`; set \
                         `value_wo` or remove `value_wo_version`.",
                    )),
            )
            .attribute(
                Attribute::optional("encrypted_value", Type::String)
                    .validate(one_value(&["value", "value_wo"]))
                    .validate(Validator::required_with(&["key_id"]).message(
                        "`encrypted_value` needs `key_id`",
                        "Set `key_id` to the ID of the organization public key the value was \
                         sealed with (see the `codespaces_org_public_key` data source).",
                    ))
                    .validate(sealed_value_rule)
                    .sensitive()
                    .description(
                        "A value already sealed (libsodium sealed box, base64) with the \
                         organization's public key, for values encrypted outside Terraform. \
                         Requires `key_id`.",
                    ),
            )
            .attribute(
                Attribute::optional_computed("key_id", Type::String)
                    .description(
                        "The ID of the public key the value was sealed with. Set it together \
                         with `encrypted_value`; otherwise the provider fills it in.",
                    )
                    .validate(Validator::required_with(&["encrypted_value"]).message(
                        "`key_id` without `encrypted_value`",
                        "`key_id` is set by the provider when it seals `value` or `value_wo`; \
                         set it only together with `encrypted_value`.",
                    ))
                    .plan_modifier(KEEP),
            )
            .attribute(
                Attribute::required("visibility", Type::String)
                    .description(
                        "Which repositories may use the secret: `all`, `private` or `selected`.",
                    )
                    .validate(visibility_rule()),
            )
            .attribute(
                Attribute::optional("selected_repository_ids", Type::set(Type::Number))
                    .description(
                        "The IDs of the repositories that may use the secret; only with \
                         `visibility = \"selected\"`. Leave it unset to manage access with \
                         `codespaces_org_secret_repository` (or outside Terraform): the \
                         provider then keeps whatever grants exist when it updates the secret.",
                    )
                    .validate(ids_need_selected)
                    .validate(repository_ids_rule),
            )
            .attribute(
                Attribute::computed("created_at", Type::String)
                    .description("When the secret was created (RFC 3339).")
                    .plan_modifier(KEEP),
            )
            .attribute(
                Attribute::computed("updated_at", Type::String)
                    .description(
                        "When the secret was last updated (RFC 3339). When GitHub reports a \
                         newer time than the provider's last write, the next plan sends the \
                         value again.",
                    )
                    .plan_modifier(KEEP),
            ),
    )
    .model::<SecretPlan>()
    .model::<SecretState>()
}

/// At most one way to give the value (declared on the later attribute of each pair, so the
/// diagnostic points at the extra one). None at all means the value is managed elsewhere.
fn one_value(earlier: &[&str]) -> Validator {
    Validator::conflicts_with(earlier).message(
        "Conflicting secret values",
        "`{other}` and `{attr}` are both set; set at most one of `value`, `value_wo` or \
         `encrypted_value` (none when the value is managed outside Terraform).",
    )
}

#[async_trait]
impl Resource for OrgSecret {
    fn type_name(&self) -> &'static str {
        "codespaces_org_secret"
    }

    fn schema(&self) -> Schema {
        schema()
    }

    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        Some(self)
    }

    fn as_modify_plan(&self) -> Option<&dyn ModifyPlan> {
        Some(self)
    }

    fn as_import_state(&self) -> Option<&dyn ImportState> {
        Some(self)
    }

    fn as_identity(&self) -> Option<&dyn ResourceIdentity> {
        Some(self)
    }

    fn as_upgrade_state(&self) -> Option<&dyn UpgradeState> {
        Some(self)
    }

    fn as_generate_config(&self) -> Option<&dyn GenerateConfig> {
        Some(self)
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        apply::create(&api, self.provider.names(), req).await
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        let stored = (req.current_state.clone(), req.private.clone());
        match async { read::read(&self.provider.api()?, req).await }.await {
            Err(d) => self.provider.reports().failed_refresh(d, stored),
            done => done,
        }
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let api = self.provider.api()?;
        apply::update(&api, self.provider.names(), req).await
    }

    async fn delete(&self, req: ApplyRequest) -> Outcome<()> {
        let api = self.provider.api()?;
        apply::delete(&api, self.provider.names(), req).await
    }
}

#[async_trait]
impl ValidateConfig for OrgSecret {
    async fn validate_config(&self, req: ValidateRequest) -> Diagnostics {
        validate::validate(&req)
    }
}

#[async_trait]
impl ModifyPlan for OrgSecret {
    async fn modify_plan(&self, req: PlanRequest) -> Outcome<PlanResponse> {
        let proposed: SecretPlan = req.to_model(&req.proposed_new_state)?;
        let plans = self.provider.plans();
        plans.record_visibility(&proposed.secret_name, &proposed.visibility);
        let creating = req.prior_state.is_null();
        let planned_over = Marker::decode(&req.prior_private).planned_over;
        let name = proposed.secret_name.clone();
        let mut response = plan::plan(req, proposed, self.provider.owner().as_deref())?;
        if !response.diagnostics.has_errors() {
            let over = planned_over.as_deref();
            let checked = one_name::check_name(&self.provider, &name, creating, over).await;
            let reports = self.provider.reports();
            response
                .diagnostics
                .extend(reports.not_yet_reported(checked));
        }
        Ok(response)
    }
}

#[async_trait]
impl ImportState for OrgSecret {
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let api = self.provider.api()?;
        let name = match &req.identity {
            Some(given) if req.id.is_empty() => identity::imported_secret(given, &api.owner)?,
            _ => req.id.clone(),
        };
        read::import(&api, &req, &name).await
    }
}

impl ResourceIdentity for OrgSecret {
    fn identity_schema(&self) -> IdentitySchema {
        identity::secret_schema()
    }
}

#[async_trait]
impl UpgradeState for OrgSecret {
    /// Reads a stored state, noting the name it holds (`names.rs`): Terraform upgrades every
    /// instance in state before planning it, tainted ones included.
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        let state = req.decode(&schema())?;
        if let Some(name) = state.get("secret_name").as_str() {
            let home = SecretHome::organization(self.provider.owner().unwrap_or_default());
            self.provider.names().hold(&home, name);
        }
        Ok(state)
    }
}

#[async_trait]
impl GenerateConfig for OrgSecret {
    async fn generate_config(&self, req: GenerateConfigRequest) -> Outcome<Value> {
        let state: SecretState = req.to_model(&req.state)?;
        req.to_value(&SecretPlan::generated(state))
    }
}
