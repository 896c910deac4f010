//! Attribute paths: the address of one attribute or element inside a value, as
//! diagnostics and codec errors report it; and the place of a block instance, whose
//! attributes inside a set element share the set's path.

use std::fmt;

/// One step of an attribute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// An object attribute or nested block by name.
    Attribute(String),
    /// A map element by key.
    Key(String),
    /// A list or tuple element by index.
    Index(i64),
}

/// A path from the root of a resource's object to one attribute or element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributePath {
    /// The steps, outermost first.
    pub steps: Vec<PathStep>,
}

impl AttributePath {
    /// The root of the object.
    pub fn root() -> Self {
        AttributePath::default()
    }

    /// A path to a top-level attribute.
    pub fn attr(name: &str) -> Self {
        AttributePath::root().then_attr(name)
    }

    /// This path extended by an attribute step.
    pub fn then_attr(&self, name: &str) -> Self {
        self.then(PathStep::Attribute(name.to_string()))
    }

    /// This path extended by a map-key step.
    pub fn then_key(&self, key: &str) -> Self {
        self.then(PathStep::Key(key.to_string()))
    }

    /// This path extended by an index step.
    pub fn then_index(&self, index: i64) -> Self {
        self.then(PathStep::Index(index))
    }

    fn then(&self, step: PathStep) -> Self {
        let mut steps = self.steps.clone();
        steps.push(step);
        AttributePath { steps }
    }
}

impl fmt::Display for AttributePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                PathStep::Attribute(a) if i == 0 => write!(f, "{a}")?,
                PathStep::Attribute(a) => write!(f, ".{a}")?,
                PathStep::Key(k) => write!(f, "[{k:?}]")?,
                PathStep::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
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
