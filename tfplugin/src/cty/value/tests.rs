use super::*;

#[test]
fn numbers_convert_only_when_exact() {
    assert_eq!(Number::Float(3.0).as_i64(), Some(3));
    assert_eq!(Number::Float(3.5).as_i64(), None);
    assert_eq!(Number::Big("99999999999999999999".into()).as_i64(), None);
    assert_eq!(Number::Big("42".into()).as_i64(), Some(42));
}

#[test]
fn debug_shows_the_shape_and_hides_every_leaf() {
    let v = Value::object([
        ("token", Value::string("ghp_hunter2")),
        ("port", Value::int(8443)),
        ("flag", Value::Bool(true)),
        ("gone", Value::Null),
        ("later", Value::Unknown),
        ("tags", Value::Set(vec![Value::string("tag-secret")])),
        (
            "env",
            Value::Map(BTreeMap::from([(
                "PASSWORD_KEY".to_string(),
                Value::Number(Number::Big("31415926535897932384".into())),
            )])),
        ),
    ]);
    for text in [format!("{v:?}"), format!("{v:#?}")] {
        for hidden in [
            "hunter2",
            "8443",
            "true",
            "tag-secret",
            "PASSWORD_KEY",
            "31415",
        ] {
            assert!(!text.contains(hidden), "{hidden} shown in {text}");
        }
        for shown in [
            "Object",
            "token",
            "String",
            "(sensitive)",
            "Null",
            "Unknown",
            "Set",
        ] {
            assert!(text.contains(shown), "{shown} missing from {text}");
        }
    }
    assert_eq!(
        format!("{:?}", Value::List(vec![Value::int(1), Value::Null])),
        "List[Number((sensitive)), Null]"
    );
    assert_eq!(
        format!("{:?}", Value::object([("token", Value::string("x"))])),
        r#"Object{"token": String((sensitive))}"#
    );
    assert_eq!(format!("{:?}", Number::Float(2.5)), "Number((sensitive))");
}

#[test]
fn object_accessors() {
    let mut v = Value::object([("a", Value::string("x")), ("b", Value::Unknown)]);
    assert_eq!(v.get("a").as_str(), Some("x"));
    assert!(v.get("missing").is_null());
    assert!(!v.is_wholly_known());
    v.set("b", Value::int(1));
    assert!(v.is_wholly_known());
    assert_eq!(v.get("b").as_i64(), Some(1));
}
