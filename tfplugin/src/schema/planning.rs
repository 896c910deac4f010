//! The walk of the declared plan modifiers over a proposal (PlanResourceChange, before the
//! resource's own plan modification): computed attributes the configuration leaves null
//! become unknown when the resource is created or changes, then each attribute's modifiers
//! run in order, at every depth of nested blocks (each element of list, set and map
//! blocks). A replacement plans a new object: computed attributes are unknown again.

use super::{Attribute, Block, NestingMode};
use crate::cty::path::Place;
use crate::cty::{AttributePath, Value};
use crate::diagnostic::Diagnostics;
use crate::plan_modifier::{PlanContext, PlannedValue};

/// The plan after the declared modifiers.
#[derive(Debug)]
pub(crate) struct ModifiedPlan {
    /// The planned state.
    pub(crate) planned: Value,
    /// The attributes whose change forces replacement.
    pub(crate) requires_replace: Vec<AttributePath>,
    /// What the modifiers reported.
    pub(crate) diagnostics: Diagnostics,
}

/// Runs the SDK's unknown marking and every declared modifier over `proposed`. `prior` is
/// null on create.
pub(crate) fn modify_plan(
    block: &Block,
    prior: &Value,
    proposed: &Value,
    config: &Value,
) -> ModifiedPlan {
    let creating = prior.is_null();
    let mut walk = Walk {
        creating,
        changed: !creating && prior != proposed,
        modifiers: true,
        replace: Vec::new(),
        diagnostics: Diagnostics::new(),
    };
    let mut planned = proposed.clone();
    let (root, sides) = (
        Place::default(),
        Sides {
            prior,
            config,
            proposed,
        },
    );
    walk.block(block, sides, &mut planned, &root);
    if !walk.replace.is_empty() {
        // A replacement plans a new object.
        let mut again = Walk {
            creating: true,
            modifiers: false,
            ..walk
        };
        again.block(block, sides, &mut planned, &root);
        walk = again;
    }
    ModifiedPlan {
        planned,
        requires_replace: walk.replace,
        diagnostics: walk.diagnostics,
    }
}

/// One block instance's prior, configured and proposed values.
#[derive(Clone, Copy)]
struct Sides<'a> {
    prior: &'a Value,
    config: &'a Value,
    proposed: &'a Value,
}

impl<'a> Sides<'a> {
    /// The same part (`pick`) of each side.
    fn each(&self, pick: impl Fn(&'a Value) -> &'a Value) -> Sides<'a> {
        Sides {
            prior: pick(self.prior),
            config: pick(self.config),
            proposed: pick(self.proposed),
        }
    }

    fn get(&self, name: &str) -> Sides<'a> {
        self.each(|v| v.get(name))
    }
}

static NULL: Value = Value::Null;

struct Walk {
    creating: bool,
    changed: bool,
    modifiers: bool,
    replace: Vec<AttributePath>,
    diagnostics: Diagnostics,
}

impl Walk {
    fn block(&mut self, block: &Block, sides: Sides<'_>, planned: &mut Value, place: &Place) {
        let Value::Object(attrs) = planned else {
            return;
        };
        for attr in &block.attributes {
            let Some(value) = attrs.get_mut(&attr.name) else {
                continue;
            };
            let side = sides.get(&attr.name);
            if attr.computed && side.config.is_null() && (self.creating || self.changed) {
                *value = Value::Unknown;
            }
            if !self.modifiers || attr.plan_modifiers.is_empty() {
                continue;
            }
            let cx = PlanContext {
                name: &attr.name,
                path: place.attr(&attr.name),
                prior: side.prior,
                config: side.config,
                proposed: side.proposed,
                creating: self.creating,
            };
            let mut plan = PlannedValue {
                value: std::mem::take(value),
                ..Default::default()
            };
            for m in &attr.plan_modifiers {
                m.modify(&cx, &mut plan);
            }
            *value = plan.value;
            if plan.requires_replace && !self.replace.contains(&cx.path) {
                self.replace.push(cx.path);
            }
            self.diagnostics.extend(plan.diagnostics);
        }
        for nested in &block.blocks {
            let Some(value) = attrs.get_mut(&nested.type_name) else {
                continue;
            };
            let at = Place {
                path: place.attr(&nested.type_name),
                in_set: place.in_set,
            };
            self.nested(
                &nested.block,
                nested.nesting,
                sides.get(&nested.type_name),
                value,
                &at,
            );
        }
    }

    /// Walks each block instance of a nested block's value, with its prior and configured
    /// counterparts (a set element's are the elements equal to it in what the
    /// configuration sets).
    fn nested(
        &mut self,
        block: &Block,
        nesting: NestingMode,
        sides: Sides<'_>,
        planned: &mut Value,
        at: &Place,
    ) {
        match (nesting, planned) {
            (NestingMode::Single | NestingMode::Group, planned @ Value::Object(_)) => {
                self.block(block, sides, planned, at);
            }
            (NestingMode::List, Value::List(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let element = sides.each(|v| nth(v, i));
                    let index = i64::try_from(i).unwrap_or(i64::MAX);
                    let place = at.element(|p| p.then_index(index));
                    self.block(block, element, item, &place);
                }
            }
            (NestingMode::Map, Value::Map(items)) => {
                for (key, item) in items.iter_mut() {
                    let element = sides.each(|v| entry(v, key));
                    let place = at.element(|p| p.then_key(key));
                    self.block(block, element, item, &place);
                }
            }
            (NestingMode::Set, Value::Set(items)) => {
                let proposed = sides.proposed.as_elements().unwrap_or_default();
                for (i, item) in items.iter_mut().enumerate() {
                    let own = proposed.get(i).unwrap_or(&NULL);
                    let element = Sides {
                        prior: configured_match(block, own, sides.prior),
                        config: configured_match(block, own, sides.config),
                        proposed: own,
                    };
                    let place = Place {
                        path: at.path.clone(),
                        in_set: true,
                    };
                    self.block(block, element, item, &place);
                }
            }
            _ => {}
        }
    }
}

/// Element `i` of a list (null when there is none).
fn nth(list: &Value, i: usize) -> &Value {
    list.as_elements().and_then(|e| e.get(i)).unwrap_or(&NULL)
}

/// Entry `key` of a map (null when there is none).
fn entry<'a>(map: &'a Value, key: &str) -> &'a Value {
    match map {
        Value::Map(m) => m.get(key).unwrap_or(&NULL),
        _ => &NULL,
    }
}

/// The element of the set `among` equal to `element` in every attribute the configuration
/// alone sets (required, or optional and not computed); null when none is.
fn configured_match<'a>(block: &Block, element: &Value, among: &'a Value) -> &'a Value {
    let configured = |a: &&Attribute| a.required || (a.optional && !a.computed);
    among
        .as_elements()
        .unwrap_or_default()
        .iter()
        .find(|candidate| {
            block
                .attributes
                .iter()
                .filter(configured)
                .all(|a| candidate.get(&a.name) == element.get(&a.name))
        })
        .unwrap_or(&NULL)
}

#[cfg(test)]
mod tests;
