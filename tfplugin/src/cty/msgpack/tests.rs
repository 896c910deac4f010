//! Tests of the msgpack codec: bytes pinned from cty's published encoding rules, edge cases,
//! and property tests that decode(encode(v)) == v for generated types and values. The
//! generators are shared with `tests/fuzz.rs`.

use proptest::prelude::*;

use super::*;

#[test]
fn pinned_wire_forms() {
    assert_eq!(
        encode(&Value::Unknown, &Type::String).unwrap(),
        [0xd4, 0x00, 0x00]
    );
    assert_eq!(encode(&Value::Null, &Type::Number).unwrap(), [0xc0]);
    assert_eq!(
        encode(&Value::string("hi"), &Type::String).unwrap(),
        [0xa2, b'h', b'i']
    );
    let obj_ty = Type::object([("b", Type::Number), ("a", Type::String)]);
    let obj = Value::object([("a", Value::string("x")), ("b", Value::int(1))]);
    // A fixmap of two entries, keys in name order.
    let bytes = [0x82, 0xa1, b'a', 0xa1, b'x', 0xa1, b'b', 0x01];
    assert_eq!(encode(&obj, &obj_ty).unwrap(), bytes);
    assert_eq!(decode(&bytes, &obj_ty).unwrap(), obj);
}

#[test]
fn unknowns_plain_and_refined() {
    assert_eq!(
        decode(&[0xd4, 0x00, 0x00], &Type::String).unwrap(),
        Value::Unknown
    );
    // Extension 12 carrying a refinement map {1: true} ("definitely not null").
    let refined = [0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3];
    assert_eq!(decode(&refined, &Type::String).unwrap(), Value::Unknown);
    let nested = [0x91, 0xd4, 0x00, 0x00];
    assert_eq!(
        decode(&nested, &Type::list(Type::Number)).unwrap(),
        Value::List(vec![Value::Unknown])
    );
}

#[test]
fn numbers_are_never_truncated() {
    let u64_max = [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    let v = decode(&u64_max, &Type::Number).unwrap();
    assert_eq!(v, Value::Number(Number::Big(u64::MAX.to_string())));
    let big = "123456789012345678901234567890";
    let mut as_string = vec![0xbe];
    as_string.extend_from_slice(big.as_bytes());
    let v = decode(&as_string, &Type::Number).unwrap();
    assert_eq!(v, Value::Number(Number::Big(big.into())));
    assert_eq!(encode(&v, &Type::Number).unwrap(), as_string);
    for i in [i64::MIN, i64::MAX, 0, -1] {
        let v = Value::int(i);
        assert_eq!(
            decode(&encode(&v, &Type::Number).unwrap(), &Type::Number).unwrap(),
            v
        );
    }
    assert!(encode(&Value::Number(Number::Float(f64::NAN)), &Type::Number).is_err());
    assert!(decode(&[0xa3, b'a', b'b', b'c'], &Type::Number).is_err());
}

#[test]
fn dynamic_values_travel_with_their_type() {
    let mut bytes = vec![0x92, 0xc4, 0x08];
    bytes.extend_from_slice(b"\"string\"");
    bytes.extend_from_slice(&[0xa1, b'x']);
    assert_eq!(decode(&bytes, &Type::Dynamic).unwrap(), Value::string("x"));
    assert_eq!(encode(&Value::string("x"), &Type::Dynamic).unwrap(), bytes);
}

#[test]
fn malformed_input_is_refused_with_a_path() {
    let ty = Type::object([("name", Type::String)]);
    assert!(
        decode(&[0xc0, 0xc0], &Type::String).is_err(),
        "trailing bytes"
    );
    assert!(decode(&[0x80], &ty).is_err(), "missing attribute");
    let wrong = [0x81, 0xa4, b'n', b'a', b'm', b'e', 0x05];
    match decode(&wrong, &ty) {
        Err(ValueError::Mismatch { path, .. }) => assert_eq!(path.to_string(), "name"),
        other => panic!("expected a mismatch, got {other:?}"),
    }
    let extra = [0x82, 0xa4, b'n', b'a', b'm', b'e', 0xc0, 0xa1, b'z', 0xc0];
    assert!(decode(&extra, &ty).is_err(), "unknown attribute");
    assert!(
        decode(&[0xa2, 0xff, 0xfe], &Type::String).is_err(),
        "bad UTF-8"
    );
    assert_eq!(decode(&[], &ty).unwrap(), Value::Null);
}

fn arb_type() -> impl Strategy<Value = Type> {
    let leaf = prop_oneof![Just(Type::String), Just(Type::Number), Just(Type::Bool)];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(Type::list),
            inner.clone().prop_map(Type::set),
            inner.clone().prop_map(Type::map),
            prop::collection::btree_map("[a-z_]{1,6}", inner.clone(), 0..4).prop_map(Type::Object),
            prop::collection::vec(inner, 0..3).prop_map(Type::Tuple),
        ]
    })
}

fn arb_number() -> BoxedStrategy<Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::Int),
        any::<f64>()
            .prop_filter("fractional finite", |f| f.is_finite() && f.fract() != 0.0)
            .prop_map(Number::Float),
        "[1-9][0-9]{20,30}[1-9]".prop_map(Number::Big),
    ]
    .boxed()
}

fn arb_value(ty: Type) -> BoxedStrategy<Value> {
    let known: BoxedStrategy<Value> = match ty {
        Type::String => any::<String>().prop_map(Value::String).boxed(),
        Type::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Type::Number | Type::Dynamic => arb_number().prop_map(Value::Number).boxed(),
        Type::List(e) => prop::collection::vec(arb_value(*e), 0..4)
            .prop_map(Value::List)
            .boxed(),
        Type::Set(e) => prop::collection::vec(arb_value(*e), 0..4)
            .prop_map(Value::Set)
            .boxed(),
        Type::Map(e) => prop::collection::btree_map("[a-z]{0,5}", arb_value(*e), 0..4)
            .prop_map(Value::Map)
            .boxed(),
        Type::Object(attrs) => {
            let parts: Vec<_> = attrs
                .into_iter()
                .map(|(k, t)| arb_value(t).prop_map(move |v| (k.clone(), v)))
                .collect();
            parts
                .prop_map(|kv| Value::Object(kv.into_iter().collect()))
                .boxed()
        }
        Type::Tuple(elems) => {
            let parts: Vec<_> = elems.into_iter().map(arb_value).collect();
            parts.prop_map(Value::List).boxed()
        }
    };
    prop_oneof![1 => Just(Value::Null), 1 => Just(Value::Unknown), 6 => known].boxed()
}

proptest! {
    #[test]
    fn round_trip(pair in arb_type().prop_flat_map(|t| (Just(t.clone()), arb_value(t)))) {
        let (ty, value) = pair;
        let bytes = encode(&value, &ty).unwrap();
        prop_assert_eq!(decode(&bytes, &ty).unwrap(), value);
    }

    #[test]
    fn json_round_trip_of_known_values(
        pair in arb_type().prop_flat_map(|t| (Just(t.clone()), arb_value(t)))
    ) {
        let (ty, value) = pair;
        prop_assume!(value.is_wholly_known());
        let bytes = crate::cty::json::encode(&value, &ty).unwrap();
        prop_assert_eq!(crate::cty::json::decode(&bytes, &ty).unwrap(), value);
    }
}

mod fuzz;
