//! What Terraform sends, read into the SDK's types: client capabilities, identity data and
//! stored states.

use super::dynamic_value::decode;
use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::diagnostic::Diagnostic;
use crate::identity::IdentitySchema;
use crate::proto::tfplugin5 as pb;
use crate::resource::RawState;

/// What the client announced, or nothing.
pub(crate) fn client_capabilities(c: Option<&pb::ClientCapabilities>) -> ClientCapabilities {
    c.map_or_else(ClientCapabilities::default, |c| ClientCapabilities {
        deferral_allowed: c.deferral_allowed,
        write_only_attributes_allowed: c.write_only_attributes_allowed,
    })
}

/// Identity data decoded with the type's identity schema; none without a schema or when
/// Terraform sent none.
pub(crate) fn identity_data(
    schema: Option<&IdentitySchema>,
    data: Option<&pb::ResourceIdentityData>,
) -> Result<Option<Value>, Diagnostic> {
    let (Some(schema), Some(dv)) = (schema, data.and_then(|d| d.identity_data.as_ref())) else {
        return Ok(None);
    };
    decode(Some(dv), &schema.implied_type()).map(Some)
}

/// A stored state as Terraform hands it to UpgradeResourceState: JSON (Terraform 0.12 and
/// later), else the legacy flatmap.
pub(crate) fn raw_state(raw: Option<pb::RawState>) -> RawState {
    match raw {
        Some(r) if r.json.is_empty() && !r.flatmap.is_empty() => {
            RawState::Flatmap(r.flatmap.into_iter().collect())
        }
        Some(r) => RawState::Json(r.json),
        None => RawState::Json(Vec::new()),
    }
}
