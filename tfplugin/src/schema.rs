//! Schemas: what attributes and nested blocks a provider, resource or data source has, and
//! how Terraform must treat each (required, optional, computed, sensitive, write-only).
//!
//! Built with small chained constructors, e.g.
//! `Attribute::required("secret_name", Type::String).description("...")`. Validators and
//! plan modifiers are declared on the attribute (their traits and built-ins are in
//! `validator.rs` and `plan_modifier.rs`, below this module); typed models on the schema
//! ([`Schema::model`]). What the server runs over values with a schema lives here too:
//! the walk of the declared validators (`validation.rs`), the walk of the declared plan
//! modifiers (`planning.rs`), and the typing requests carry for their models
//! (`typing.rs`). The protocol form is in `wire/to_proto.rs`.

use std::collections::BTreeMap;
use std::fmt;

mod attribute;
mod planning;
pub(crate) mod typing;
mod validation;

pub use attribute::{ArgumentBuilder, Attribute, ComputedBuilder, OptionalComputedBuilder};
pub(crate) use planning::modify_plan;
pub(crate) use typing::{typed_request, Typing};
pub(crate) use validation::validate_block;

use serde::de::DeserializeOwned;

use crate::cty::{Type, Value};
use crate::model::{self, ModelError};

/// A schema with its version (the version is stored with each resource's state).
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    /// command rather than on the first value that trips it. [`Schema::check_model`] does
    /// the same in a test.
    pub fn model<T: DeserializeOwned>(mut self) -> Self {
        self.models.push(ModelCheck {
            name: std::any::type_name::<T>(),
            check: |schema| schema.check_model::<T>(),
        });
        self
    }

    /// Compares the struct `T` with this schema without any value: every attribute (nested
    /// blocks included, at every depth a struct reaches) must be a field and every field
    /// an attribute, of a matching kind. `Err` lists every disagreement found.
    ///
    /// A field whose own `Deserialize` refuses the probe's placeholder (an empty string, a
    /// zero) ends the comparison of the struct that holds it, after its field names.
    pub fn check_model<T: DeserializeOwned>(&self) -> Result<(), ModelError> {
        model::check::<T>(&self.block.shape())
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
#[non_exhaustive]
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

    /// Adds an attribute (any of [`Attribute`]'s builders).
    pub fn attribute(mut self, attribute: impl Into<Attribute>) -> Self {
        self.attributes.push(attribute.into());
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
    pub(crate) fn null_write_only(&self, value: &mut Value) {
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
#[non_exhaustive]
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
mod tests;
