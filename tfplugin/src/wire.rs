//! The protocol's own messages, kept apart from the public types (as the Go SDK splits
//! `fromproto` and `toproto`): `from_proto.rs` reads what Terraform sends into the SDK's
//! types, `to_proto.rs` writes the SDK's types as the protocol carries them, and
//! `dynamic_value.rs` is the `DynamicValue` envelope around cty values. Nothing here is
//! public: a provider never sees a generated protobuf type.

pub(crate) mod dynamic_value;
pub(crate) mod from_proto;
pub(crate) mod to_proto;
