//! cty types: the type system Terraform uses for every value that crosses the protocol.
//!
//! A [`Type`] drives the msgpack and JSON codecs (see `msgpack.rs` and `json.rs`) and is what a
//! schema attribute declares. Its JSON form (`"string"`, `["list","number"]`,
//! `["object",{"a":"bool"}]`) is what the protocol puts in `Schema.Attribute.type`.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::error::ValueError;

/// A cty type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// A UTF-8 string.
    String,
    /// An arbitrary-precision number.
    Number,
    /// A boolean.
    Bool,
    /// The dynamic pseudo-type: the concrete type travels with the value.
    Dynamic,
    /// An ordered sequence of one element type.
    List(Box<Type>),
    /// An unordered collection of distinct values of one element type.
    Set(Box<Type>),
    /// String-keyed values of one element type.
    Map(Box<Type>),
    /// A fixed set of named attributes, each of its own type.
    Object(BTreeMap<String, Type>),
    /// A fixed sequence of elements, each of its own type.
    Tuple(Vec<Type>),
}

impl Type {
    /// `list(element)`.
    pub fn list(element: Type) -> Type {
        Type::List(Box::new(element))
    }

    /// `set(element)`.
    pub fn set(element: Type) -> Type {
        Type::Set(Box::new(element))
    }

    /// `map(element)`.
    pub fn map(element: Type) -> Type {
        Type::Map(Box::new(element))
    }

    /// `object({...})` from `(name, type)` pairs.
    pub fn object<I, S>(attributes: I) -> Type
    where
        I: IntoIterator<Item = (S, Type)>,
        S: Into<String>,
    {
        Type::Object(attributes.into_iter().map(|(k, t)| (k.into(), t)).collect())
    }

    /// The cty JSON encoding of this type, as the protocol carries it in schemas.
    pub fn to_json(&self) -> Json {
        match self {
            Type::String => Json::from("string"),
            Type::Number => Json::from("number"),
            Type::Bool => Json::from("bool"),
            Type::Dynamic => Json::from("dynamic"),
            Type::List(e) => Json::Array(vec![Json::from("list"), e.to_json()]),
            Type::Set(e) => Json::Array(vec![Json::from("set"), e.to_json()]),
            Type::Map(e) => Json::Array(vec![Json::from("map"), e.to_json()]),
            Type::Object(attrs) => {
                let fields = attrs
                    .iter()
                    .map(|(k, t)| (k.clone(), t.to_json()))
                    .collect();
                Json::Array(vec![Json::from("object"), Json::Object(fields)])
            }
            Type::Tuple(elems) => Json::Array(vec![
                Json::from("tuple"),
                Json::Array(elems.iter().map(Type::to_json).collect()),
            ]),
        }
    }

    /// Parses the cty JSON encoding of a type.
    pub fn from_json(json: &Json) -> Result<Type, ValueError> {
        let bad = || ValueError::BadType(json.to_string());
        match json {
            Json::String(s) => match s.as_str() {
                "string" => Ok(Type::String),
                "number" => Ok(Type::Number),
                "bool" => Ok(Type::Bool),
                "dynamic" => Ok(Type::Dynamic),
                _ => Err(bad()),
            },
            Json::Array(parts) => {
                let kind = parts.first().and_then(Json::as_str).ok_or_else(bad)?;
                let arg = parts.get(1).ok_or_else(bad)?;
                match kind {
                    "list" => Ok(Type::list(Type::from_json(arg)?)),
                    "set" => Ok(Type::set(Type::from_json(arg)?)),
                    "map" => Ok(Type::map(Type::from_json(arg)?)),
                    "object" => {
                        let fields = arg.as_object().ok_or_else(bad)?;
                        let mut attrs = BTreeMap::new();
                        for (k, v) in fields {
                            attrs.insert(k.clone(), Type::from_json(v)?);
                        }
                        Ok(Type::Object(attrs))
                    }
                    "tuple" => {
                        let elems = arg.as_array().ok_or_else(bad)?;
                        Ok(Type::Tuple(
                            elems
                                .iter()
                                .map(Type::from_json)
                                .collect::<Result<_, _>>()?,
                        ))
                    }
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    /// The type's JSON encoding as bytes (the form `Schema.Attribute.type` carries).
    pub fn to_json_bytes(&self) -> Vec<u8> {
        self.to_json().to_string().into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_of_nested_types() {
        let ty = Type::object([
            ("ids", Type::set(Type::Number)),
            ("tags", Type::map(Type::String)),
            ("pair", Type::Tuple(vec![Type::Bool, Type::Dynamic])),
            ("list", Type::list(Type::object([("x", Type::String)]))),
        ]);
        let json = ty.to_json();
        assert_eq!(Type::from_json(&json).ok(), Some(ty));
        assert_eq!(
            Type::set(Type::Number).to_json().to_string(),
            r#"["set","number"]"#
        );
    }

    #[test]
    fn unknown_type_names_are_refused() {
        assert!(Type::from_json(&serde_json::json!("float")).is_err());
        assert!(Type::from_json(&serde_json::json!(["list"])).is_err());
        assert!(Type::from_json(&serde_json::json!(3)).is_err());
    }
}
