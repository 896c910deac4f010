//! Plan modifiers declared on an attribute, run by the server on PlanResourceChange before
//! the resource's own plan: requires-replace (always, or if a predicate says so) and
//! use-state-for-unknown.
//!
//! Besides them the server marks computed attributes the configuration leaves null as
//! unknown ("known after apply") when the resource is created or replaced, or when it is
//! updated and the attribute does not use the prior state.

use std::fmt;
use std::sync::Arc;

use crate::cty::{AttributePath, Value};
use crate::schema::Block;

/// Decides from (prior value, planned value) whether a change forces replacement.
pub type ReplacePredicate = Arc<dyn Fn(&Value, &Value) -> bool + Send + Sync>;

/// One plan modifier on one attribute.
#[derive(Clone)]
pub enum PlanModifier {
    /// Any change of the value on update replaces the resource.
    RequiresReplace,
    /// A change replaces the resource when the predicate answers true.
    RequiresReplaceIf(ReplacePredicate),
    /// A computed attribute keeps its prior value on update (not on replacement).
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

impl PartialEq for PlanModifier {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PlanModifier::RequiresReplaceIf(a), PlanModifier::RequiresReplaceIf(b)) => {
                Arc::ptr_eq(a, b)
            }
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
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

/// The planned state after the declared modifiers, and the attributes that force
/// replacement. `prior` is null on create.
pub fn modify_plan(
    block: &Block,
    prior: &Value,
    proposed: Value,
    config: &Value,
) -> (Value, Vec<AttributePath>) {
    let mut planned = proposed;
    let mut replace = Vec::new();
    if !prior.is_null() {
        for attr in &block.attributes {
            let (before, after) = (prior.get(&attr.name), planned.get(&attr.name));
            let forces = attr.plan_modifiers.iter().any(|m| match m {
                PlanModifier::RequiresReplace => before != after,
                PlanModifier::RequiresReplaceIf(p) => p(before, after),
                PlanModifier::UseStateForUnknown => false,
            });
            if forces {
                replace.push(AttributePath::attr(&attr.name));
            }
        }
    }
    let creating = prior.is_null() || !replace.is_empty();
    let changed = !creating && prior != &planned;
    for attr in block.attributes.iter().filter(|a| a.computed) {
        if !config.get(&attr.name).is_null() {
            continue;
        }
        let keeps = attr
            .plan_modifiers
            .contains(&PlanModifier::UseStateForUnknown);
        if creating || (changed && !keeps) {
            planned.set(&attr.name, Value::Unknown);
        }
    }
    (planned, replace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;
    use crate::schema::Attribute;

    fn block() -> Block {
        Block::new()
            .attribute(
                Attribute::required("name", Type::String)
                    .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case)),
            )
            .attribute(Attribute::optional("note", Type::String))
            .attribute(
                Attribute::computed("id", Type::String)
                    .plan_modifier(PlanModifier::UseStateForUnknown),
            )
            .attribute(Attribute::computed("stamp", Type::String))
    }

    fn state(name: &str, note: &str) -> Value {
        Value::object([
            ("name", Value::string(name)),
            ("note", Value::string(note)),
            ("id", Value::string("1")),
            ("stamp", Value::string("t")),
        ])
    }

    #[test]
    fn create_marks_computed_unknown() {
        let (p, r) = modify_plan(&block(), &Value::Null, state("a", "n"), &Value::Null);
        assert!(r.is_empty() && p.get("id").is_unknown() && p.get("stamp").is_unknown());
    }

    #[test]
    fn case_change_is_no_replacement_and_state_is_kept_where_asked() {
        let (p, r) = modify_plan(&block(), &state("a", "n"), state("A", "n"), &Value::Null);
        assert!(r.is_empty());
        assert_eq!(p.get("id").as_str(), Some("1"));
        assert!(p.get("stamp").is_unknown());
        let (p, _) = modify_plan(&block(), &state("a", "n"), state("a", "n"), &Value::Null);
        assert_eq!(p.get("stamp").as_str(), Some("t"));
    }

    #[test]
    fn rename_replaces_and_forgets_computed_values() {
        let (p, r) = modify_plan(&block(), &state("a", "n"), state("b", "n"), &Value::Null);
        assert_eq!(r, vec![AttributePath::attr("name")]);
        assert!(p.get("id").is_unknown());
    }
}
