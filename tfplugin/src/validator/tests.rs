//! Tests of the declared validators: the built-ins, and the walk that runs them in nested
//! blocks and on elements.

use super::*;
use crate::cty::Type;
use crate::diagnostic::Diagnostic;
use crate::schema::{Attribute, NestedBlock, NestingMode};

fn check(v: &Validator, attr: &str, object: &Value) -> Diagnostics {
    v.validate(&ValidateContext::of_attribute(object, attr))
}

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::object(pairs.iter().map(|(k, v)| (*k, v.clone())))
}

#[test]
fn one_of_names_the_choices_and_lets_unknown_through() {
    let v = Validator::one_of("visibility", &["all", "private", "selected"]);
    let d = check(
        &v,
        "visibility",
        &obj(&[("visibility", Value::string("public"))]),
    );
    let first = d.iter().next().unwrap();
    assert_eq!(first.summary, "Invalid visibility");
    assert_eq!(
        first.detail,
        r#""public" is not a visibility: use "all", "private" or "selected"."#
    );
    assert!(check(&v, "visibility", &obj(&[("visibility", Value::Unknown)])).is_empty());
}

#[test]
fn exactly_one_of_reports_missing_and_each_extra() {
    let v = Validator::exactly_one_of(&["b", "c"])
        .message("Two", "{attr} and {other}")
        .when_missing("None", "set one");
    let none = check(&v, "a", &obj(&[]));
    assert_eq!(none.iter().next().unwrap().summary, "None");
    let two = check(
        &v,
        "a",
        &obj(&[("a", Value::string("x")), ("c", Value::Unknown)]),
    );
    let d = two.iter().next().unwrap();
    assert_eq!(
        (d.detail.as_str(), d.attribute.as_ref().unwrap().to_string()),
        ("a and c", "c".into())
    );
}

#[test]
fn conflicts_and_requirements_apply_only_when_set() {
    let block = Block::new()
        .attribute(
            Attribute::optional("a", Type::String).validate(Validator::required_with(&["b"])),
        )
        .attribute(
            Attribute::optional("b", Type::String).validate(Validator::conflicts_with(&["c"])),
        )
        .attribute(Attribute::optional("c", Type::String));
    assert!(validate_block(&block, &obj(&[])).is_empty());
    let d = validate_block(&block, &obj(&[("a", Value::string("x"))]));
    assert_eq!(d.iter().next().unwrap().summary, "`a` needs `b`");
    let d = validate_block(
        &block,
        &obj(&[("b", Value::string("x")), ("c", Value::string("y"))]),
    );
    assert_eq!(
        d.iter()
            .next()
            .unwrap()
            .attribute
            .as_ref()
            .unwrap()
            .to_string(),
        "b"
    );
}

#[test]
fn string_rules_give_the_check_answer_as_detail() {
    let v = Validator::string("Bad", |s| (s.len() > 2).then(|| format!("{s} is long")));
    let d = check(&v, "n", &obj(&[("n", Value::string("abcd"))]));
    assert_eq!(d.iter().next().unwrap().detail, "abcd is long");
    assert!(check(&v, "n", &obj(&[("n", Value::string("ab"))])).is_empty());
}

fn paths(d: &Diagnostics) -> Vec<String> {
    d.iter()
        .map(|d| {
            d.attribute
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

/// A port rule with a string check on `name`, and `cidr` conflicting with `any`.
fn rule_block() -> Block {
    Block::new()
        .attribute(
            Attribute::required("name", Type::String)
                .validate(Validator::string("Bad name", |s| {
                    s.contains(' ').then(|| "no spaces".to_string())
                })),
        )
        .attribute(
            Attribute::optional("cidr", Type::String).validate(Validator::conflicts_with(&["any"])),
        )
        .attribute(Attribute::optional("any", Type::Bool))
}

fn rule(name: &str, cidr: Option<&str>, any: bool) -> Value {
    obj(&[
        ("name", Value::string(name)),
        ("cidr", cidr.map_or(Value::Null, Value::string)),
        ("any", if any { Value::Bool(true) } else { Value::Null }),
    ])
}

#[test]
fn validators_in_nested_blocks_run_on_every_element_at_its_path() {
    for (nesting, wrap, expected) in [
        (
            NestingMode::List,
            (|items: Vec<Value>| Value::List(items)) as fn(Vec<Value>) -> Value,
            ["rule[1].name", "rule[2].cidr"],
        ),
        (
            NestingMode::Set,
            |items| Value::Set(items),
            ["rule", "rule"],
        ),
        (
            NestingMode::Map,
            |items| {
                Value::Map(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (format!("k{i}"), v))
                        .collect(),
                )
            },
            [r#"rule["k1"].name"#, r#"rule["k2"].cidr"#],
        ),
    ] {
        let block = Block::new().block(NestedBlock::new("rule", nesting, rule_block()));
        let config = obj(&[(
            "rule",
            wrap(vec![
                rule("ok", Some("10.0.0.0/8"), false),
                rule("has space", None, false),
                rule("ok", Some("0.0.0.0/0"), true),
            ]),
        )]);
        let d = validate_block(&block, &config);
        assert_eq!(paths(&d), expected, "{nesting:?}");
    }
}

#[test]
fn single_blocks_nest_and_nulls_and_unknowns_are_skipped() {
    let inner = Block::new().block(NestedBlock::new("rule", NestingMode::Single, rule_block()));
    let block = Block::new().block(NestedBlock::new("outer", NestingMode::Group, inner));
    let config = obj(&[("outer", obj(&[("rule", rule("two words", None, false))]))]);
    assert_eq!(paths(&validate_block(&block, &config)), ["outer.rule.name"]);
    for hollow in [Value::Null, Value::Unknown] {
        let config = obj(&[("outer", obj(&[("rule", hollow)]))]);
        assert!(validate_block(&block, &config).is_empty());
    }
}

#[test]
fn each_checks_elements_and_open_validators_are_closures() {
    let positive = |cx: &ValidateContext<'_>| -> Diagnostics {
        match cx.value.as_i64() {
            Some(n) if n <= 0 => Diagnostic::error("Not positive", "")
                .at(cx.path.clone())
                .into(),
            _ => Diagnostics::new(),
        }
    };
    let block = Block::new()
        .attribute(
            Attribute::optional("ids", Type::list(Type::Number))
                .validate(Validator::each(positive)),
        )
        .attribute(
            Attribute::optional("tags", Type::map(Type::String))
                .validate(Validator::each(Validator::one_of("tag", &["a", "b"]))),
        );
    let config = obj(&[
        (
            "ids",
            Value::List(vec![Value::int(3), Value::int(-1), Value::Unknown]),
        ),
        (
            "tags",
            Value::Map([("x".to_string(), Value::string("c"))].into()),
        ),
    ]);
    assert_eq!(
        paths(&validate_block(&block, &config)),
        ["ids[1]", r#"tags["x"]"#]
    );
}
