//! cty numbers: kept exactly as they arrived (an `i64`, an exact `f64`, or the decimal text
//! of anything else), read from cty's decimal form without loss, with a `Debug` that hides
//! the digits.

use std::fmt;

/// A cty number, kept exactly as it arrived. `Debug` hides the digits.
#[derive(Clone, PartialEq)]
pub enum Number {
    /// A whole number that fits in an `i64`.
    Int(i64),
    /// A number that fits an `f64` exactly (including fractions and infinities).
    Float(f64),
    /// Any other number, as a decimal string (cty sends these as msgpack strings); never
    /// rounded.
    Big(String),
}

impl Number {
    /// The number as an `i64`, if it is a whole number in range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(*i),
            Number::Float(f) => {
                let i = *f as i64;
                (f.fract() == 0.0 && (i as f64) == *f && f.is_finite()).then_some(i)
            }
            Number::Big(s) => s.parse().ok(),
        }
    }

    /// The number as a decimal string, exactly.
    pub fn to_decimal_string(&self) -> String {
        match self {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => f.to_string(),
            Number::Big(s) => s.clone(),
        }
    }
}

/// Parses cty's string form of a number, keeping it exact.
pub(crate) fn parse_decimal(text: &str) -> Option<Number> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::Int(i));
    }
    let body = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    let valid = !whole.is_empty() && digits(whole) && digits(frac) && exponent_ok;
    if !valid {
        return None;
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f.to_string() == text => Some(Number::Float(f)),
        _ => Some(Number::Big(text.to_string())),
    }
}

/// What `Debug` prints in place of a leaf's contents.
pub(super) struct Sensitive;

impl fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(sensitive)")
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Number").field(&Sensitive).finish()
    }
}
