use super::*;

fn block() -> Block {
    Block::new()
        .attribute(Attribute::required("name", Type::String))
        .attribute(Attribute::optional("secret", Type::String).write_only())
        .block(NestedBlock::new(
            "rule",
            NestingMode::List,
            Block::new().attribute(Attribute::optional("token", Type::String).write_only()),
        ))
}

#[test]
fn implied_type_includes_nested_blocks() {
    let expected = Type::object([
        ("name", Type::String),
        ("secret", Type::String),
        ("rule", Type::list(Type::object([("token", Type::String)]))),
    ]);
    assert_eq!(block().implied_type(), expected);
}

#[test]
fn write_only_attributes_are_nulled_at_every_depth() {
    let mut v = Value::object([
        ("name", Value::string("n")),
        ("secret", Value::string("s")),
        (
            "rule",
            Value::List(vec![Value::object([("token", Value::string("t"))])]),
        ),
    ]);
    block().null_write_only(&mut v);
    assert_eq!(v.get("name").as_str(), Some("n"));
    assert!(v.get("secret").is_null());
    assert!(v
        .get("rule")
        .as_elements()
        .is_some_and(|r| r[0].get("token").is_null()));
}
