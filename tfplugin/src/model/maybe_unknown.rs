//! [`MaybeUnknown`], the wrapper for a value that may be unknown, and how it goes through
//! serde (a newtype the model codec recognises; elsewhere just its value).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::tokens::UNKNOWN_TOKEN;

/// A value that may be unknown until apply: in plans, and in configurations that refer to
/// what other resources compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MaybeUnknown<T> {
    /// The value is known.
    Known(T),
    /// Terraform knows the value only after apply.
    Unknown,
}

impl<T> MaybeUnknown<T> {
    /// The value, if known.
    pub fn known(&self) -> Option<&T> {
        match self {
            MaybeUnknown::Known(v) => Some(v),
            MaybeUnknown::Unknown => None,
        }
    }

    /// The value, if known, by value.
    pub fn into_known(self) -> Option<T> {
        match self {
            MaybeUnknown::Known(v) => Some(v),
            MaybeUnknown::Unknown => None,
        }
    }

    /// True when unknown.
    pub fn is_unknown(&self) -> bool {
        matches!(self, MaybeUnknown::Unknown)
    }

    /// The known value transformed by `f`; unknown stays unknown.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> MaybeUnknown<U> {
        match self {
            MaybeUnknown::Known(v) => MaybeUnknown::Known(f(v)),
            MaybeUnknown::Unknown => MaybeUnknown::Unknown,
        }
    }
}

impl<T> From<T> for MaybeUnknown<T> {
    fn from(value: T) -> Self {
        MaybeUnknown::Known(value)
    }
}

impl<T: Serialize> Serialize for MaybeUnknown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Elsewhere (JSON, say) a known value is just itself and unknown is a unit.
            MaybeUnknown::Known(v) => v.serialize(serializer),
            MaybeUnknown::Unknown => serializer.serialize_unit_struct(UNKNOWN_TOKEN),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MaybeUnknown<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = MaybeUnknown<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or unknown")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(MaybeUnknown::Unknown)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(MaybeUnknown::Known)
            }
        }
        deserializer.deserialize_newtype_struct(UNKNOWN_TOKEN, Visit(std::marker::PhantomData))
    }
}
