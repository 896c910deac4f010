//! The newtype names the model's own types go through serde with, so the codec can tell
//! them from a user's newtypes.

/// The newtype name [`MaybeUnknown`](super::maybe_unknown::MaybeUnknown) goes through serde
/// with.
pub(super) const UNKNOWN_TOKEN: &str = "$tfplugin::MaybeUnknown";
/// The newtype name [`Value`](crate::cty::Value) goes through serde with.
pub(super) const VALUE_TOKEN: &str = "$tfplugin::Value";
/// The newtype name a [`Number`](crate::cty::Number) that fits no primitive goes through
/// serde with.
pub(super) const NUMBER_TOKEN: &str = "$tfplugin::Number";
