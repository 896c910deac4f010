//! The check of a secret's configuration, in every scope, that the declared validators
//! (`rules.rs`) cannot make: `value_wo` needs a client that announces write-only support.
//! Nothing here calls GitHub.

use super::model::SecretPlan;
use super::schema::decode;
use crate::provider::scope::Scope;
use crate::provider::support::is_set;
use tfplugin::{AttributePath, Diagnostic, Diagnostics, ValidateRequest};

/// What the declared validators cannot check: `value_wo` needs a client that announces
/// write-only support.
pub fn validate(scope: Scope, req: &ValidateRequest) -> Diagnostics {
    // A configuration the model cannot hold (a fractional repository ID) is one the
    // declared validators have reported already.
    let Ok(config) = decode::<SecretPlan>(scope, &req.config) else {
        return Diagnostics::new();
    };
    if !is_set(&config.value_wo) || req.capabilities.write_only_attributes_allowed {
        return Diagnostics::new();
    }
    Diagnostic::error(
        "Write-only attributes are not supported by this Terraform",
        "`value_wo` is a write-only attribute, which needs Terraform 1.11 or later (or a \
         client that announces write-only support). Upgrade Terraform, or use `value` \
         instead (it is stored in the state).",
    )
    .at(AttributePath::attr("value_wo"))
    .into()
}

#[cfg(test)]
mod tests;
