//! [`Ser`] as a serde `Serializer`: each `serialize_*` writes the value its shape allows,
//! and a compound value through the parts of `compound.rs`.

use std::collections::BTreeMap;

use serde::ser::{self, Impossible, Serialize};

use super::compound::{conform, Elements, Entries};
use super::Ser;
use crate::cty::{Number, Type, Value};
use crate::model::error::ModelError;
use crate::model::number::{from_f32, from_f64, from_i128, from_text, from_u128};
use crate::model::shape::Shape;
use crate::model::tokens::{NUMBER_TOKEN, UNKNOWN_TOKEN, VALUE_TOKEN};
use crate::model::value_serde::take_parked;

type Result<T> = std::result::Result<T, ModelError>;

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = Value;
    type Error = ModelError;
    type SerializeSeq = Elements<'a>;
    type SerializeTuple = Elements<'a>;
    type SerializeTupleStruct = Elements<'a>;
    type SerializeTupleVariant = Impossible<Value, ModelError>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Entries<'a>;
    type SerializeStructVariant = Impossible<Value, ModelError>;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        self.leaf(Type::Bool, "a bool", Value::Bool(v))
    }

    fn serialize_i8(self, v: i8) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<Value> {
        self.number(Some(Number::Int(v)))
    }

    fn serialize_i128(self, v: i128) -> Result<Value> {
        self.number(Some(from_i128(v)))
    }

    fn serialize_u8(self, v: u8) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<Value> {
        self.serialize_i64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<Value> {
        self.number(Some(from_u128(v.into())))
    }

    fn serialize_u128(self, v: u128) -> Result<Value> {
        self.number(Some(from_u128(v)))
    }

    fn serialize_f32(self, v: f32) -> Result<Value> {
        self.number(from_f32(v))
    }

    fn serialize_f64(self, v: f64) -> Result<Value> {
        self.number(from_f64(v))
    }

    fn serialize_char(self, v: char) -> Result<Value> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Value> {
        self.leaf(Type::String, "a string", Value::string(v))
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<Value> {
        Err(self.error("cty has no bytes: give a string"))
    }

    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Null)
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<Value> {
        Ok(if name == UNKNOWN_TOKEN {
            Value::Unknown
        } else {
            Value::Null
        })
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Value> {
        match name {
            VALUE_TOKEN => match take_parked() {
                Some(v) => conform(v, self.shape, &self.path),
                None => value.serialize(self),
            },
            NUMBER_TOKEN => {
                let text =
                    value.serialize(Ser::at(&Shape::Leaf(Type::String), self.path.clone()))?;
                let n = text.as_str().and_then(from_text);
                match n {
                    Some(n) => self.number(Some(n)),
                    None => Err(self.error("a Number's text is not a number")),
                }
            }
            _ => value.serialize(self),
        }
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _value: &T,
    ) -> Result<Value> {
        Err(self.error(format!(
            "{name}::{variant} holds data, and cty has no form for enum variants with data"
        )))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Elements<'a>> {
        match self.shape {
            Shape::List(_) | Shape::Set(_) | Shape::Tuple(_) | Shape::Leaf(Type::Dynamic) => {
                Ok(Elements {
                    items: Vec::with_capacity(len.unwrap_or(0).min(1024)),
                    ser: self,
                })
            }
            other => Err(self.error(format!(
                "the schema has {} here, but the model gives a sequence",
                other.noun()
            ))),
        }
    }

    fn serialize_tuple(self, len: usize) -> Result<Elements<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Elements<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(self.error(format!(
            "{name}::{variant}: cty has no form for enum variants with data"
        )))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Entries<'a>> {
        match self.shape {
            Shape::Map(_) | Shape::Object(_) | Shape::Leaf(Type::Dynamic) => Ok(Entries {
                entries: BTreeMap::new(),
                key: None,
                name: "map",
                ser: self,
            }),
            other => Err(self.error(format!(
                "the schema has {} here, but the model gives a map",
                other.noun()
            ))),
        }
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Entries<'a>> {
        match self.shape {
            Shape::Object(_) | Shape::Leaf(Type::Dynamic) => Ok(Entries {
                entries: BTreeMap::new(),
                key: None,
                name,
                ser: self,
            }),
            other => Err(self.error(format!(
                "the schema has {} here, but the model gives the struct {name}",
                other.noun()
            ))),
        }
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(self.error(format!(
            "{name}::{variant}: cty has no form for enum variants with data"
        )))
    }
}
