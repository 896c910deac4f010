//! Tests of the declared validators.

use super::*;
use crate::cty::Type;
use crate::schema::Attribute;

fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::object(pairs.iter().map(|(k, v)| (*k, v.clone())))
}

#[test]
fn one_of_names_the_choices_and_lets_unknown_through() {
    let v = Validator::one_of("visibility", &["all", "private", "selected"]);
    let d = v.check(
        "visibility",
        &obj(&[("visibility", Value::string("public"))]),
    );
    let first = d.iter().next().unwrap();
    assert_eq!(first.summary, "Invalid visibility");
    assert_eq!(
        first.detail,
        r#""public" is not a visibility: use "all", "private" or "selected"."#
    );
    assert!(v
        .check("visibility", &obj(&[("visibility", Value::Unknown)]))
        .is_empty());
}

#[test]
fn exactly_one_of_reports_missing_and_each_extra() {
    let v = Validator::exactly_one_of(&["b", "c"])
        .message("Two", "{attr} and {other}")
        .when_missing("None", "set one");
    let none = v.check("a", &obj(&[]));
    assert_eq!(none.iter().next().unwrap().summary, "None");
    let two = v.check(
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
    let d = v.check("n", &obj(&[("n", Value::string("abcd"))]));
    assert_eq!(d.iter().next().unwrap().detail, "abcd is long");
    assert!(v.check("n", &obj(&[("n", Value::string("ab"))])).is_empty());
}
