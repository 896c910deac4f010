//! Schemas: what attributes and nested blocks a provider, resource or data source has, and
//! how Terraform must treat each (required, optional, computed, sensitive, write-only).
//!
//! Built with small chained constructors, e.g.
//! `Attribute::required("secret_name", Type::String).description("...")`. Validators and
//! plan modifiers are declared on the attribute (see `validator/` and `plan_modifier/`);
//! typed models on the schema ([`Schema::model`]). The protocol form is in
//! `wire/to_proto.rs`.

use std::collections::BTreeMap;
use std::fmt;

mod attribute;

pub use attribute::Attribute;

use serde::de::DeserializeOwned;

use crate::cty::{AttributePath, Type, Value};
use crate::model::{self, ModelError};

/// A schema with its version (the version is stored with each resource's state).
#[derive(Debug, Clone)]
pub struct Schema {
    /// The version of the state's shape, stored with every state: bump it when the shape
    /// changes, and Terraform hands states of older versions to the resource's
    /// `upgrade_state` (UpgradeResourceState).
    pub version: i64,
    /// The top-level block.
    pub block: Block,
    models: Vec<ModelCheck>,
}

/// A typed model declared on a schema, checked by the server when it starts.
#[derive(Clone, Copy)]
struct ModelCheck {
    name: &'static str,
    check: fn(&Schema) -> Result<(), ModelError>,
}

impl fmt::Debug for ModelCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Schema {
    /// A version-0 schema of `block`.
    pub fn new(block: Block) -> Self {
        Schema {
            version: 0,
            block,
            models: Vec::new(),
        }
    }

    /// The same schema at another version.
    pub fn with_version(mut self, version: i64) -> Self {
        self.version = version;
        self
    }

    /// Declares that `T` models this schema's objects (its state, plan or configuration):
    /// the server compares the two once, when it starts, and answers every schema request
    /// with the disagreements as errors, so a mismatch shows on the first `terraform`
    /// command rather than on the first value that trips it. [`crate::model::check`] does
    /// the same in a test.
    pub fn model<T: DeserializeOwned>(mut self) -> Self {
        self.models.push(ModelCheck {
            name: std::any::type_name::<T>(),
            check: model::check::<T>,
        });
        self
    }

    /// Every declared model's disagreements with the schema.
    pub(crate) fn check_models(&self) -> Vec<(&'static str, ModelError)> {
        self.models
            .iter()
            .filter_map(|m| (m.check)(self).err().map(|e| (m.name, e)))
            .collect()
    }
}

/// A block: attributes and nested blocks.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The block's attributes.
    pub attributes: Vec<Attribute>,
    /// The block's nested block types.
    pub blocks: Vec<NestedBlock>,
    /// Markdown description.
    pub description: String,
    /// Whether the block is deprecated.
    pub deprecated: bool,
}

impl Block {
    /// An empty block.
    pub fn new() -> Self {
        Block::default()
    }

    /// Adds an attribute.
    pub fn attribute(mut self, attribute: Attribute) -> Self {
        self.attributes.push(attribute);
        self
    }

    /// Adds a nested block type.
    pub fn block(mut self, block: NestedBlock) -> Self {
        self.blocks.push(block);
        self
    }

    /// Sets the markdown description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    /// The attribute called `name`.
    pub fn find(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The object type a value of this block has.
    pub fn implied_type(&self) -> Type {
        let mut attrs: BTreeMap<String, Type> = self
            .attributes
            .iter()
            .map(|a| (a.name.clone(), a.ty.clone()))
            .collect();
        for nested in &self.blocks {
            let inner = nested.block.implied_type();
            let ty = match nested.nesting {
                NestingMode::Single | NestingMode::Group => inner,
                NestingMode::List => Type::list(inner),
                NestingMode::Set => Type::set(inner),
                NestingMode::Map => Type::map(inner),
            };
            attrs.insert(nested.type_name.clone(), ty);
        }
        Type::Object(attrs)
    }

    /// Sets every write-only attribute of `value` (this block's object) to null, recursing
    /// into nested blocks: Terraform requires write-only attributes to be null in plans and
    /// states.
    pub fn null_write_only(&self, value: &mut Value) {
        let Value::Object(map) = value else { return };
        for attr in self.attributes.iter().filter(|a| a.write_only) {
            if let Some(v) = map.get_mut(&attr.name) {
                *v = Value::Null;
            }
        }
        for nested in &self.blocks {
            let Some(v) = map.get_mut(&nested.type_name) else {
                continue;
            };
            match v {
                Value::Object(_) => nested.block.null_write_only(v),
                Value::List(items) | Value::Set(items) => items
                    .iter_mut()
                    .for_each(|i| nested.block.null_write_only(i)),
                Value::Map(items) => items
                    .values_mut()
                    .for_each(|i| nested.block.null_write_only(i)),
                _ => {}
            }
        }
    }
}

/// How a nested block repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NestingMode {
    /// At most one, as an object (null when absent).
    Single,
    /// Exactly one, as an object (never null).
    Group,
    /// A list of blocks.
    List,
    /// A set of blocks.
    Set,
    /// Blocks keyed by label.
    Map,
}

/// A nested block type.
#[derive(Debug, Clone)]
pub struct NestedBlock {
    /// The block's name in configuration.
    pub type_name: String,
    /// Its contents.
    pub block: Block,
    /// How it repeats.
    pub nesting: NestingMode,
    /// Minimum count (0 for none).
    pub min_items: i64,
    /// Maximum count (0 for no limit).
    pub max_items: i64,
}

impl NestedBlock {
    /// A nested block type with no count limits.
    pub fn new(type_name: &str, nesting: NestingMode, block: Block) -> Self {
        NestedBlock {
            type_name: type_name.to_string(),
            block,
            nesting,
            min_items: 0,
            max_items: 0,
        }
    }
}

/// Where a block instance sits: its path, and whether it is an element of a set. Terraform
/// has no address for a set element, so everything inside one (at any depth) is addressed
/// by the set's path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    pub(crate) path: AttributePath,
    pub(crate) in_set: bool,
}

impl Place {
    /// The path of attribute (or nested block) `name` of this instance.
    pub(crate) fn attr(&self, name: &str) -> AttributePath {
        if self.in_set {
            self.path.clone()
        } else {
            self.path.then_attr(name)
        }
    }

    /// The place of an element of this collection, `step` extending the path (unless the
    /// collection is inside a set element).
    pub(crate) fn element(&self, step: impl FnOnce(&AttributePath) -> AttributePath) -> Place {
        Place {
            path: if self.in_set {
                self.path.clone()
            } else {
                step(&self.path)
            },
            in_set: self.in_set,
        }
    }
}

/// The block instances of a nested block's value, each with its place: the object itself
/// (single, group), each element (list `[i]`, map `["key"]`), or each element of a set.
/// Nulls and unknowns hold none.
pub(crate) fn nested_elements<'v>(
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

/// The elements of a list, set or map value, each with its path (a set element's is the
/// set's).
pub(crate) fn value_elements<'v>(
    value: &'v Value,
    at: &AttributePath,
) -> Vec<(AttributePath, &'v Value)> {
    match value {
        Value::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (at.then_index(i64::try_from(i).unwrap_or(i64::MAX)), v))
            .collect(),
        Value::Set(items) => items.iter().map(|v| (at.clone(), v)).collect(),
        Value::Map(entries) => entries.iter().map(|(k, v)| (at.then_key(k), v)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block() -> Block {
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::optional("secret", Type::String).write_only())
            .block(NestedBlock::new(
                "rule",
                NestingMode::List,
                Block::new().attribute(Attribute::optional("token", Type::String).write_only()),
            ))
    }

    #[test]
    fn implied_type_includes_nested_blocks() {
        let expected = Type::object([
            ("name", Type::String),
            ("secret", Type::String),
            ("rule", Type::list(Type::object([("token", Type::String)]))),
        ]);
        assert_eq!(block().implied_type(), expected);
    }

    #[test]
    fn write_only_attributes_are_nulled_at_every_depth() {
        let mut v = Value::object([
            ("name", Value::string("n")),
            ("secret", Value::string("s")),
            (
                "rule",
                Value::List(vec![Value::object([("token", Value::string("t"))])]),
            ),
        ]);
        block().null_write_only(&mut v);
        assert_eq!(v.get("name").as_str(), Some("n"));
        assert!(v.get("secret").is_null());
        assert!(v
            .get("rule")
            .as_elements()
            .is_some_and(|r| r[0].get("token").is_null()));
    }
}
