//! The service with a typed resource: state upgrades from version 0 (JSON and flatmap, as
//! UpgradeResourceState carries them), models checked against schemas at start, and
//! validators declared in nested blocks run through ValidateResourceTypeConfig.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tonic::Request;

use super::*;
use crate::cty::Value;
use crate::diagnostic::Outcome;
use crate::model::maybe_unknown::MaybeUnknown;
use crate::provider::ConfigureRequest;
use crate::resource::UpgradeStateRequest;
use crate::schema::{Attribute, Block, NestedBlock, NestingMode};
use crate::validator::Validator;
use crate::wire::dynamic_value::{decode, encode};

/// Version 1 of a pet: version 0 called `sound` what is now `says`, and had no `tag`.
#[derive(Debug, Serialize, Deserialize)]
struct Pet {
    name: String,
    says: MaybeUnknown<String>,
    tag: Vec<Tag>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Tag {
    key: String,
}

#[derive(Deserialize)]
struct PetV0 {
    name: String,
    sound: Option<String>,
}

fn schema_v0() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::computed("sound", Type::String)),
    )
}

fn pet_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::computed("says", Type::String))
            .block(NestedBlock::new(
                "tag",
                NestingMode::List,
                Block::new().attribute(
                    Attribute::required("key", Type::String)
                        .validate(Validator::one_of("tag key", &["color", "size"])),
                ),
            )),
    )
    .with_version(1)
}

fn upgrade_pet(schema: &Schema, req: UpgradeStateRequest) -> Outcome<Value> {
    if req.version == 1 {
        return req.decode(schema);
    }
    let old: PetV0 = req.decode_model(&schema_v0())?;
    req.to_value(&Pet {
        name: old.name,
        says: old.sound.unwrap_or_default().into(),
        tag: Vec::new(),
    })
}

fn pet(wrong_model: bool) -> Passthrough {
    Passthrough {
        name: "t_pet",
        // A model that does not fit the schema, or one that does.
        schema: if wrong_model {
            || pet_schema().model::<PetV0>()
        } else {
            || pet_schema().model::<Pet>()
        },
        identity: None,
        upgrade: Some(upgrade_pet),
        mover: None,
    }
}

struct Pets {
    wrong_model: bool,
}

#[async_trait::async_trait]
impl Provider for Pets {
    fn schema(&self) -> Schema {
        Schema::new(Block::new())
    }
    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        vec![Arc::new(pet(self.wrong_model))]
    }
    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

fn service() -> ProviderService {
    ProviderService::new(Arc::new(Pets { wrong_model: false }))
}

fn pet_type() -> Type {
    pet_schema().block.implied_type()
}

async fn upgrade(version: i64, raw: pb::RawState) -> pb::upgrade_resource_state::Response {
    let req = pb::upgrade_resource_state::Request {
        type_name: "t_pet".into(),
        version,
        raw_state: Some(raw),
        ..Default::default()
    };
    service()
        .upgrade_resource_state(Request::new(req))
        .await
        .unwrap()
        .into_inner()
}

fn json(text: &str) -> pb::RawState {
    pb::RawState {
        json: text.as_bytes().to_vec(),
        ..Default::default()
    }
}

fn upgraded(out: &pb::upgrade_resource_state::Response) -> Value {
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    decode(out.upgraded_state.as_ref(), &pet_type()).unwrap()
}

#[tokio::test]
async fn a_version_0_state_is_upgraded_from_json_and_from_flatmap() {
    let expected = Value::object([
        ("name", Value::string("rex")),
        ("says", Value::string("woof")),
        ("tag", Value::List(Vec::new())),
    ]);
    let from_json = upgrade(0, json(r#"{"name":"rex","sound":"woof"}"#)).await;
    assert_eq!(upgraded(&from_json), expected);
    let flatmap = pb::RawState {
        flatmap: [("name", "rex"), ("sound", "woof")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Default::default()
    };
    assert_eq!(upgraded(&upgrade(0, flatmap).await), expected);
    let current = upgrade(
        1,
        json(r#"{"name":"rex","says":"hi","tag":[{"key":"size"}]}"#),
    )
    .await;
    assert_eq!(upgraded(&current).get("says").as_str(), Some("hi"));
    let newer = upgrade(2, json("{}")).await;
    assert_eq!(
        newer.diagnostics[0].summary,
        "State written by a newer provider"
    );
}

#[tokio::test]
async fn a_model_that_disagrees_with_its_schema_fails_every_schema_request() {
    let good = service()
        .get_schema(Request::new(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(good.diagnostics.is_empty());
    let bad = ProviderService::new(Arc::new(Pets { wrong_model: true }));
    let schema = schema_of(&bad).await;
    let d = &schema.diagnostics[0];
    assert_eq!(d.summary, "Provider model and schema disagree");
    assert!(
        d.detail.contains("t_pet") && d.detail.contains("`sound`"),
        "{}",
        d.detail
    );
    let meta = metadata_of(&bad).await;
    assert_eq!(meta.diagnostics.len(), schema.diagnostics.len());
}

#[tokio::test]
async fn validators_in_nested_blocks_run_through_the_protocol() {
    let tag = |k: &str| Value::object([("key", Value::string(k))]);
    let config = Value::object([
        ("name", Value::string("rex")),
        ("says", Value::Null),
        ("tag", Value::List(vec![tag("color"), tag("smell")])),
    ]);
    let req = pb::validate_resource_type_config::Request {
        type_name: "t_pet".into(),
        config: Some(encode(&config, &pet_type()).unwrap()),
        ..Default::default()
    };
    let out = service()
        .validate_resource_type_config(Request::new(req))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].summary, "Invalid tag key");
    use pb::attribute_path::step::Selector;
    let steps: Vec<Selector> = out.diagnostics[0]
        .attribute
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .filter_map(|s| s.selector.clone())
        .collect();
    assert_eq!(
        steps,
        [
            Selector::AttributeName("tag".into()),
            Selector::ElementKeyInt(1),
            Selector::AttributeName("key".into())
        ]
    );
}
