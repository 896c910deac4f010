//! What each side says it can do: the client's `ClientCapabilities` (protocol 5.8) as the
//! provider sees them, and the server capabilities the SDK announces.

use crate::proto::tfplugin5 as pb;

/// What the Terraform client says it can do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientCapabilities {
    /// The client can handle deferred actions.
    pub deferral_allowed: bool,
    /// The client supports write-only attributes (Terraform 1.11+).
    pub write_only_attributes_allowed: bool,
}

impl ClientCapabilities {
    /// Capabilities with write-only support as given, nothing else.
    pub fn with_write_only(write_only_attributes_allowed: bool) -> Self {
        ClientCapabilities {
            write_only_attributes_allowed,
            ..Default::default()
        }
    }

    /// What the client announced, or nothing.
    pub fn from_wire(c: Option<&pb::ClientCapabilities>) -> Self {
        c.map_or_else(ClientCapabilities::default, |c| ClientCapabilities {
            deferral_allowed: c.deferral_allowed,
            write_only_attributes_allowed: c.write_only_attributes_allowed,
        })
    }
}

/// The server capabilities: destroy plans always; GenerateResourceConfig when the provider
/// serves list resources (whose results Terraform turns into configuration).
pub fn server_capabilities(generate_resource_config: bool) -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state: false,
        generate_resource_config,
        ..Default::default()
    }
}
