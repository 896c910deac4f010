//! The built-in validators, as terraform-plugin-framework has them: string rules and
//! one-of on the value itself; conflicts-with, required-with and exactly-one-of across the
//! attributes of one block instance; each-element for lists, sets and maps. Messages may
//! be replaced with [`Validator::message`]; `{attr}`, `{other}` and `{value}` in them are
//! filled in.

use std::fmt;
use std::sync::Arc;

use super::{AttributeValidator, ValidateContext};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// A check of a known string: `None` when it passes, else why it does not.
#[derive(Clone)]
struct StringCheck(Arc<CheckFn>);

type CheckFn = dyn Fn(&str) -> Option<String> + Send + Sync;

impl fmt::Debug for StringCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StringCheck(..)")
    }
}

#[derive(Debug, Clone)]
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
    Each(Arc<dyn AttributeValidator>),
}

/// A replacement message (summary and detail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
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

/// One built-in validator on one attribute.
#[derive(Debug, Clone)]
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

    /// Runs `validator` on every element of a list, set or map (a map's values), each
    /// diagnostic pointing at its element (a set's at the set).
    pub fn each(validator: impl AttributeValidator) -> Self {
        Validator::new(Rule::Each(Arc::new(validator)))
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

    fn check(&self, cx: &ValidateContext<'_>) -> Diagnostics {
        let (attr, value) = (cx.name, cx.value);
        let at = cx.path.clone();
        let set = |name: &str| !cx.object.get(name).is_null();
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
                        let d = Diagnostic::error(s, d);
                        // Nested, the block instance is where one is missing.
                        diags.push(if cx.block_path.steps.is_empty() {
                            d
                        } else {
                            d.at(cx.block_path.clone())
                        });
                    }
                    [_] => {}
                    [first, rest @ ..] => {
                        for other in rest {
                            let default = (
                                "Conflicting attributes".to_string(),
                                format!("Set exactly one of {}.", or_list(&listed)),
                            );
                            let fill = [("attr", *first), ("other", *other)];
                            diags.push(self.error(default, &fill).at(cx.sibling(other)));
                        }
                    }
                }
            }
            Rule::Each(inner) => {
                for (path, element) in value.elements_at(&cx.path) {
                    let each = ValidateContext {
                        // Inside a set element, the set's path is the only address.
                        path: if cx.in_set { cx.path.clone() } else { path },
                        value: element,
                        ..cx.clone()
                    };
                    diags.extend(inner.validate(&each));
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

impl AttributeValidator for Validator {
    fn validate(&self, cx: &ValidateContext<'_>) -> Diagnostics {
        self.check(cx)
    }
}
