use super::*;

fn state_type() -> Type {
    Type::object([
        ("name", Type::String),
        ("ids", Type::set(Type::Number)),
        ("flag", Type::Bool),
    ])
}

#[test]
fn old_state_with_removed_and_missing_attributes_reads() {
    let raw = br#"{"name":"x","ids":[1,2],"removed_attr":"gone"}"#;
    let v = decode(raw, &state_type()).unwrap();
    assert_eq!(v.get("name").as_str(), Some("x"));
    assert!(v.get("flag").is_null());
    assert_eq!(v.get("ids").as_elements().map(<[Value]>::len), Some(2));
}

#[test]
fn big_numbers_keep_every_digit() {
    let v = decode(b"123456789012345678901234567890.5", &Type::Number).unwrap();
    assert_eq!(
        v,
        Value::Number(Number::Big("123456789012345678901234567890.5".into()))
    );
    let back = encode(&v, &Type::Number).unwrap();
    assert_eq!(back, b"123456789012345678901234567890.5");
}

#[test]
fn round_trip_and_type_errors() {
    let ty = state_type();
    let v = Value::object([
        ("name", Value::string("n")),
        ("ids", Value::Set(vec![Value::int(7)])),
        ("flag", Value::Bool(true)),
    ]);
    assert_eq!(decode(&encode(&v, &ty).unwrap(), &ty).unwrap(), v);
    let err = decode(br#"{"name":5}"#, &ty).unwrap_err();
    assert!(matches!(err, ValueError::Mismatch { path, .. } if path.to_string() == "name"));
    assert!(encode(&Value::Unknown, &ty).is_err());
}

#[test]
fn dynamic_values_carry_their_type() {
    let v = decode(br#"{"value":"hi","type":"string"}"#, &Type::Dynamic).unwrap();
    assert_eq!(v, Value::string("hi"));
}
