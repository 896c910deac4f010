//! Schemas: what attributes and nested blocks a provider, resource or data source has, and
//! how Terraform must treat each (required, optional, computed, sensitive, write-only).
//!
//! Built with small chained constructors, e.g.
//! `Attribute::required("secret_name", Type::String).description("...")`. Validators and
//! plan modifiers are declared on the attribute (see `validator.rs`, `plan_modifier.rs`);
//! the wire form is `wire.rs`.

use std::collections::BTreeMap;

mod attribute;
mod wire;

pub use attribute::Attribute;

use crate::cty::Type;
use crate::cty::Value;

/// A schema with its version (the version is stored with each resource's state).
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// Bumped when the state's shape changes; drives `UpgradeResourceState`.
    pub version: i64,
    /// The top-level block.
    pub block: Block,
}

impl Schema {
    /// A version-0 schema of `block`.
    pub fn new(block: Block) -> Self {
        Schema { version: 0, block }
    }

    /// The same schema at another version.
    pub fn with_version(mut self, version: i64) -> Self {
        self.version = version;
        self
    }
}

/// A block: attributes and nested blocks.
#[derive(Debug, Clone, Default, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
