//! One attribute of a block: its type, how Terraform treats it, and the validators and plan
//! modifiers declared on it.
//!
//! An attribute is built by kind, so that only what Terraform accepts can be written: each
//! constructor of [`Attribute`] answers a builder of its kind, and a builder offers only the
//! settings that kind may have. What the configuration sets ([`Attribute::required`],
//! [`Attribute::optional`]: an [`ArgumentBuilder`]) may be write-only; what the provider
//! may fill in ([`Attribute::optional_computed`]) may not; what only the provider sets
//! ([`Attribute::computed`]) has no configuration value to validate either. Every builder
//! turns into an [`Attribute`] where a block takes one.

use std::sync::Arc;

use crate::cty::Type;
use crate::plan_modifier::AttributePlanModifier;
use crate::validator::AttributeValidator;

/// One attribute of a block, as built by [`Attribute::required`], [`Attribute::optional`],
/// [`Attribute::optional_computed`] or [`Attribute::computed`]; read it with its getters.
///
/// ```
/// use tfplugin::{Attribute, Block, PlanModifier, Type, Validator};
///
/// let block = Block::new()
///     .attribute(Attribute::required("name", Type::String).validate(Validator::one_of("name", &["a"])))
///     .attribute(Attribute::optional("token", Type::String).sensitive().write_only())
///     .attribute(Attribute::optional_computed("key_id", Type::String).validate(Validator::required_with(&["token"])))
///     .attribute(Attribute::computed("id", Type::String).plan_modifier(PlanModifier::UseStateForUnknown));
/// assert!(block.attributes[1].is_write_only());
/// ```
///
/// What Terraform refuses does not compile: a write-only attribute the provider may set,
///
/// ```compile_fail,E0599
/// use tfplugin::{Attribute, Type};
///
/// let key_id = Attribute::optional_computed("key_id", Type::String).write_only();
/// ```
///
/// or a validator on an attribute no configuration sets.
///
/// ```compile_fail,E0599
/// use tfplugin::{Attribute, Type, Validator};
///
/// let id = Attribute::computed("id", Type::String).validate(Validator::one_of("id", &["a"]));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Attribute {
    pub(crate) name: String,
    pub(crate) ty: Type,
    pub(crate) description: String,
    /// The configuration must set it.
    pub(crate) required: bool,
    /// The configuration may set it.
    pub(crate) optional: bool,
    /// The provider may set it.
    pub(crate) computed: bool,
    pub(crate) sensitive: bool,
    /// Never stored in plans or state (protocol 5.8, Terraform 1.11+).
    pub(crate) write_only: bool,
    pub(crate) deprecated: bool,
    /// Checks run on validation, wherever the attribute is (nested blocks included).
    pub(crate) validators: Vec<Arc<dyn AttributeValidator>>,
    /// Adjustments run by PlanResourceChange, in order.
    pub(crate) plan_modifiers: Vec<Arc<dyn AttributePlanModifier>>,
}

impl Attribute {
    fn new(name: &str, ty: Type, required: bool, optional: bool, computed: bool) -> Self {
        Attribute {
            name: name.to_string(),
            ty,
            description: String::new(),
            required,
            optional,
            computed,
            sensitive: false,
            write_only: false,
            deprecated: false,
            validators: Vec::new(),
            plan_modifiers: Vec::new(),
        }
    }

    /// An attribute the configuration must set.
    pub fn required(name: &str, ty: Type) -> ArgumentBuilder {
        ArgumentBuilder(Attribute::new(name, ty, true, false, false))
    }

    /// An attribute the configuration may set.
    pub fn optional(name: &str, ty: Type) -> ArgumentBuilder {
        ArgumentBuilder(Attribute::new(name, ty, false, true, false))
    }

    /// An attribute the configuration may set, which the provider fills in otherwise.
    pub fn optional_computed(name: &str, ty: Type) -> OptionalComputedBuilder {
        OptionalComputedBuilder(Attribute::new(name, ty, false, true, true))
    }

    /// An attribute only the provider sets.
    pub fn computed(name: &str, ty: Type) -> ComputedBuilder {
        ComputedBuilder(Attribute::new(name, ty, false, false, true))
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its cty type.
    pub fn ty(&self) -> &Type {
        &self.ty
    }

    /// Its markdown description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The configuration must set it.
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The configuration may set it (optional, or optional and computed).
    pub fn is_optional(&self) -> bool {
        self.optional
    }

    /// The provider may set it (computed, or optional and computed).
    pub fn is_computed(&self) -> bool {
        self.computed
    }

    /// Terraform hides it in output.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// Terraform never stores it in plans or state (protocol 5.8, Terraform 1.11+).
    pub fn is_write_only(&self) -> bool {
        self.write_only
    }

    /// It is deprecated.
    pub fn is_deprecated(&self) -> bool {
        self.deprecated
    }
}

/// The settings every kind of attribute has, for each builder.
macro_rules! common_settings {
    ($($builder:ident),*) => {$(
        impl $builder {
            /// Sets the markdown description.
            pub fn description(mut self, text: impl Into<String>) -> Self {
                self.0.description = text.into();
                self
            }

            /// Marks it sensitive: Terraform hides it in output.
            pub fn sensitive(mut self) -> Self {
                self.0.sensitive = true;
                self
            }

            /// Marks it deprecated.
            pub fn deprecated(mut self) -> Self {
                self.0.deprecated = true;
                self
            }

            /// Adds a plan modifier: a built-in
            /// [`PlanModifier`](crate::plan_modifier::PlanModifier), or any
            /// [`AttributePlanModifier`]. They run in the order added.
            pub fn plan_modifier(mut self, modifier: impl AttributePlanModifier) -> Self {
                self.0.plan_modifiers.push(Arc::new(modifier));
                self
            }
        }

        impl From<$builder> for Attribute {
            fn from(builder: $builder) -> Attribute {
                builder.0
            }
        }
    )*};
}

/// Validators, for the kinds the configuration may set.
macro_rules! validate_setting {
    ($($builder:ident),*) => {$(
        impl $builder {
            /// Adds a validator: a built-in [`Validator`](crate::validator::Validator), or
            /// any [`AttributeValidator`].
            pub fn validate(mut self, validator: impl AttributeValidator) -> Self {
                self.0.validators.push(Arc::new(validator));
                self
            }
        }
    )*};
}

/// A required or optional attribute being built: the configuration sets it.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until a block takes it"]
pub struct ArgumentBuilder(Attribute);

/// An optional and computed attribute being built: the configuration may set it, the
/// provider fills it in otherwise. It cannot be write-only (the provider's value would be
/// stored).
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until a block takes it"]
pub struct OptionalComputedBuilder(Attribute);

/// A computed attribute being built: only the provider sets it, so there is nothing to
/// validate and it cannot be write-only.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until a block takes it"]
pub struct ComputedBuilder(Attribute);

common_settings!(ArgumentBuilder, OptionalComputedBuilder, ComputedBuilder);
validate_setting!(ArgumentBuilder, OptionalComputedBuilder);

impl ArgumentBuilder {
    /// Marks it write-only: Terraform never stores it in plans or state (protocol 5.8,
    /// Terraform 1.11+); the SDK nulls it in every plan and state it answers.
    pub fn write_only(mut self) -> Self {
        self.0.write_only = true;
        self
    }
}
