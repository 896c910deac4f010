//! The built-in plan modifiers: requires-replace (always, or when a predicate says so) and
//! use-state-for-unknown.

use std::fmt;
use std::sync::Arc;

use super::{AttributePlanModifier, PlanContext, PlannedValue};
use crate::cty::Value;

/// Decides from (prior value, planned value) whether a change forces replacement.
pub type ReplacePredicate = Arc<dyn Fn(&Value, &Value) -> bool + Send + Sync>;

/// A built-in plan modifier.
#[derive(Clone)]
pub enum PlanModifier {
    /// Any change of the value on update replaces the resource.
    RequiresReplace,
    /// A change replaces the resource when the predicate answers true.
    RequiresReplaceIf(ReplacePredicate),
    /// A computed attribute the configuration leaves unset keeps its prior value on
    /// update, rather than becoming unknown (not on replacement: a new object gets new
    /// values).
    UseStateForUnknown,
}

impl PlanModifier {
    /// Replacement when `predicate(prior, planned)` is true.
    pub fn requires_replace_if(
        predicate: impl Fn(&Value, &Value) -> bool + Send + Sync + 'static,
    ) -> Self {
        PlanModifier::RequiresReplaceIf(Arc::new(predicate))
    }
}

impl fmt::Debug for PlanModifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlanModifier::RequiresReplace => "RequiresReplace",
            PlanModifier::RequiresReplaceIf(_) => "RequiresReplaceIf(..)",
            PlanModifier::UseStateForUnknown => "UseStateForUnknown",
        })
    }
}

impl AttributePlanModifier for PlanModifier {
    fn modify(&self, cx: &PlanContext<'_>, plan: &mut PlannedValue) {
        if cx.creating {
            return;
        }
        match self {
            PlanModifier::RequiresReplace => {
                plan.requires_replace |= cx.prior != &plan.value;
            }
            PlanModifier::RequiresReplaceIf(p) => {
                plan.requires_replace |= p(cx.prior, &plan.value);
            }
            PlanModifier::UseStateForUnknown => {
                if plan.value.is_unknown() && cx.config.is_null() {
                    plan.value = cx.prior.clone();
                }
            }
        }
    }
}

/// True unless both are known strings equal ignoring ASCII case (or both null): for names a
/// remote system treats case-insensitively.
pub fn differs_ignoring_case(prior: &Value, planned: &Value) -> bool {
    match (prior.as_str(), planned.as_str()) {
        (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
        (a, b) => a.is_some() != b.is_some() || planned.is_unknown(),
    }
}
