//! The walk of the declared validators over a configuration: every attribute's
//! validators, at every depth of nested blocks and on every element of list, set and map
//! blocks, each diagnostic at the full path (`rule[1].port`; inside a set element, the
//! set's).

use super::{Block, NestingMode};
use crate::cty::path::Place;
use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::validator::ValidateContext;

/// Runs every validator declared in `block`, at every depth, against `config` (a value of
/// the block).
pub(crate) fn validate_block(block: &Block, config: &Value) -> Diagnostics {
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

/// The block instances of a nested block's value, each with its place: the object itself
/// (single, group), each element (list `[i]`, map `["key"]`), or each element of a set.
/// Nulls and unknowns hold none.
fn nested_elements<'v>(
    nesting: NestingMode,
    value: &'v Value,
    at: &Place,
    name: &str,
) -> Vec<(Place, &'v Value)> {
    let here = Place {
        path: at.attr(name),
        in_set: at.in_set,
    };
    match (nesting, value) {
        (NestingMode::Single | NestingMode::Group, Value::Object(_)) => vec![(here, value)],
        (NestingMode::Set, Value::Set(items)) => {
            let inside = Place {
                in_set: true,
                ..here
            };
            items.iter().map(|v| (inside.clone(), v)).collect()
        }
        (NestingMode::List, Value::List(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    here.element(|p| p.then_index(i64::try_from(i).unwrap_or(i64::MAX))),
                    v,
                )
            })
            .collect(),
        (NestingMode::Map, Value::Map(entries)) => entries
            .iter()
            .map(|(k, v)| (here.element(|p| p.then_key(k)), v))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
