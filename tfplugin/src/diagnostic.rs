//! Diagnostics: errors and warnings Terraform shows to the user, optionally pointing at the
//! attribute they are about (`AttributePath`), so the message lands on the right line of
//! the configuration.

use crate::cty::AttributePath;
use crate::cty::ValueError;

/// What every operation answers: its result, or the diagnostics of a failure (so that
/// `?` works on anything that converts into diagnostics).
pub type Outcome<T> = Result<T, Diagnostics>;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The operation failed.
    Error,
    /// The operation went on; the user should know.
    Warning,
}

/// One message for the user, built with [`Diagnostic::error`] or [`Diagnostic::warning`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A one-line summary.
    pub summary: String,
    /// The detail: what happened and what to do about it.
    pub detail: String,
    /// The attribute the message is about, if any.
    pub attribute: Option<AttributePath>,
}

impl Diagnostic {
    /// An error.
    pub fn error(summary: impl Into<String>, detail: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            summary: summary.into(),
            detail: detail.into(),
            attribute: None,
        }
    }

    /// A warning.
    pub fn warning(summary: impl Into<String>, detail: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(summary, detail)
        }
    }

    /// The same diagnostic, pointing at `path`.
    pub fn at(mut self, path: AttributePath) -> Self {
        self.attribute = Some(path);
        self
    }
}

/// A list of diagnostics, in the order they were added. Its list is its own: add with
/// [`Diagnostics::push`] and [`Diagnostics::extend`], read with [`Diagnostics::iter`].
///
/// ```compile_fail,E0616
/// let mut diagnostics = tfplugin::Diagnostics::new();
/// diagnostics.0.clear();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Diagnostics holding one error.
    pub fn from_error(summary: impl Into<String>, detail: impl Into<String>) -> Self {
        Diagnostics(vec![Diagnostic::error(summary, detail)])
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True if any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The diagnostics, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A codec error as a diagnostic on the attribute it concerns.
pub(crate) fn value_error(summary: &str, e: ValueError) -> Diagnostic {
    let at = match &e {
        ValueError::Mismatch { path, .. } if !path.steps.is_empty() => Some(path.clone()),
        _ => None,
    };
    let d = Diagnostic::error(summary, e.to_string());
    match at {
        Some(p) => d.at(p),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_like_terraform_references() {
        let p = AttributePath::attr("secrets")
            .then_index(2)
            .then_attr("name");
        assert_eq!(p.to_string(), "secrets[2].name");
        assert_eq!(
            AttributePath::attr("m").then_key("k").to_string(),
            r#"m["k"]"#
        );
    }

    #[test]
    fn errors_are_counted_warnings_are_not() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::warning("w", ""));
        assert!(!d.has_errors());
        d.push(Diagnostic::error("e", "").at(AttributePath::attr("x")));
        assert!(d.has_errors());
    }
}
