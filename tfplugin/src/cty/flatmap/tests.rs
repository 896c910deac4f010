use super::*;

fn flat(pairs: &[(&str, &str)]) -> Flat {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn primitives_collections_and_blocks_read_back() {
    let ty = Type::object([
        ("name", Type::String),
        ("port", Type::Number),
        ("on", Type::Bool),
        ("ids", Type::set(Type::Number)),
        ("tags", Type::map(Type::String)),
        ("gone", Type::String),
        (
            "rule",
            Type::list(Type::object([("cidr", Type::String), ("open", Type::Bool)])),
        ),
    ]);
    let map = flat(&[
        ("name", "web"),
        ("port", "8080"),
        ("on", "true"),
        ("ids.#", "2"),
        ("ids.1234", "7"),
        ("ids.5678", "9"),
        ("tags.%", "1"),
        ("tags.team.name", "core"),
        ("rule.#", "1"),
        ("rule.0.cidr", "10.0.0.0/8"),
        ("rule.0.open", "false"),
    ]);
    let v = decode(&map, &ty).unwrap();
    assert_eq!(v.get("name").as_str(), Some("web"));
    assert_eq!(v.get("port").as_i64(), Some(8080));
    assert_eq!(v.get("on").as_bool(), Some(true));
    assert_eq!(
        v.get("ids"),
        &Value::Set(vec![Value::int(7), Value::int(9)])
    );
    assert_eq!(
        v.get("tags").get("team.name"),
        &Value::Null,
        "maps are not objects"
    );
    let Value::Map(tags) = v.get("tags") else {
        panic!("tags is a map");
    };
    assert_eq!(tags.get("team.name").and_then(Value::as_str), Some("core"));
    assert!(v.get("gone").is_null());
    let rule = &v.get("rule").as_elements().unwrap()[0];
    assert_eq!(rule.get("cidr").as_str(), Some("10.0.0.0/8"));
    assert_eq!(rule.get("open").as_bool(), Some(false));
}

#[test]
fn single_blocks_empty_lists_and_errors() {
    let ty = Type::object([
        ("auth", Type::object([("id", Type::String)])),
        ("none", Type::object([("id", Type::String)])),
        ("list", Type::list(Type::String)),
        ("n", Type::Number),
    ]);
    let map = flat(&[("auth.#", "1"), ("auth.0.id", "7"), ("list.#", "0")]);
    let v = decode(&map, &ty).unwrap();
    assert_eq!(v.get("auth").get("id").as_str(), Some("7"));
    assert!(v.get("none").is_null());
    assert_eq!(v.get("list"), &Value::List(vec![]));
    let err = decode(&flat(&[("n", "many")]), &ty).unwrap_err();
    assert!(matches!(err, ValueError::Mismatch { path, .. } if path.to_string() == "n"));
}
