//! One attribute of a block: its type, how Terraform treats it, and the validators and plan
//! modifiers declared on it.

use std::sync::Arc;

use crate::cty::Type;
use crate::plan_modifier::AttributePlanModifier;
use crate::validator::AttributeValidator;

/// One attribute of a block.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// The attribute's name.
    pub name: String,
    /// Its cty type.
    pub ty: Type,
    /// Markdown description.
    pub description: String,
    /// The configuration must set it.
    pub required: bool,
    /// The configuration may set it.
    pub optional: bool,
    /// The provider may set it.
    pub computed: bool,
    /// Terraform hides it in output.
    pub sensitive: bool,
    /// Terraform never stores it in plans or state (protocol 5.8, Terraform 1.11+).
    pub write_only: bool,
    /// Whether the attribute is deprecated.
    pub deprecated: bool,
    /// Checks run on validation, wherever the attribute is (nested blocks included).
    pub validators: Vec<Arc<dyn AttributeValidator>>,
    /// Adjustments run by PlanResourceChange, in order.
    pub plan_modifiers: Vec<Arc<dyn AttributePlanModifier>>,
}

impl Attribute {
    fn new(name: &str, ty: Type) -> Self {
        Attribute {
            name: name.to_string(),
            ty,
            description: String::new(),
            required: false,
            optional: false,
            computed: false,
            sensitive: false,
            write_only: false,
            deprecated: false,
            validators: Vec::new(),
            plan_modifiers: Vec::new(),
        }
    }

    /// An attribute the configuration must set.
    pub fn required(name: &str, ty: Type) -> Self {
        Attribute {
            required: true,
            ..Attribute::new(name, ty)
        }
    }

    /// An attribute the configuration may set.
    pub fn optional(name: &str, ty: Type) -> Self {
        Attribute {
            optional: true,
            ..Attribute::new(name, ty)
        }
    }

    /// An attribute only the provider sets.
    pub fn computed(name: &str, ty: Type) -> Self {
        Attribute {
            computed: true,
            ..Attribute::new(name, ty)
        }
    }

    /// An attribute the configuration may set, which the provider fills in otherwise.
    pub fn optional_computed(name: &str, ty: Type) -> Self {
        Attribute {
            optional: true,
            computed: true,
            ..Attribute::new(name, ty)
        }
    }

    /// Marks it sensitive.
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Marks it write-only.
    pub fn write_only(mut self) -> Self {
        self.write_only = true;
        self
    }

    /// Marks it deprecated.
    pub fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// Sets the markdown description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    /// Adds a validator: a built-in [`crate::Validator`], or any [`AttributeValidator`].
    pub fn validate(mut self, validator: impl AttributeValidator) -> Self {
        self.validators.push(Arc::new(validator));
        self
    }

    /// Adds a plan modifier: a built-in [`crate::PlanModifier`], or any
    /// [`AttributePlanModifier`]. They run in the order added.
    pub fn plan_modifier(mut self, modifier: impl AttributePlanModifier) -> Self {
        self.plan_modifiers.push(Arc::new(modifier));
        self
    }
}
