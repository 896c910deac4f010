//! Resource identity (protocol 5.9, Terraform 1.12+): the attributes that identify an
//! instance apart from its state, which `import { identity = {...} }` blocks name and list
//! resources report. A type without an identity schema is left out of
//! GetResourceIdentitySchemas, and Terraform then behaves as before identities existed.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cty::{json, Type, Value};
use crate::diagnostic::{value_error, Diagnostics, Outcome};
use crate::model::{self, ModelError, Shape};

/// One identity attribute.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct IdentityAttribute {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// An import by identity must give it.
    pub required_for_import: bool,
    /// Markdown description.
    pub description: String,
}

impl IdentityAttribute {
    /// An attribute an import must give.
    pub fn required(name: &str, ty: Type) -> Self {
        IdentityAttribute {
            name: name.to_string(),
            ty,
            required_for_import: true,
            description: String::new(),
        }
    }

    /// An attribute an import may give.
    pub fn optional(name: &str, ty: Type) -> Self {
        IdentityAttribute {
            required_for_import: false,
            ..IdentityAttribute::required(name, ty)
        }
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }
}

/// A resource type's identity schema.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct IdentitySchema {
    /// Bumped when the identity's shape changes; drives UpgradeResourceIdentity.
    pub version: i64,
    /// The attributes.
    pub attributes: Vec<IdentityAttribute>,
}

impl IdentitySchema {
    /// A version-0 identity schema of `attributes`.
    pub fn new(attributes: Vec<IdentityAttribute>) -> Self {
        IdentitySchema {
            version: 0,
            attributes,
        }
    }

    /// The object type an identity has.
    pub fn implied_type(&self) -> Type {
        Type::Object(
            self.attributes
                .iter()
                .map(|a| (a.name.clone(), a.ty.clone()))
                .collect(),
        )
    }

    /// Compares the struct `T` with this identity schema without any value: every
    /// attribute must be a field and every field an attribute, of a matching kind.
    pub fn check_model<T: DeserializeOwned>(&self) -> Result<(), ModelError> {
        model::check::<T>(&Shape::of_type(&self.implied_type()))
    }

    /// An identity read as the model `T` (a struct with the identity's attributes).
    pub fn to_model<T: DeserializeOwned>(&self, identity: &Value) -> Outcome<T> {
        Ok(model::from_value(identity, &self.implied_type())?)
    }

    /// The model `model` written as an identity.
    pub fn to_value<T: Serialize + ?Sized>(&self, model: &T) -> Outcome<Value> {
        Ok(model::to_value(model, &self.implied_type())?)
    }

    /// Reads an identity stored as JSON by an older or equal version (UpgradeResourceIdentity's
    /// default: the stored identity read with the current schema).
    pub fn upgrade(&self, version: i64, raw_json: &[u8]) -> Result<Value, Diagnostics> {
        if version > self.version {
            return Err(Diagnostics::from_error(
                "Identity written by a newer provider",
                format!(
                    "The stored identity has schema version {version}, but this provider knows \
                     only up to {}.",
                    self.version
                ),
            ));
        }
        json::decode(raw_json, &self.implied_type())
            .map_err(|e| value_error("Cannot read stored identity", e).into())
    }
}

#[cfg(test)]
mod tests;
