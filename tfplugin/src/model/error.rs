//! [`ModelError`]: why a value and a model did not convert, whose problem it is, and how
//! it becomes a diagnostic on the attribute.

use std::fmt;

use crate::cty::AttributePath;
use crate::diagnostic::Diagnostic;

/// Whether a value did not fit, or the model and the schema disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelErrorKind {
    /// The value does not fit the model (a number out of range, a string no variant
    /// names): the configuration's problem.
    Value,
    /// The model and the schema disagree (a field without attribute, a type, a missing
    /// `Option` or `MaybeUnknown`): a bug in the provider.
    Model,
}

/// Why a value and a model did not convert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct ModelError {
    path: Option<AttributePath>,
    message: String,
    kind: ModelErrorKind,
}

impl ModelError {
    pub(crate) fn new(
        kind: ModelErrorKind,
        path: &AttributePath,
        message: impl Into<String>,
    ) -> Self {
        ModelError {
            path: Some(path.clone()),
            message: message.into(),
            kind,
        }
    }

    pub(crate) fn model(path: &AttributePath, message: impl Into<String>) -> Self {
        ModelError::new(ModelErrorKind::Model, path, message)
    }

    pub(crate) fn value(path: &AttributePath, message: impl Into<String>) -> Self {
        ModelError::new(ModelErrorKind::Value, path, message)
    }

    /// The attribute it concerns (the root for the whole object).
    pub fn path(&self) -> AttributePath {
        self.path.clone().unwrap_or_default()
    }

    /// What went wrong, in words (never quoting a sensitive value).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whose problem it is.
    pub fn kind(&self) -> ModelErrorKind {
        self.kind
    }

    /// An error raised by a serde visitor (no path yet) gets `path`; at a sensitive
    /// attribute its words are replaced, since a visitor may quote the value.
    pub(crate) fn locate(mut self, path: &AttributePath, sensitive: bool) -> Self {
        if self.path.is_none() {
            self.path = Some(path.clone());
            if sensitive {
                self.message = "the value is not valid here (not shown: the attribute is \
                                sensitive)"
                    .into();
            }
        }
        self
    }

    fn describe(&self) -> String {
        match &self.path {
            Some(p) if !p.steps.is_empty() => format!("{p}: {}", self.message),
            _ => self.message.clone(),
        }
    }

    fn custom(message: String) -> Self {
        ModelError {
            path: None,
            message,
            kind: ModelErrorKind::Value,
        }
    }
}

impl serde::de::Error for ModelError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ModelError::custom(msg.to_string())
    }
}

impl serde::ser::Error for ModelError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ModelError {
            kind: ModelErrorKind::Model,
            ..ModelError::custom(msg.to_string())
        }
    }
}

impl From<ModelError> for Diagnostic {
    fn from(e: ModelError) -> Self {
        let d = match e.kind {
            ModelErrorKind::Value => Diagnostic::error("Invalid value", e.message.clone()),
            ModelErrorKind::Model => Diagnostic::error(
                "Provider model and schema disagree",
                format!(
                    "{} This is a bug in the provider; please report it.",
                    sentence(&e.describe())
                ),
            ),
        };
        match e.path {
            Some(p) if !p.steps.is_empty() => d.at(p),
            _ => d,
        }
    }
}

impl From<ModelError> for crate::diagnostic::Diagnostics {
    fn from(e: ModelError) -> Self {
        Diagnostic::from(e).into()
    }
}

/// `text` starting upper-case and ending with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
