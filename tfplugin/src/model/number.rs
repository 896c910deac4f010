//! Exact number conversions: a cty [`Number`] into Rust's integers and floats only when
//! nothing is lost, and Rust's numbers into a [`Number`] keeping every digit.

use crate::cty::number::parse_decimal;
use crate::cty::Number;

/// A decimal as `digits × 10^exp`, digits without leading or trailing zeros (empty for
/// zero): two texts of one number compare equal in this form.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exp: i64,
}

fn canonical(text: &str) -> Option<Decimal> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let all = format!("{whole}{frac}");
    if !all.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut exp = exp.checked_sub(i64::try_from(frac.len()).ok()?)?;
    let trimmed = all.trim_start_matches('0');
    let digits = trimmed.trim_end_matches('0');
    exp = exp.checked_add(i64::try_from(trimmed.len() - digits.len()).ok()?)?;
    if digits.is_empty() {
        return Some(Decimal {
            negative: false,
            digits: String::new(),
            exp: 0,
        });
    }
    Some(Decimal {
        negative,
        digits: digits.to_string(),
        exp,
    })
}

/// The number as an `i128`, if it is a whole number in range.
pub(crate) fn to_i128(n: &Number) -> Option<i128> {
    match n {
        Number::Int(i) => Some(i128::from(*i)),
        Number::Float(f) => {
            let whole = f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7e38;
            // Exact: a whole f64 below 2^127 converts without rounding.
            whole.then_some(*f as i128)
        }
        Number::Big(s) => {
            let d = canonical(s)?;
            if d.digits.is_empty() {
                return Some(0);
            }
            let zeros = usize::try_from(d.exp).ok()?;
            if d.digits.len() + zeros > 39 {
                return None;
            }
            let text = format!(
                "{}{}{}",
                if d.negative { "-" } else { "" },
                d.digits,
                "0".repeat(zeros)
            );
            text.parse().ok()
        }
    }
}

/// True if the number is whole (whatever its size).
pub(crate) fn is_whole(n: &Number) -> bool {
    match n {
        Number::Int(_) => true,
        Number::Float(f) => f.is_finite() && f.fract() == 0.0,
        Number::Big(s) => canonical(s).is_some_and(|d| d.exp >= 0),
    }
}

/// The number as an `f64`, if an `f64` holds it exactly (converting back gives the same
/// number).
pub(crate) fn to_f64(n: &Number) -> Option<f64> {
    match n {
        Number::Int(i) => {
            let f = *i as f64;
            (f as i128 == i128::from(*i)).then_some(f)
        }
        Number::Float(f) => Some(*f),
        Number::Big(s) => {
            let f: f64 = s.parse().ok()?;
            (f.is_finite() && canonical(&f.to_string()) == canonical(s)).then_some(f)
        }
    }
}

/// The number as an `f32`, if an `f32` holds it exactly.
pub(crate) fn to_f32(n: &Number) -> Option<f32> {
    match n {
        Number::Int(i) => {
            let f = *i as f32;
            (f as i128 == i128::from(*i)).then_some(f)
        }
        Number::Float(f) if f.is_infinite() => Some(*f as f32),
        Number::Float(f) => {
            let g = *f as f32;
            (f64::from(g) == *f || canonical(&g.to_string()) == canonical(&f.to_string()))
                .then_some(g)
        }
        Number::Big(s) => {
            let g: f32 = s.parse().ok()?;
            (g.is_finite() && canonical(&g.to_string()) == canonical(s)).then_some(g)
        }
    }
}

/// A number from an `i128`.
pub(crate) fn from_i128(i: i128) -> Number {
    i64::try_from(i).map_or_else(|_| Number::Big(i.to_string()), Number::Int)
}

/// A number from a `u128`.
pub(crate) fn from_u128(u: u128) -> Number {
    i64::try_from(u).map_or_else(|_| Number::Big(u.to_string()), Number::Int)
}

/// A number from an `f32`, as the decimal the `f32` prints (`0.1f32` is 0.1, not the
/// `f64` nearest to it); `None` for NaN.
pub(crate) fn from_f32(f: f32) -> Option<Number> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(Number::Float(f64::from(f)));
    }
    parse_decimal(&f.to_string())
}

/// A number from an `f64`; `None` for NaN.
pub(crate) fn from_f64(f: f64) -> Option<Number> {
    (!f.is_nan()).then_some(Number::Float(f))
}

/// A number from its decimal text.
pub(crate) fn from_text(text: &str) -> Option<Number> {
    parse_decimal(text)
}

#[cfg(test)]
mod tests;
