//! Tests of the built-in validators on one attribute (the walk that runs them in nested
//! blocks and on elements is tested with the schema, in `schema/validation/tests.rs`).

use super::*;

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
fn string_rules_give_the_check_answer_as_detail() {
    let v = Validator::string("Bad", |s| (s.len() > 2).then(|| format!("{s} is long")));
    let d = check(&v, "n", &obj(&[("n", Value::string("abcd"))]));
    assert_eq!(d.iter().next().unwrap().detail, "abcd is long");
    assert!(check(&v, "n", &obj(&[("n", Value::string("ab"))])).is_empty());
}
