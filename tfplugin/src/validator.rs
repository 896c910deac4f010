//! Validation declared on attributes: the open [`AttributeValidator`] trait, what a
//! validator sees ([`ValidateContext`]), and the built-in [`Validator`]s (string rules,
//! one-of, conflicts-with, required-with, exactly-one-of, each element). The walk that runs
//! them over a configuration is the schema's (`schema/validation.rs`).
//!
//! The server runs every declared validator on ValidateResourceTypeConfig (and the data
//! source, list and provider equivalents) before the type's own `validate`: on the
//! top-level attributes, on those of nested blocks at every depth, and for list, set and
//! map blocks on every element; each diagnostic points at the full path
//! (`rule[1].port`, `tags["env"]`). A set element has no address Terraform can show, so
//! diagnostics inside one point at the set.
//!
//! Unknown values are let through by the built-ins (Terraform validates again once they
//! are known); "set" means "not null", so an unknown value counts as set.

mod builtin;

use std::fmt;

pub use builtin::Validator;

use crate::cty::path::Place;
use crate::cty::{AttributePath, Value};
use crate::diagnostic::Diagnostics;

/// What a validator sees: one attribute's value (or one element's, inside
/// [`Validator::each`]) and the block instance around it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidateContext<'a> {
    /// The attribute's name.
    pub name: &'a str,
    /// The full path of the value checked, for diagnostics.
    pub path: AttributePath,
    /// The value checked (may be null or unknown).
    pub value: &'a Value,
    /// The block instance holding the attribute, for rules across attributes.
    pub object: &'a Value,
    /// The full path of that block instance.
    pub block_path: AttributePath,
    pub(crate) in_set: bool,
}

impl<'a> ValidateContext<'a> {
    /// The context of the top-level attribute `name` of `object` (for a validator's tests).
    pub fn of_attribute(object: &'a Value, name: &'a str) -> Self {
        ValidateContext {
            name,
            path: AttributePath::attr(name),
            value: object.get(name),
            object,
            block_path: AttributePath::root(),
            in_set: false,
        }
    }

    /// The full path of attribute `name` of the same block instance (the set's, inside a
    /// set element).
    pub fn sibling(&self, name: &str) -> AttributePath {
        Place {
            path: self.block_path.clone(),
            in_set: self.in_set,
        }
        .attr(name)
    }
}

/// A check declared on an attribute: answers the diagnostics for the value in `cx` (none
/// when it passes). Implement it for rules of your own, or use a closure
/// `|cx: &ValidateContext<'_>| -> Diagnostics`.
pub trait AttributeValidator: Send + Sync + 'static {
    /// Checks `cx.value`.
    fn validate(&self, cx: &ValidateContext<'_>) -> Diagnostics;
}

impl<F> AttributeValidator for F
where
    F: Fn(&ValidateContext<'_>) -> Diagnostics + Send + Sync + 'static,
{
    fn validate(&self, cx: &ValidateContext<'_>) -> Diagnostics {
        self(cx)
    }
}

impl fmt::Debug for dyn AttributeValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttributeValidator")
    }
}

#[cfg(test)]
mod tests;
