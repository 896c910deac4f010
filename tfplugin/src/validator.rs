//! Validation declared on attributes: the open [`AttributeValidator`] trait, the built-in
//! [`Validator`]s (string rules, one-of, conflicts-with, required-with, exactly-one-of,
//! each element), and the walk that runs them.
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

pub use builtin::{Message, Validator};

use crate::cty::{AttributePath, Value};
use crate::diagnostic::Diagnostics;
use crate::schema::{nested_elements, Block, Place};

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

/// Runs every validator declared in `block`, at every depth, against `config` (a value of
/// the block).
pub fn validate_block(block: &Block, config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    walk(block, config, &Place::default(), &mut diags);
    diags
}

fn walk(block: &Block, object: &Value, place: &Place, diags: &mut Diagnostics) {
    if !matches!(object, Value::Object(_)) {
        return;
    }
    for attr in &block.attributes {
        let cx = ValidateContext {
            name: &attr.name,
            path: place.attr(&attr.name),
            value: object.get(&attr.name),
            object,
            block_path: place.path.clone(),
            in_set: place.in_set,
        };
        for v in &attr.validators {
            diags.extend(v.validate(&cx));
        }
    }
    for nested in &block.blocks {
        let value = object.get(&nested.type_name);
        for (element, value) in nested_elements(nested.nesting, value, place, &nested.type_name) {
            walk(&nested.block, value, &element, diags);
        }
    }
}

#[cfg(test)]
mod tests;
