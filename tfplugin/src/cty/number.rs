//! cty numbers: kept exactly as they arrived (an `i64`, an exact `f64`, or the decimal text
//! of anything else), with a `Debug` that hides the digits.

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
