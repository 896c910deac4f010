//! The defences the cty decoders share against hostile input: the nesting depth limit, and
//! error paths built while an error unwinds rather than cloned at every level on the way in.
//!
//! What the decoders guarantee, on any bytes at all:
//! - no panic, and recursion no deeper than [`MAX_DEPTH`] levels of the value;
//! - no allocation sized by a length the input claims: containers grow as their elements
//!   actually arrive, and a claimed length larger than the bytes left is refused before any
//!   element is read;
//! - heap use in proportion to the input: the decoded value (at worst a few `Value` slots per
//!   input byte, for an array of one-byte elements), the parse tree (JSON only), and an error
//!   path that holds each step once.

use super::error::ValueError;
use super::path::{AttributePath, PathStep};

/// How deeply values may nest: each list, set, map, object or tuple, and each dynamic value's
/// `[type, value]` wrapper, is one level. Terraform's deepest real schemas (nested blocks of
/// nested blocks) stay well under 30; deeper input is refused with a depth error instead of
/// recursing further. Type descriptions inside dynamic values are JSON, which serde_json
/// refuses past 128 levels before the type is built.
pub const MAX_DEPTH: usize = 64;

/// The depth one level below `depth`, or the depth error if that passes [`MAX_DEPTH`].
pub(crate) fn deeper(depth: usize) -> Result<usize, ValueError> {
    if depth >= MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(depth + 1)
}

/// The error for input nested past [`MAX_DEPTH`].
pub(crate) fn too_deep() -> ValueError {
    fault(format!("value nested deeper than {MAX_DEPTH} levels"))
}

/// A mismatch with an empty path; [`within`] adds steps as it unwinds.
pub(crate) fn fault(message: impl Into<String>) -> ValueError {
    ValueError::mismatch(&AttributePath::root(), message)
}

/// Adds the step an error came through on its way out. Steps gather innermost first;
/// [`finish`] turns them round once at the top.
pub(crate) fn within(mut error: ValueError, step: PathStep) -> ValueError {
    if let ValueError::Mismatch { path, .. } = &mut error {
        path.steps.push(step);
    }
    error
}

/// Puts the gathered steps of an error in their outermost-first order.
pub(crate) fn finish(mut error: ValueError) -> ValueError {
    if let ValueError::Mismatch { path, .. } = &mut error {
        path.steps.reverse();
    }
    error
}

/// Index `i` of a list, set or tuple as a path step.
pub(crate) fn index(i: usize) -> PathStep {
    PathStep::Index(i64::try_from(i).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_to_the_limit_and_no_further() {
        let mut depth = 0;
        for _ in 0..MAX_DEPTH {
            depth = deeper(depth).unwrap();
        }
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(deeper(depth), Err(too_deep()));
    }

    #[test]
    fn steps_gathered_inside_out_read_outside_in() {
        let e = within(fault("bad"), PathStep::Key("k".into()));
        let e = finish(within(within(e, index(2)), PathStep::Attribute("a".into())));
        let ValueError::Mismatch { path, message } = e else {
            panic!("not a mismatch");
        };
        assert_eq!(path.to_string(), r#"a[2]["k"]"#);
        assert_eq!(message, "bad");
    }
}
