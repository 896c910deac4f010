//! What drives the model codec: a type with the parts that are sensitive marked, built
//! once from a schema's block (by the schema, which knows its attributes) or from a bare
//! [`Type`], where nothing is sensitive.

use std::collections::BTreeMap;
use std::fmt;

use crate::cty::Type;

/// A type, with the parts that are sensitive marked.
#[derive(Clone, PartialEq)]
pub(crate) enum Shape {
    /// A string, number, bool or dynamic value.
    Leaf(Type),
    /// A list of elements of one shape.
    List(Box<Shape>),
    /// A set of elements of one shape.
    Set(Box<Shape>),
    /// A map of elements of one shape.
    Map(Box<Shape>),
    /// A tuple.
    Tuple(Vec<Shape>),
    /// An object (a block's attributes and nested blocks).
    Object(BTreeMap<String, Shape>),
    /// A sensitive attribute: errors inside it never quote its value.
    Sensitive(Box<Shape>),
}

static DYNAMIC: Shape = Shape::Leaf(Type::Dynamic);

impl fmt::Debug for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shape({})", self.to_type().to_json())
    }
}

impl Shape {
    /// The shape of a value of `ty` (nothing sensitive).
    pub(crate) fn of_type(ty: &Type) -> Shape {
        match ty {
            Type::String | Type::Number | Type::Bool | Type::Dynamic => Shape::Leaf(ty.clone()),
            Type::List(e) => Shape::List(Box::new(Shape::of_type(e))),
            Type::Set(e) => Shape::Set(Box::new(Shape::of_type(e))),
            Type::Map(e) => Shape::Map(Box::new(Shape::of_type(e))),
            Type::Tuple(es) => Shape::Tuple(es.iter().map(Shape::of_type).collect()),
            Type::Object(attrs) => Shape::Object(
                attrs
                    .iter()
                    .map(|(k, t)| (k.clone(), Shape::of_type(t)))
                    .collect(),
            ),
        }
    }

    /// This shape without its sensitive mark, and whether it had one.
    pub(crate) fn open(&self) -> (&Shape, bool) {
        match self {
            Shape::Sensitive(inner) => (inner.open().0, true),
            other => (other, false),
        }
    }

    /// The shape of the elements of a list, set or map (dynamic for anything else).
    pub(crate) fn element(&self) -> &Shape {
        match self.open().0 {
            Shape::List(e) | Shape::Set(e) | Shape::Map(e) => e,
            _ => &DYNAMIC,
        }
    }

    /// The shape of tuple element `i`, or of an element of any other sequence.
    pub(crate) fn tuple_element(&self, i: usize) -> &Shape {
        match self.open().0 {
            Shape::Tuple(es) => es.get(i).unwrap_or(&DYNAMIC),
            _ => self.element(),
        }
    }

    /// The shape of attribute `name` (dynamic when not an object).
    pub(crate) fn attribute(&self, name: &str) -> &Shape {
        match self.open().0 {
            Shape::Object(attrs) => attrs.get(name).unwrap_or(&DYNAMIC),
            _ => &DYNAMIC,
        }
    }

    /// True for the dynamic pseudo-type, which takes any value.
    pub(crate) fn is_dynamic(&self) -> bool {
        matches!(self.open().0, Shape::Leaf(Type::Dynamic))
    }

    /// What a value of this shape is, in words ("a string", "a list", ...).
    pub(crate) fn noun(&self) -> &'static str {
        match self.open().0 {
            Shape::Leaf(Type::String) => "a string",
            Shape::Leaf(Type::Number) => "a number",
            Shape::Leaf(Type::Bool) => "a bool",
            Shape::Leaf(_) => "a dynamic value",
            Shape::List(_) => "a list",
            Shape::Set(_) => "a set",
            Shape::Map(_) => "a map",
            Shape::Tuple(_) => "a tuple",
            Shape::Object(_) | Shape::Sensitive(_) => "an object",
        }
    }

    /// Why a model reading `reads` here disagrees with the schema: `None` when this shape
    /// is one of `allowed`, or dynamic.
    pub(crate) fn refuses(&self, reads: &str, allowed: fn(&Shape) -> bool) -> Option<String> {
        let shape = self.open().0;
        (!shape.is_dynamic() && !allowed(shape)).then(|| {
            format!(
                "the schema has {} here, but the model reads {reads}",
                shape.noun()
            )
        })
    }

    /// Every disagreement between the fields of the struct `name` and this object's
    /// attributes (none for any other shape).
    pub(crate) fn field_disagreements(&self, name: &str, fields: &[&str]) -> Vec<String> {
        let Shape::Object(attrs) = self.open().0 else {
            return Vec::new();
        };
        let missing = attrs
            .keys()
            .filter(|a| !fields.contains(&a.as_str()))
            .map(|a| format!("the struct {name} has no field for the attribute `{a}`"));
        let extra = fields
            .iter()
            .filter(|f| !attrs.contains_key(**f))
            .map(|f| format!("the field `{f}` of the struct {name} is no attribute of the schema"));
        missing.chain(extra).collect()
    }

    /// The plain type.
    pub(crate) fn to_type(&self) -> Type {
        match self {
            Shape::Leaf(t) => t.clone(),
            Shape::List(e) => Type::list(e.to_type()),
            Shape::Set(e) => Type::set(e.to_type()),
            Shape::Map(e) => Type::map(e.to_type()),
            Shape::Tuple(es) => Type::Tuple(es.iter().map(Shape::to_type).collect()),
            Shape::Object(attrs) => Type::Object(
                attrs
                    .iter()
                    .map(|(k, s)| (k.clone(), s.to_type()))
                    .collect(),
            ),
            Shape::Sensitive(inner) => inner.to_type(),
        }
    }
}
