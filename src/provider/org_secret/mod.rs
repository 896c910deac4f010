//! `codespaces_org_secret`: one Codespaces organization secret, its value (plaintext,
//! write-only plaintext, or sealed elsewhere), its visibility and, optionally, the
//! repositories allowed to read it. Everything but the name updates in place.
//!
//! Reading order: the schema here, then `validate.rs`, `plan.rs`, `apply.rs`, `read.rs`
//! (refresh and import).

mod apply;
mod plan;
mod read;
mod validate;

use std::sync::Arc;

use async_trait::async_trait;

use super::state::ProviderState;
use tfplugin::{
    ApplyRequest, ApplyResponse, Attribute, Block, Diagnostics, ImportResponse, PlanRequest,
    PlanResponse, ReadRequest, ReadResponse, Resource, Schema, Type, ValidateRequest,
};

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

fn schema() -> Schema {
    Schema::new(
        Block::new()
            .description(
                "A GitHub Codespaces organization secret. Set exactly one of `value`, \
                 `value_wo` or `encrypted_value`. Every change except `secret_name` is made \
                 in place.",
            )
            .attribute(Attribute::computed("id", Type::String).description(
                "The secret's name as GitHub reports it (upper-case). Also the import ID.",
            ))
            .attribute(Attribute::required("secret_name", Type::String).description(
                "The secret's name: letters, digits and underscores, not starting with a digit \
                 nor with `GITHUB_`. GitHub ignores case (`db_password` and `DB_PASSWORD` are \
                 the same secret). Changing it (other than its case) replaces the secret.",
            ))
            .attribute(
                Attribute::optional("value", Type::String)
                    .sensitive()
                    .description(
                        "The plaintext value, sealed by the provider with the organization's \
                         public key before it is sent. At most 48 KiB. Stored in the Terraform \
                         state: prefer `value_wo` where Terraform 1.11+ is available.",
                    ),
            )
            .attribute(
                Attribute::optional("value_wo", Type::String)
                    .sensitive()
                    .write_only()
                    .description(
                        "The plaintext value as a write-only attribute (Terraform 1.11+): sent \
                         to GitHub, never stored in the plan or the state. Change \
                         `value_wo_version` to send a new value. At most 48 KiB.",
                    ),
            )
            .attribute(
                Attribute::optional("value_wo_version", Type::Number).description(
                    "Any number; changing it sends `value_wo` again. Only with `value_wo`.",
                ),
            )
            .attribute(
                Attribute::optional("encrypted_value", Type::String)
                    .sensitive()
                    .description(
                        "A value already sealed (libsodium sealed box, base64) with the \
                         organization's public key, for values encrypted outside Terraform. \
                         Requires `key_id`.",
                    ),
            )
            .attribute(
                Attribute::optional_computed("key_id", Type::String).description(
                    "The ID of the public key the value was sealed with. Set it together with \
                     `encrypted_value`; otherwise the provider fills it in.",
                ),
            )
            .attribute(Attribute::required("visibility", Type::String).description(
                "Which repositories may use the secret: `all`, `private` or `selected`.",
            ))
            .attribute(
                Attribute::optional("selected_repository_ids", Type::set(Type::Number))
                    .description(
                        "The IDs of the repositories that may use the secret; only with \
                         `visibility = \"selected\"`. Leave it unset to manage access with \
                         `codespaces_org_secret_repository` (or outside Terraform): the \
                         provider then keeps whatever grants exist when it updates the secret.",
                    ),
            )
            .attribute(
                Attribute::computed("created_at", Type::String)
                    .description("When the secret was created (RFC 3339)."),
            )
            .attribute(Attribute::computed("updated_at", Type::String).description(
                "When the secret was last updated (RFC 3339). When GitHub reports a newer time \
                 than the provider's last write, the next plan sends the value again.",
            )),
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

    async fn validate(&self, req: ValidateRequest) -> Diagnostics {
        validate::validate(&req.config, req.capabilities)
    }

    async fn plan(&self, req: PlanRequest) -> PlanResponse {
        plan::plan(req)
    }

    async fn apply(&self, req: ApplyRequest) -> ApplyResponse {
        apply::apply(&self.provider, req).await
    }

    async fn read(&self, req: ReadRequest) -> ReadResponse {
        read::read(&self.provider, req).await
    }

    async fn import(&self, id: &str) -> ImportResponse {
        read::import(&self.provider, id).await
    }
}
