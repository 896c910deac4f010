//! Provider-defined functions (protocol 5.5, Terraform 1.8+): `provider::<name>::<function>(...)`
//! in any expression of a module that lists the provider in `required_providers`.
//!
//! A [`Function`] declares its [`FunctionSignature`] (typed parameters, each saying whether
//! it takes null and unknown values, an optional variadic parameter, the return type) and
//! answers each call with a value of its return type or a [`FunctionError`], which may point
//! at the argument at fault. Terraform calls functions on a provider instance it never
//! configures, and requires them to be pure: the same arguments give the same result, in
//! plan and in apply, or the run fails ("function returned an inconsistent result"). A
//! function therefore uses no credentials, no network and no randomness; hence `call` is
//! not `async`.
//!
//! Terraform checks the arity itself, and answers unknown for an unknown argument of a
//! parameter that does not allow unknowns, without calling; the server checks both again,
//! and decodes each argument with its parameter's type (variadic arguments with the
//! variadic parameter's).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cty::{Type, Value};
use crate::model::{self, ModelErrorKind};

/// One parameter of a function.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FunctionParameter {
    /// Its name, shown in errors and docs.
    pub name: String,
    /// Its type (`Type::Dynamic` takes any).
    pub ty: Type,
    /// A null argument reaches the function (otherwise Terraform refuses it).
    pub allow_null: bool,
    /// An unknown argument reaches the function (otherwise the result is unknown without a
    /// call).
    pub allow_unknown: bool,
    /// Markdown description.
    pub description: String,
}

impl FunctionParameter {
    /// A parameter of `ty` that takes neither null nor unknown values.
    pub fn new(name: &str, ty: Type) -> Self {
        FunctionParameter {
            name: name.to_string(),
            ty,
            allow_null: false,
            allow_unknown: false,
            description: String::new(),
        }
    }

    /// The same parameter, taking null.
    pub fn allow_null(mut self) -> Self {
        self.allow_null = true;
        self
    }

    /// The same parameter, taking unknown values (the function then answers for them).
    pub fn allow_unknown(mut self) -> Self {
        self.allow_unknown = true;
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }
}

/// What a function takes and returns.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FunctionSignature {
    /// The parameters, in order.
    pub parameters: Vec<FunctionParameter>,
    /// The parameter any further arguments are of, if the function takes any number.
    pub variadic: Option<FunctionParameter>,
    /// The type of the result.
    pub return_type: Type,
    /// A one-line summary.
    pub summary: String,
    /// Markdown description.
    pub description: String,
    /// Why the function is deprecated and what to use instead; empty when it is not.
    pub deprecation_message: String,
}

impl FunctionSignature {
    /// A function returning `return_type`, with no parameters yet.
    pub fn new(return_type: Type) -> Self {
        FunctionSignature {
            parameters: Vec::new(),
            variadic: None,
            return_type,
            summary: String::new(),
            description: String::new(),
            deprecation_message: String::new(),
        }
    }

    /// Adds a parameter.
    pub fn parameter(mut self, parameter: FunctionParameter) -> Self {
        self.parameters.push(parameter);
        self
    }

    /// Sets the variadic parameter: any number of further arguments, each of its type.
    pub fn variadic(mut self, parameter: FunctionParameter) -> Self {
        self.variadic = Some(parameter);
        self
    }

    /// Sets the summary.
    pub fn summary(mut self, text: impl Into<String>) -> Self {
        self.summary = text.into();
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    /// Marks the function deprecated, saying why.
    pub fn deprecated(mut self, message: impl Into<String>) -> Self {
        self.deprecation_message = message.into();
        self
    }

    /// The parameter argument `index` is of: a parameter, else the variadic one.
    pub(crate) fn parameter_at(&self, index: usize) -> Option<&FunctionParameter> {
        self.parameters.get(index).or(self.variadic.as_ref())
    }
}

/// Why a call failed, pointing at the argument at fault when there is one (its position
/// among all arguments, variadic ones continuing the count). Terraform shows the text on
/// that argument's expression after `Invalid value for "<parameter>" parameter: ` (or, for
/// the call as a whole, after `Call to function "<name>" failed: `) and ends it with a
/// period: write it as a clause, without one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text}")]
#[non_exhaustive]
pub struct FunctionError {
    /// What went wrong.
    pub text: String,
    /// The position of the argument at fault.
    pub argument: Option<usize>,
}

impl FunctionError {
    /// A failure of the call as a whole.
    pub fn new(text: impl Into<String>) -> Self {
        FunctionError {
            text: text.into(),
            argument: None,
        }
    }

    /// A failure due to the argument at position `index`.
    pub fn at_argument(index: usize, text: impl Into<String>) -> Self {
        FunctionError {
            text: text.into(),
            argument: Some(index),
        }
    }
}

/// A call's arguments, each a value of its parameter's type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FunctionRequest {
    /// One value per argument: the parameters' first, then the variadic ones.
    pub arguments: Vec<Value>,
    types: Vec<Type>,
    return_type: Type,
}

impl FunctionRequest {
    /// A call of a function of `signature` with `arguments` (one per argument, as the
    /// server hands them over; a test builds its calls with it).
    pub fn new(signature: &FunctionSignature, arguments: Vec<Value>) -> Self {
        let types = (0..arguments.len())
            .map(|i| {
                signature
                    .parameter_at(i)
                    .map_or(Type::Dynamic, |p| p.ty.clone())
            })
            .collect();
        FunctionRequest {
            arguments,
            types,
            return_type: signature.return_type.clone(),
        }
    }

    /// Argument `index` read as `T`; an error points at that argument.
    pub fn argument<T: DeserializeOwned>(&self, index: usize) -> Result<T, FunctionError> {
        let (Some(value), Some(ty)) = (self.arguments.get(index), self.types.get(index)) else {
            return Err(FunctionError::new(format!(
                "the function was called with {} arguments, so it has no argument {index}",
                self.arguments.len()
            )));
        };
        model::from_value(value, ty).map_err(|e| match e.kind() {
            ModelErrorKind::Value => FunctionError::at_argument(index, e.to_string()),
            _ => FunctionError::new(format!(
                "the function cannot read argument {index} ({e}); this is a bug in the \
                 provider, please report it"
            )),
        })
    }

    /// Every argument from position `first` on (the variadic ones, when `first` is the
    /// number of parameters) read as `T`; an error points at the argument at fault.
    pub fn arguments_from<T: DeserializeOwned>(
        &self,
        first: usize,
    ) -> Result<Vec<T>, FunctionError> {
        (first..self.arguments.len())
            .map(|i| self.argument(i))
            .collect()
    }

    /// `result` written as a value of the return type.
    pub fn to_value<T: Serialize + ?Sized>(&self, result: &T) -> Result<Value, FunctionError> {
        model::to_value(result, &self.return_type).map_err(|e| {
            FunctionError::new(format!(
                "the function produced a result it cannot return ({e}); this is a bug in \
                 the provider, please report it"
            ))
        })
    }
}

/// A provider-defined function.
pub trait Function: Send + Sync + 'static {
    /// Its name, e.g. `greet` (called as `provider::hello::greet(...)`).
    fn name(&self) -> &'static str;

    /// Its parameters and return type.
    fn signature(&self) -> FunctionSignature;

    /// The result for `req`'s arguments: a value of the return type, the same for the same
    /// arguments every time.
    fn call(&self, req: FunctionRequest) -> Result<Value, FunctionError>;
}

#[cfg(test)]
mod tests;
