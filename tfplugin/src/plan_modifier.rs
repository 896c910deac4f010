//! Plan modifiers declared on attributes: the open [`AttributePlanModifier`] trait, what a
//! modifier sees and may change ([`PlanContext`], [`PlannedValue`]), and the built-in
//! [`PlanModifier`]s. The walk the server runs on PlanResourceChange before the resource's
//! own plan modification is the schema's (`schema/planning.rs`).
//!
//! In one walk over the proposal, at every depth of nested blocks (each element of list,
//! set and map blocks), the SDK first marks computed attributes the configuration leaves
//! null as unknown ("known after apply") when the resource is created or changes, then
//! runs each attribute's modifiers in order. When any modifier asks for replacement, the
//! plan is that of a new object: computed attributes the configuration leaves null are
//! unknown again, whatever a modifier kept.

mod builtin;

use std::fmt;

pub use builtin::{differs_ignoring_case, PlanModifier, ReplacePredicate};

use crate::cty::{AttributePath, Value};
use crate::diagnostic::Diagnostics;

/// What a plan modifier sees of one attribute (in one block instance).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanContext<'a> {
    /// The attribute's name.
    pub name: &'a str,
    /// The attribute's full path.
    pub path: AttributePath,
    /// Its value in the prior state: null on create, and for a block element the prior
    /// state does not have.
    pub prior: &'a Value,
    /// Its value in the configuration.
    pub config: &'a Value,
    /// Terraform's proposal for it, before any modification.
    pub proposed: &'a Value,
    /// The resource instance is being created (no prior state).
    pub creating: bool,
}

/// What a plan modifier may change.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PlannedValue {
    /// The planned value so far (after the SDK's unknown marking and the modifiers before).
    pub value: Value,
    /// Set to ask for replacement of the resource.
    pub requires_replace: bool,
    /// Problems; an error fails the plan.
    pub diagnostics: Diagnostics,
}

/// An adjustment of an attribute's planned value, declared on the attribute.
pub trait AttributePlanModifier: Send + Sync + 'static {
    /// Adjusts `plan` for the attribute `cx` describes.
    fn modify(&self, cx: &PlanContext<'_>, plan: &mut PlannedValue);
}

impl fmt::Debug for dyn AttributePlanModifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttributePlanModifier")
    }
}
