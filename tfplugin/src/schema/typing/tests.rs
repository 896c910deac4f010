//! The model codec driven by schemas: unknowns, nulls, nested blocks, numbers, sensitive
//! attributes, and the struct-to-schema check.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::*;
use crate::cty::{AttributePath, Number, Type};
use crate::diagnostic::Diagnostic;
use crate::model::maybe_unknown::MaybeUnknown;
use crate::model::{from_value, to_value, ModelError, ModelErrorKind};
use crate::schema::{Attribute, NestedBlock, Schema};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Rule {
    port: u16,
    cidr: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Visibility {
    All,
    Private,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Server {
    name: String,
    id: MaybeUnknown<String>,
    note: MaybeUnknown<Option<String>>,
    token: Option<String>,
    visibility: Visibility,
    ids: BTreeSet<i64>,
    tags: BTreeMap<String, String>,
    weight: f64,
    rule: Vec<Rule>,
    extra: Value,
}

fn schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::computed("id", Type::String))
            .attribute(Attribute::optional("note", Type::String))
            .attribute(Attribute::optional("token", Type::String).sensitive())
            .attribute(Attribute::required("visibility", Type::String))
            .attribute(Attribute::optional("ids", Type::set(Type::Number)))
            .attribute(Attribute::optional("tags", Type::map(Type::String)))
            .attribute(Attribute::optional("weight", Type::Number))
            .attribute(Attribute::optional("extra", Type::Dynamic))
            .block(NestedBlock::new(
                "rule",
                NestingMode::List,
                Block::new()
                    .attribute(Attribute::required("port", Type::Number))
                    .attribute(Attribute::optional("cidr", Type::String)),
            )),
    )
}

fn value() -> Value {
    Value::object([
        ("name", Value::string("web")),
        ("id", Value::Unknown),
        ("note", Value::Null),
        ("token", Value::string("s3cr3t-token")),
        ("visibility", Value::string("private")),
        ("ids", Value::Set(vec![Value::int(3), Value::int(1)])),
        (
            "tags",
            Value::Map([("env".to_string(), Value::string("prod"))].into()),
        ),
        ("weight", Value::Number(Number::Big("0.25".into()))),
        ("extra", Value::Set(vec![Value::Bool(true)])),
        (
            "rule",
            Value::List(vec![Value::object([
                ("port", Value::int(443)),
                ("cidr", Value::Null),
            ])]),
        ),
    ])
}

fn typing() -> Typing {
    Typing::of_block(&schema().block)
}

#[test]
fn a_value_reads_into_the_model_and_writes_back_identical() {
    let model: Server = typing().to_model(&value()).unwrap();
    assert_eq!(model.name, "web");
    assert!(model.id.is_unknown());
    assert_eq!(model.note, MaybeUnknown::Known(None));
    assert_eq!(model.visibility, Visibility::Private);
    assert_eq!(model.ids, BTreeSet::from([1, 3]));
    assert_eq!(model.weight, 0.25);
    assert_eq!(
        model.rule,
        [Rule {
            port: 443,
            cidr: None
        }]
    );
    assert_eq!(
        model.extra,
        Value::Set(vec![Value::Bool(true)]),
        "a Value passes whole"
    );
    let back = typing().to_value(&model).unwrap();
    assert_eq!(back.get("id"), &Value::Unknown);
    assert!(
        matches!(back.get("ids"), Value::Set(_)),
        "the schema makes it a set"
    );
    assert!(matches!(back.get("tags"), Value::Map(_)));
    assert_eq!(back.get("rule"), value().get("rule"));
    assert_eq!(back.get("extra"), value().get("extra"));
    assert_eq!(back.get("weight"), &Value::Number(Number::Float(0.25)));
}

#[test]
fn nulls_need_an_option_and_unknowns_a_maybe_unknown() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        name: String,
    }
    let ty = Type::object([("name", Type::String)]);
    let null = Value::object([("name", Value::Null)]);
    let e = from_value::<Strict>(&null, &ty).unwrap_err();
    assert_eq!(
        (e.path().to_string(), e.kind()),
        ("name".into(), ModelErrorKind::Model)
    );
    assert!(e.message().contains("use an Option"), "{e}");
    let unknown = Value::object([("name", Value::Unknown)]);
    let e = from_value::<Strict>(&unknown, &ty).unwrap_err();
    assert!(e.message().contains("use a MaybeUnknown"), "{e}");
    let either: Option<MaybeUnknown<String>> = from_value(&Value::Unknown, &Type::String).unwrap();
    assert_eq!(either, Some(MaybeUnknown::Unknown));
    let either: Option<MaybeUnknown<String>> = from_value(&Value::Null, &Type::String).unwrap();
    assert_eq!(either, None);
}

#[test]
fn an_absent_attribute_is_an_error_not_a_null() {
    let mut v = value();
    if let Value::Object(m) = &mut v {
        m.remove("note");
    }
    let e = typing().to_model::<Server>(&v).unwrap_err();
    let d = e.iter().next().unwrap();
    assert_eq!(d.attribute.as_ref().unwrap().to_string(), "note");
    assert!(d.detail.contains("absent"), "{d:?}");
}

#[test]
fn numbers_keep_precision_and_refuse_loss() {
    let big = Value::Number(Number::Big("123456789012345678901234567890.5".into()));
    let n: Number = from_value(&big, &Type::Number).unwrap();
    assert_eq!(
        to_value(&n, &Type::Number).unwrap(),
        big,
        "every digit kept"
    );
    assert!(from_value::<f64>(&big, &Type::Number).is_err());
    let e = from_value::<u8>(&Value::int(300), &Type::Number).unwrap_err();
    assert_eq!(e.kind(), ModelErrorKind::Value);
    assert_eq!(e.message(), "expected a whole number from 0 to 255");
    assert!(from_value::<i64>(&Value::Number(Number::Float(2.5)), &Type::Number).is_err());
    let huge = Value::Number(Number::Big("18446744073709551615".into()));
    assert_eq!(from_value::<u64>(&huge, &Type::Number).unwrap(), u64::MAX);
    assert_eq!(to_value(&u64::MAX, &Type::Number).unwrap(), huge);
    assert!(to_value(&f64::NAN, &Type::Number).is_err());
    assert_eq!(
        to_value(&0.1f32, &Type::Number).unwrap(),
        Value::Number(Number::Float(0.1)),
        "an f32 writes the decimal it prints"
    );
}

#[test]
fn errors_at_sensitive_attributes_never_quote_the_value() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Secret {
        token: Visibility,
    }
    let block = Block::new().attribute(Attribute::required("token", Type::String).sensitive());
    let v = Value::object([("token", Value::string("hunter2-topsecret"))]);
    let e = Typing::of_block(&block).to_model::<Secret>(&v).unwrap_err();
    let text = format!("{e:?}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("sensitive"), "{text}");
    // Not sensitive: the visitor's own words, value and all, help the user.
    let open = Block::new().attribute(Attribute::required("token", Type::String));
    let e = Typing::of_block(&open).to_model::<Secret>(&v).unwrap_err();
    assert!(format!("{e:?}").contains("hunter2"));
}

#[test]
fn a_struct_must_name_exactly_the_schemas_attributes() {
    #[derive(Serialize, Deserialize)]
    struct Partial {
        name: String,
        nick: String,
    }
    let ty = Type::object([("name", Type::String), ("id", Type::String)]);
    let v = Value::object([("name", Value::string("a")), ("id", Value::string("1"))]);
    let e = from_value::<Partial>(&v, &ty).err().unwrap();
    assert!(
        e.message().contains("no field for the attribute `id`"),
        "{e}"
    );
    let e = to_value(
        &Partial {
            name: "a".into(),
            nick: "b".into(),
        },
        &ty,
    )
    .unwrap_err();
    assert!(e.message().contains("`nick`"), "{e}");
}

#[test]
fn check_compares_struct_and_schema_at_every_depth() {
    assert_eq!(schema().check_model::<Server>(), Ok(()));
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct BadRule {
        port: String,
        proto: String,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Bad {
        name: String,
        rule: Vec<BadRule>,
    }
    let schema = Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::optional("id", Type::String))
            .block(NestedBlock::new(
                "rule",
                NestingMode::List,
                Block::new().attribute(Attribute::required("port", Type::Number)),
            )),
    );
    let e = schema.check_model::<Bad>().unwrap_err();
    let text = e.to_string();
    for expected in [
        "no field for the attribute `id`",
        "rule[0].port: the schema has a number here, but the model reads a string",
        "rule[0]: the field `proto` of the struct BadRule is no attribute of the schema",
    ] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
}

#[test]
fn model_errors_become_diagnostics_at_the_attribute() {
    let e = from_value::<u8>(&Value::int(-1), &Type::Number).unwrap_err();
    let d = Diagnostic::from(e);
    assert_eq!(d.summary, "Invalid value");
    let e = ModelError::model(&AttributePath::attr("rule").then_index(0), "no field");
    let d = Diagnostic::from(e);
    assert_eq!(d.summary, "Provider model and schema disagree");
    assert_eq!(d.attribute.unwrap().to_string(), "rule[0]");
    assert!(d.detail.ends_with("please report it."));
}

#[test]
fn maybe_unknown_and_value_work_with_other_formats() {
    let known: MaybeUnknown<u8> = serde_json::from_str("7").unwrap();
    assert_eq!(known, MaybeUnknown::Known(7));
    assert_eq!(
        serde_json::to_string(&MaybeUnknown::<u8>::Unknown).unwrap(),
        "null"
    );
    let v: Value = serde_json::from_str(r#"{"a":[1,"x",true,null]}"#).unwrap();
    assert_eq!(
        v.get("a"),
        &Value::List(vec![
            Value::int(1),
            Value::string("x"),
            Value::Bool(true),
            Value::Null
        ])
    );
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"a":[1,"x",true,null]}"#
    );
}

mod nested;
