//! Tests of the walk of the declared validators: rules across attributes, nested blocks
//! of every nesting at every depth, elements, and open validators written as closures.

use super::*;
use crate::cty::Type;
use crate::diagnostic::Diagnostic;
use crate::schema::{Attribute, NestedBlock};
use crate::validator::{ValidateContext, Validator};

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::object(pairs.iter().map(|(k, v)| (*k, v.clone())))
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
