//! Hostile input for both decoders: arbitrary bytes, valid encodings mutated (bytes flipped,
//! cut, extended, length claims spliced in), and pinned regressions for each defence in
//! `limits.rs`. A panic anywhere fails the test; heap use is checked in
//! `tests/decode_alloc.rs`, which needs a global allocator of its own.

use proptest::prelude::*;

use super::*;
use super::{arb_type, arb_value};
use crate::cty::json;
use crate::cty::limits::MAX_DEPTH;

/// Schema types the byte-level cases decode against: flat, nested, structural and dynamic.
fn schema_types() -> Vec<Type> {
    vec![
        Type::String,
        Type::Number,
        Type::Dynamic,
        Type::list(Type::Dynamic),
        Type::map(Type::set(Type::Number)),
        Type::object([
            ("name", Type::String),
            ("tags", Type::map(Type::String)),
            ("pair", Type::Tuple(vec![Type::Bool, Type::Dynamic])),
            ("items", Type::list(Type::object([("id", Type::Number)]))),
        ]),
    ]
}

fn has_dynamic(ty: &Type) -> bool {
    match ty {
        Type::Dynamic => true,
        Type::List(e) | Type::Set(e) | Type::Map(e) => has_dynamic(e),
        Type::Object(attrs) => attrs.values().any(has_dynamic),
        Type::Tuple(elems) => elems.iter().any(has_dynamic),
        _ => false,
    }
}

/// What any decode must satisfy: it returns (a panic fails the test), and a value it accepts
/// is well formed for its type, so it encodes again; msgpack re-encoding is then stable.
/// (Under `dynamic` a set may mix element types, which the encoder cannot spell, so those
/// types skip the re-encoding check.)
fn check(bytes: &[u8], ty: &Type) -> Result<(), TestCaseError> {
    if let Ok(v) = decode(bytes, ty) {
        if !has_dynamic(ty) {
            let once = encode(&v, ty).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let again = decode(&once, ty).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(encode(&again, ty).ok(), Some(once));
        }
    }
    if let Ok(v) = json::decode(bytes, ty) {
        if !has_dynamic(ty) {
            prop_assert!(encode(&v, ty).is_ok(), "JSON decoded an ill-formed value");
        }
    }
    Ok(())
}

/// Byte runs worth splicing in: msgpack heads claiming huge lengths, deep openers, dynamic
/// wrappers, extension heads, invalid UTF-8, and JSON punctuation.
const SPLICES: &[&[u8]] = &[
    &[0xdd, 0xff, 0xff, 0xff, 0xff],
    &[0xdf, 0xff, 0xff, 0xff, 0xff],
    &[0xdb, 0xff, 0xff, 0xff, 0xff],
    &[0xc6, 0x7f, 0xff, 0xff, 0xff],
    &[0xc9, 0xff, 0xff, 0xff, 0xff, 0x00],
    &[0xd8, 0x0c],
    &[0x91, 0x91, 0x91, 0x91],
    &[
        0x92, 0xc4, 0x09, b'"', b'd', b'y', b'n', b'a', b'm', b'i', b'c', b'"',
    ],
    &[0xa2, 0xff, 0xfe],
    &[0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 1],
    b"[[[[",
    b"{\"type\":",
    b"\"\\ud800\"",
    b"1e999999999",
];

/// One edit of an encoding: `(kind, position, byte)`.
fn mutate(mut bytes: Vec<u8>, edits: &[(u8, usize, u8)]) -> Vec<u8> {
    for &(kind, pos, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            pos % bytes.len()
        };
        match kind % 5 {
            0 if !bytes.is_empty() => bytes[at] ^= byte | 1,
            1 => bytes.truncate(at),
            2 => bytes.extend(std::iter::repeat_n(byte, 1 + pos % 8)),
            3 => {
                let splice = SPLICES[usize::from(byte) % SPLICES.len()];
                bytes.splice(at..at, splice.iter().copied());
            }
            _ if !bytes.is_empty() => bytes[at] = byte,
            _ => bytes.push(byte),
        }
    }
    bytes
}

fn arb_edits() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..96), pick in 0..6usize) {
        check(&bytes, &schema_types()[pick])?;
    }

    #[test]
    fn mutated_encodings(
        pair in arb_type().prop_flat_map(|t| (Just(t.clone()), arb_value(t))),
        as_dynamic in any::<bool>(),
        as_json in any::<bool>(),
        edits in arb_edits(),
    ) {
        let (ty, value) = pair;
        let ty = if as_dynamic { Type::Dynamic } else { ty };
        let encoded = if as_json { json::encode(&value, &ty) } else { encode(&value, &ty) };
        if let Ok(bytes) = encoded {
            check(&mutate(bytes, &edits), &ty)?;
        }
    }
}

fn message(result: Result<Value, ValueError>) -> String {
    match result {
        Err(ValueError::Mismatch { message, .. }) => message,
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

fn dynamic_wrappers(levels: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..levels {
        bytes.extend_from_slice(&[0x92, 0xc4, 0x09]);
        bytes.extend_from_slice(b"\"dynamic\"");
    }
    bytes.push(0xc0);
    bytes
}

#[test]
fn a_hundred_thousand_levels_meet_the_depth_limit() {
    let depth_error = format!("value nested deeper than {MAX_DEPTH} levels");
    assert_eq!(
        message(decode(&dynamic_wrappers(100_000), &Type::Dynamic)),
        depth_error
    );
    let mut deep_type = Type::String;
    for _ in 0..MAX_DEPTH + 6 {
        deep_type = Type::list(deep_type);
    }
    assert_eq!(message(decode(&[0x91; 100_000], &deep_type)), depth_error);
    let arrays = "[".repeat(100_000);
    assert!(message(json::decode(arrays.as_bytes(), &deep_type)).contains("recursion limit"));
    let wrappers = r#"{"type":"dynamic","value":"#.repeat(100) + "1" + &"}".repeat(100);
    assert_eq!(
        message(json::decode(wrappers.as_bytes(), &Type::Dynamic)),
        depth_error
    );
    let nested = "[".repeat(100) + &"]".repeat(100);
    assert_eq!(
        message(json::decode(nested.as_bytes(), &deep_type)),
        depth_error
    );
}

#[test]
fn depth_up_to_the_limit_still_decodes() {
    let ok = dynamic_wrappers(MAX_DEPTH);
    assert_eq!(decode(&ok, &Type::Dynamic), Ok(Value::Null));
    assert!(decode(&dynamic_wrappers(MAX_DEPTH + 1), &Type::Dynamic).is_err());
    let json_levels = |n: usize| {
        let inner = r#"{"type":"number","value":2}"#;
        r#"{"type":"dynamic","value":"#.repeat(n - 1) + inner + &"}".repeat(n - 1)
    };
    let json_ok = json_levels(MAX_DEPTH);
    assert_eq!(
        json::decode(json_ok.as_bytes(), &Type::Dynamic),
        Ok(Value::int(2))
    );
    assert!(json::decode(json_levels(MAX_DEPTH + 1).as_bytes(), &Type::Dynamic).is_err());
}

#[test]
fn every_strict_prefix_of_a_valid_encoding_is_refused() {
    let ty = schema_types().pop().expect("an object type");
    let value = Value::object([
        ("name", Value::string("héllo")),
        (
            "tags",
            Value::Map([("k".to_string(), Value::string("v"))].into()),
        ),
        (
            "pair",
            Value::List(vec![Value::Bool(true), Value::int(300)]),
        ),
        (
            "items",
            Value::List(vec![Value::object([("id", Value::Unknown)])]),
        ),
    ]);
    let bytes = encode(&value, &ty).expect("encodes");
    assert_eq!(decode(&bytes, &ty), Ok(value));
    for end in 1..bytes.len() {
        assert!(decode(&bytes[..end], &ty).is_err(), "prefix of {end} bytes");
    }
}

#[test]
fn invalid_utf8_is_refused_wherever_text_is_read() {
    let obj = Type::object([("a", Type::String)]);
    let cases: [(&[u8], &Type); 5] = [
        (&[0xa2, 0xc3, 0x28], &Type::String),
        (&[0x81, 0xa1, 0xff, 0xc0], &Type::map(Type::String)),
        (&[0x81, 0xa1, 0x80, 0xc0], &obj),
        (&[0xa1, 0xff], &Type::Number),
        (&[0x92, 0xa1, 0xff, 0xc0], &Type::Dynamic),
    ];
    for (bytes, ty) in cases {
        assert!(decode(bytes, ty).is_err(), "{bytes:02x?}");
    }
    assert!(json::decode(b"\"\xff\"", &Type::String).is_err());
}

#[test]
fn claimed_lengths_beyond_the_input_are_errors() {
    let cases: [&[u8]; 6] = [
        &[0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0],
        &[0xdf, 0xff, 0xff, 0xff, 0xff, 0xc0],
        &[0xdb, 0xff, 0xff, 0xff, 0xff, b'a'],
        &[0xda, 0x01, 0x00, b'a'],
        &[0xd9, 0x05, b'a'],
        &[0x92, 0xc6, 0xff, 0xff, 0xff, 0xff, b'"'],
    ];
    for bytes in cases {
        for ty in [Type::list(Type::String), Type::Dynamic] {
            let err = message(decode(bytes, &ty));
            assert!(err.contains("claimed"), "{bytes:02x?}: {err}");
        }
    }
}

#[test]
fn extension_values_with_bogus_lengths_are_errors() {
    let cases: [&[u8]; 5] = [
        &[0xc9, 0xff, 0xff, 0xff, 0xff, 0x00],
        &[0xc8, 0x00, 0x10, 0x0c, 0x01],
        &[0xc7, 0x05, 0x00, 0x00],
        &[0xd8, 0x0c, 0x00],
        &[0xd4],
    ];
    for bytes in cases {
        assert!(decode(bytes, &Type::String).is_err(), "{bytes:02x?}");
    }
    // A whole extension of a type cty does not use is a type error, not an unknown.
    assert!(message(decode(&[0xd4, 0x05, 0x00], &Type::String)).contains("extension"));
}

#[test]
fn nan_is_not_a_number_in_either_width() {
    assert!(decode(&[0xca, 0x7f, 0xc0, 0, 0], &Type::Number).is_err());
    assert!(decode(&[0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0], &Type::Number).is_err());
    let inf = decode(&[0xcb, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0], &Type::Number);
    assert_eq!(inf, Ok(Value::Number(Number::Float(f64::INFINITY))));
}

#[test]
fn error_paths_still_read_outermost_first() {
    let ty = Type::object([("a", Type::list(Type::map(Type::Bool)))]);
    let bytes = [0x81, 0xa1, b'a', 0x91, 0x81, 0xa1, b'k', 0x05];
    let Err(ValueError::Mismatch { path, .. }) = decode(&bytes, &ty) else {
        panic!("expected a mismatch");
    };
    assert_eq!(path.to_string(), r#"a[0]["k"]"#);
    let Err(ValueError::Mismatch { path, .. }) = json::decode(br#"{"a":[{"k":5}]}"#, &ty) else {
        panic!("expected a mismatch");
    };
    assert_eq!(path.to_string(), r#"a[0]["k"]"#);
}
