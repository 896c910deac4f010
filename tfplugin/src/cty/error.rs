//! The codecs' error: a type description not understood, or bytes or a value that do not
//! fit the type, with the path where they stop fitting.

use super::path::AttributePath;

/// Why a value could not be decoded or encoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// A type's JSON encoding was not understood.
    #[error("unsupported type description {0}")]
    BadType(String),
    /// The bytes or the value do not match the schema type at `path`.
    #[error("{message}")]
    Mismatch {
        /// Where in the value the problem is.
        path: AttributePath,
        /// What is wrong, in words.
        message: String,
    },
}

impl ValueError {
    /// A mismatch at `path`.
    pub fn mismatch(path: &AttributePath, message: impl Into<String>) -> Self {
        ValueError::Mismatch {
            path: path.clone(),
            message: message.into(),
        }
    }
}
