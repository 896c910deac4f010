use super::*;

fn big(s: &str) -> Number {
    Number::Big(s.into())
}

#[test]
fn integers_convert_only_when_whole_and_in_range() {
    assert_eq!(to_i128(&Number::Int(-5)), Some(-5));
    assert_eq!(to_i128(&Number::Float(3.0)), Some(3));
    assert_eq!(to_i128(&Number::Float(3.5)), None);
    assert_eq!(to_i128(&big("1e3")), Some(1000));
    assert_eq!(to_i128(&big("1000.000")), Some(1000));
    assert_eq!(to_i128(&big("18446744073709551615")), Some(u64::MAX.into()));
    assert_eq!(to_i128(&big("1.5e1")), Some(15));
    assert_eq!(to_i128(&big("1.25e1")), None);
    assert_eq!(to_i128(&big("1e40")), None);
    assert!(is_whole(&big("1e40")) && !is_whole(&big("0.5")));
}

#[test]
fn floats_convert_only_without_loss() {
    assert_eq!(to_f64(&Number::Int(1 << 53)), Some(9007199254740992.0));
    assert_eq!(to_f64(&Number::Int((1 << 53) + 1)), None);
    assert_eq!(to_f64(&Number::Int(i64::MAX)), None);
    assert_eq!(to_f64(&big("0.10")), Some(0.1));
    assert_eq!(to_f64(&big("123456789012345678901234567890.5")), None);
    assert_eq!(to_f32(&Number::Float(0.5)), Some(0.5));
    assert_eq!(to_f32(&Number::Float(0.1)), Some(0.1));
    assert_eq!(to_f32(&Number::Float(0.123456789)), None);
}

#[test]
fn rust_numbers_keep_every_digit() {
    assert_eq!(
        from_i128(i128::from(i64::MAX) + 1),
        big("9223372036854775808")
    );
    assert_eq!(from_u128(7), Number::Int(7));
    assert_eq!(from_f32(0.1), Some(Number::Float(0.1)));
    assert_eq!(from_f64(f64::NAN), None);
}
