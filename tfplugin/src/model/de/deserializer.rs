//! [`De`] as a serde `Deserializer`: each `deserialize_*` reads the value in the form its
//! shape allows, and hands a compound value's parts to the accessors of `access.rs`.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, Visitor};

use super::access::{Entries, Fields, Seq};
use super::De;
use crate::cty::{Number, Type, Value};
use crate::model::error::ModelError;
use crate::model::number::{to_f32, to_f64};
use crate::model::shape::Shape;
use crate::model::tokens::{NUMBER_TOKEN, UNKNOWN_TOKEN, VALUE_TOKEN};
use crate::model::value_serde::with_parked;

type Result<T> = std::result::Result<T, ModelError>;

macro_rules! integer {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let i = self.integer(
                concat!("an ", stringify!($ty)),
                <$ty>::MIN.into(),
                <$ty>::MAX.into(),
            )?;
            // In range, checked just above.
            let v = <$ty>::try_from(i).unwrap_or_default();
            self.placed(visitor.$visit(v))
        }
    };
}

impl<'de> de::Deserializer<'de> for De<'de> {
    type Error = ModelError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let r = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Unknown => {
                return Err(self
                    .model_error("the value is unknown, but the model has no MaybeUnknown here"))
            }
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(Number::Int(i)) => visitor.visit_i64(*i),
            Value::Number(Number::Float(f)) => visitor.visit_f64(*f),
            Value::Number(Number::Big(s)) => visitor.visit_borrowed_str(s),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::List(_) | Value::Set(_) => return self.deserialize_seq(visitor),
            Value::Map(_) | Value::Object(_) => return self.deserialize_map(visitor),
        };
        self.placed(r)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let allowed = |s: &Shape| matches!(s, Shape::Leaf(Type::Bool));
        match self.known("a bool", allowed)? {
            Value::Bool(b) => self.placed(visitor.visit_bool(*b)),
            _ => Err(self.value_kind_error("a bool")),
        }
    }

    integer!(deserialize_i8, visit_i8, i8);
    integer!(deserialize_i16, visit_i16, i16);
    integer!(deserialize_i32, visit_i32, i32);
    integer!(deserialize_i64, visit_i64, i64);
    integer!(deserialize_i128, visit_i128, i128);
    integer!(deserialize_u8, visit_u8, u8);
    integer!(deserialize_u16, visit_u16, u16);
    integer!(deserialize_u32, visit_u32, u32);
    integer!(deserialize_u64, visit_u64, u64);

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let i = self.integer("a u128", 0, i128::MAX)?;
        self.placed(visitor.visit_u128(i.unsigned_abs()))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let f = to_f32(self.number("an f32")?).ok_or_else(|| {
            ModelError::value(&self.path, "the number does not fit an f32 without loss")
        })?;
        self.placed(visitor.visit_f32(f))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let f = to_f64(self.number("an f64")?).ok_or_else(|| {
            ModelError::value(&self.path, "the number does not fit an f64 without loss")
        })?;
        self.placed(visitor.visit_f64(f))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let s = self.string()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => self.placed(visitor.visit_char(c)),
            _ => Err(ModelError::value(&self.path, "expected a single character")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let s = self.string()?;
        self.placed(visitor.visit_borrowed_str(s))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(self.model_error("cty has no bytes: read a string"))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.value.is_null() {
            self.placed(visitor.visit_none())
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Null => self.placed(visitor.visit_unit()),
            _ => Err(self.model_error("the model reads nothing (a unit) where the value is set")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        match name {
            UNKNOWN_TOKEN if self.value.is_unknown() => self.placed(visitor.visit_unit()),
            VALUE_TOKEN => {
                let value = self.value.clone();
                let path = self.path.clone();
                let sensitive = self.sensitive;
                with_parked(value, || visitor.visit_newtype_struct(self))
                    .map_err(|e| e.locate(&path, sensitive))
            }
            NUMBER_TOKEN => {
                let r = match self.number("a Number")? {
                    Number::Int(i) => visitor.visit_i64(*i),
                    Number::Float(f) => visitor.visit_f64(*f),
                    Number::Big(s) => visitor.visit_borrowed_str(s),
                };
                self.placed(r)
            }
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let items = self.elements("a sequence")?;
        let set = matches!(self.value, Value::Set(_));
        let access = Seq {
            parent: &self,
            items: items.iter().enumerate(),
            set,
        };
        visitor
            .visit_seq(access)
            .map_err(|e| e.locate(&self.path, self.sensitive))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        let n = self.elements("a tuple")?.len();
        if n != len {
            return Err(ModelError::value(
                &self.path,
                format!("expected {len} elements, found {n}"),
            ));
        }
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let map = |s: &Shape| matches!(s, Shape::Map(_) | Shape::Object(_));
        let entries = match self.known("a map", map)? {
            Value::Map(m) | Value::Object(m) => m,
            _ => return Err(self.value_kind_error("a map or object")),
        };
        let access = Entries {
            parent: &self,
            entries: entries.iter(),
            next: None,
        };
        visitor
            .visit_map(access)
            .map_err(|e| e.locate(&self.path, self.sensitive))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let object = |s: &Shape| matches!(s, Shape::Object(_));
        let entries = match self.known(&format!("the struct {name}"), object)? {
            Value::Object(m) => m,
            _ => return Err(self.value_kind_error("an object")),
        };
        if let Some(problem) = self
            .shape
            .field_disagreements(name, fields)
            .into_iter()
            .next()
        {
            return Err(self.model_error(problem));
        }
        if let Some(absent) = fields.iter().find(|f| !entries.contains_key(**f)) {
            return Err(ModelError::value(
                &self.path.then_attr(absent),
                "the attribute is absent from the value",
            ));
        }
        let access = Fields {
            parent: &self,
            entries,
            fields: fields.iter(),
            next: None,
        };
        visitor
            .visit_map(access)
            .map_err(|e| e.locate(&self.path, self.sensitive))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let s = self.string()?;
        let r = visitor.visit_enum(BorrowedStrDeserializer::<ModelError>::new(s));
        self.placed(r)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}
