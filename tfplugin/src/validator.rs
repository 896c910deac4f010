//! Validators declared on an attribute, as terraform-plugin-framework has them: string rules
//! and one-of on the attribute's own value; conflicts-with, required-with and exactly-one-of
//! across attributes. The server runs them on ValidateResourceTypeConfig and
//! ValidateDataSourceConfig, before the type's own `validate`.
//!
//! Unknown values are let through (Terraform validates again once they are known); "set"
//! means "not null", so an unknown value counts as set. Messages may be replaced with
//! [`Validator::message`]; `{attr}`, `{other}` and `{value}` in them are filled in.

use std::fmt;
use std::sync::Arc;

use crate::cty::{AttributePath, Value};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::schema::Block;

/// A check of a known string: `None` when it passes, else why it does not.
#[derive(Clone)]
struct StringCheck(Arc<CheckFn>);

type CheckFn = dyn Fn(&str) -> Option<String> + Send + Sync;

impl fmt::Debug for StringCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StringCheck(..)")
    }
}

impl PartialEq for StringCheck {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Rule {
    String {
        summary: String,
        check: StringCheck,
    },
    OneOf {
        noun: String,
        values: Vec<String>,
    },
    ConflictsWith(Vec<String>),
    RequiredWith(Vec<String>),
    ExactlyOneOf {
        others: Vec<String>,
        missing: Option<Message>,
    },
}

/// A replacement message (summary and detail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    summary: String,
    detail: String,
}

impl Message {
    fn render(&self, fill: &[(&str, &str)]) -> (String, String) {
        let apply = |text: &str| {
            fill.iter().fold(text.to_string(), |t, (k, v)| {
                t.replace(&format!("{{{k}}}"), v)
            })
        };
        (apply(&self.summary), apply(&self.detail))
    }
}

/// One validator on one attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Validator {
    rule: Rule,
    message: Option<Message>,
}

impl Validator {
    fn new(rule: Rule) -> Self {
        Validator {
            rule,
            message: None,
        }
    }

    /// A rule on the string: `check` answers why a value does not pass (the detail).
    pub fn string(
        summary: impl Into<String>,
        check: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Validator::new(Rule::String {
            summary: summary.into(),
            check: StringCheck(Arc::new(check)),
        })
    }

    /// The value must be one of `values`; `noun` names it in the message ("Invalid {noun}").
    pub fn one_of(noun: impl Into<String>, values: &[&str]) -> Self {
        Validator::new(Rule::OneOf {
            noun: noun.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        })
    }

    /// When this attribute is set, none of `others` may be.
    pub fn conflicts_with(others: &[&str]) -> Self {
        Validator::new(Rule::ConflictsWith(names(others)))
    }

    /// When this attribute is set, every one of `others` must be too.
    pub fn required_with(others: &[&str]) -> Self {
        Validator::new(Rule::RequiredWith(names(others)))
    }

    /// Exactly one of this attribute and `others` must be set. The conflict message is
    /// [`Validator::message`] (`{attr}` the first set, `{other}` each further one, which the
    /// diagnostic points at); the missing message is [`Validator::when_missing`].
    pub fn exactly_one_of(others: &[&str]) -> Self {
        Validator::new(Rule::ExactlyOneOf {
            others: names(others),
            missing: None,
        })
    }

    /// Replaces the message.
    pub fn message(mut self, summary: impl Into<String>, detail: impl Into<String>) -> Self {
        self.message = Some(Message {
            summary: summary.into(),
            detail: detail.into(),
        });
        self
    }

    /// For exactly-one-of: the message when none is set.
    pub fn when_missing(mut self, summary: impl Into<String>, detail: impl Into<String>) -> Self {
        if let Rule::ExactlyOneOf { missing, .. } = &mut self.rule {
            *missing = Some(Message {
                summary: summary.into(),
                detail: detail.into(),
            });
        }
        self
    }

    fn error(&self, default: (String, String), fill: &[(&str, &str)]) -> Diagnostic {
        let (summary, detail) = self.message.as_ref().map_or(default, |m| m.render(fill));
        Diagnostic::error(summary, detail)
    }

    /// Checks attribute `attr` of `object` (a block's value).
    pub fn check(&self, attr: &str, object: &Value) -> Diagnostics {
        let value = object.get(attr);
        let at = AttributePath::attr(attr);
        let set = |name: &str| !object.get(name).is_null();
        let mut diags = Diagnostics::new();
        match &self.rule {
            Rule::String { summary, check } => {
                if let Some(problem) = value.as_str().and_then(|s| (check.0)(s)) {
                    let text = value.as_str().unwrap_or_default();
                    let fill = [("attr", attr), ("value", text)];
                    diags.push(self.error((summary.clone(), problem), &fill).at(at));
                }
            }
            Rule::OneOf { noun, values } => {
                if let Some(v) = value.as_str().filter(|v| !values.iter().any(|a| a == v)) {
                    let quoted: Vec<String> = values.iter().map(|a| format!("{a:?}")).collect();
                    let default = (
                        format!("Invalid {noun}"),
                        format!("{v:?} is not a {noun}: use {}.", or_list(&quoted)),
                    );
                    diags.push(self.error(default, &[("attr", attr), ("value", v)]).at(at));
                }
            }
            Rule::ConflictsWith(others) if set(attr) => {
                for other in others.iter().filter(|o| set(o)) {
                    let default = (
                        "Conflicting attributes".to_string(),
                        format!("`{attr}` and `{other}` cannot both be set."),
                    );
                    let fill = [("attr", attr), ("other", other.as_str())];
                    diags.push(self.error(default, &fill).at(at.clone()));
                }
            }
            Rule::RequiredWith(others) if set(attr) => {
                for other in others.iter().filter(|o| !set(o)) {
                    let default = (
                        format!("`{attr}` needs `{other}`"),
                        format!("Set `{other}` together with `{attr}`."),
                    );
                    let fill = [("attr", attr), ("other", other.as_str())];
                    diags.push(self.error(default, &fill).at(at.clone()));
                }
            }
            Rule::ExactlyOneOf { others, missing } => {
                let all: Vec<&str> = std::iter::once(attr)
                    .chain(others.iter().map(String::as_str))
                    .collect();
                let present: Vec<&str> = all.iter().copied().filter(|n| set(n)).collect();
                let listed: Vec<String> = all.iter().map(|n| format!("`{n}`")).collect();
                match present.as_slice() {
                    [] => {
                        let default = (
                            "Missing attribute".to_string(),
                            format!("Set exactly one of {}.", or_list(&listed)),
                        );
                        let (s, d) = missing.as_ref().map_or(default, |m| m.render(&[]));
                        diags.push(Diagnostic::error(s, d));
                    }
                    [_] => {}
                    [first, rest @ ..] => {
                        for other in rest {
                            let default = (
                                "Conflicting attributes".to_string(),
                                format!("Set exactly one of {}.", or_list(&listed)),
                            );
                            let fill = [("attr", *first), ("other", *other)];
                            diags.push(self.error(default, &fill).at(AttributePath::attr(other)));
                        }
                    }
                }
            }
            Rule::ConflictsWith(_) | Rule::RequiredWith(_) => {}
        }
        diags
    }
}

fn names(others: &[&str]) -> Vec<String> {
    others.iter().map(|o| o.to_string()).collect()
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Runs every validator declared on the top-level attributes of `block` against `config`.
pub fn validate_block(block: &Block, config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if config.is_null() || config.is_unknown() {
        return diags;
    }
    for attr in &block.attributes {
        for v in &attr.validators {
            diags.extend(v.check(&attr.name, config));
        }
    }
    diags
}

#[cfg(test)]
#[path = "validator_tests.rs"]
mod tests;
