//! The model codec on every nesting: single, map and set blocks, object and tuple
//! attributes, unknown elements, and what has no cty form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;
use crate::schema::{Attribute, NestedBlock};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Port {
    number: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Owner {
    login: String,
    id: i64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Host {
    auth: Option<Port>,
    env: BTreeMap<String, Port>,
    open: Vec<Port>,
    owner: Owner,
    pair: (String, bool),
    ids: Vec<MaybeUnknown<i64>>,
}

fn block() -> Block {
    let port = || Block::new().attribute(Attribute::required("number", Type::Number));
    Block::new()
        .attribute(Attribute::computed(
            "owner",
            Type::object([("login", Type::String), ("id", Type::Number)]),
        ))
        .attribute(Attribute::optional(
            "pair",
            Type::Tuple(vec![Type::String, Type::Bool]),
        ))
        .attribute(Attribute::optional("ids", Type::list(Type::Number)))
        .block(NestedBlock::new("auth", NestingMode::Single, port()))
        .block(NestedBlock::new("env", NestingMode::Map, port()))
        .block(NestedBlock::new("open", NestingMode::Set, port()))
}

fn port(n: i64) -> Value {
    Value::object([("number", Value::int(n))])
}

#[test]
fn single_map_and_set_blocks_and_object_and_tuple_attributes_round_trip() {
    let value = Value::object([
        ("auth", Value::Null),
        ("env", Value::Map([("prod".to_string(), port(443))].into())),
        ("open", Value::Set(vec![port(80), port(22)])),
        (
            "owner",
            Value::object([("login", Value::string("octo")), ("id", Value::int(7))]),
        ),
        (
            "pair",
            Value::List(vec![Value::string("a"), Value::Bool(true)]),
        ),
        ("ids", Value::List(vec![Value::int(1), Value::Unknown])),
    ]);
    let typing = Typing::of_block(&block());
    let host: Host = typing.to_model(&value).unwrap();
    assert_eq!(host.auth, None);
    assert_eq!(host.env["prod"], Port { number: 443 });
    assert_eq!(host.open, [Port { number: 80 }, Port { number: 22 }]);
    assert_eq!(host.owner.login, "octo");
    assert_eq!(host.pair, ("a".to_string(), true));
    assert_eq!(host.ids, [MaybeUnknown::Known(1), MaybeUnknown::Unknown]);
    assert_eq!(typing.to_value(&host).unwrap(), value);
    assert_eq!(Schema::new(block()).check_model::<Host>(), Ok(()));
}

#[test]
fn a_wrong_nesting_or_tuple_length_is_named() {
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Flat {
        auth: Vec<Port>,
        env: Vec<Port>,
        open: Vec<Port>,
        owner: String,
        pair: (String, bool),
        ids: Vec<i64>,
    }
    let e = Schema::new(block())
        .check_model::<Flat>()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("auth: the schema has an object here, but the model reads a sequence"),
        "{e}"
    );
    assert!(
        e.contains("env: the schema has a map here, but the model reads a sequence"),
        "{e}"
    );
    assert!(
        e.contains("owner: the schema has an object here, but the model reads a string"),
        "{e}"
    );
    let ty = Type::Tuple(vec![Type::String, Type::Bool]);
    let short = Value::List(vec![Value::string("a")]);
    assert!(from_value::<(String, bool)>(&short, &ty).is_err());
}

#[test]
fn enums_with_data_and_bytes_have_no_cty_form() {
    #[derive(Serialize)]
    enum Shape {
        Circle(u8),
    }
    let e = to_value(&Shape::Circle(1), &Type::String).unwrap_err();
    assert!(e.message().contains("holds data"), "{e}");
    let e = to_value(&serde_bytes_like(), &Type::String).unwrap_err();
    assert!(e.message().contains("no bytes"), "{e}");
}

/// Something serde writes as bytes.
fn serde_bytes_like() -> impl Serialize {
    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"raw")
        }
    }
    Bytes
}
