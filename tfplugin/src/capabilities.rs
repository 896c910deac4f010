//! What the Terraform client says it can do (`ClientCapabilities`, protocol 5.8), as the
//! provider sees it. The server capabilities the SDK announces are in `wire/to_proto.rs`.

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
}
