//! MoveResourceState through the service: the capability announced only when a resource
//! takes moves; the source's fields, its state read with the declared source schema, its
//! private data and identity handed to the target; sources the target does not name, and
//! targets without the capability, refused with a diagnostic; write-only attributes nulled.

use serde::{Deserialize, Serialize};

use super::*;
use crate::diagnostic::Outcome;
use crate::resource::{MoveSource, MoveState, MoveStateRequest, MoveStateResponse, RawState};

const OLD_PROVIDER: &str = "registry.terraform.io/old/pets";

/// The old provider's `old_pet`, at schema version 2.
#[derive(Deserialize)]
struct OldPet {
    pet_name: String,
    noise: Option<String>,
}

fn old_pet_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("pet_name", Type::String))
            .attribute(Attribute::computed("noise", Type::String)),
    )
    .with_version(2)
    .model::<OldPet>()
}

#[derive(Serialize, Deserialize)]
struct Pet {
    name: String,
    says: Option<String>,
    secret: Option<String>,
}

fn pet_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::computed("says", Type::String))
            .attribute(Attribute::optional("secret", Type::String).write_only()),
    )
}

/// Takes `old_pet` states; keeps what it was handed besides the state, to check.
struct Mover {
    seen: std::sync::Mutex<Option<MoveStateRequest>>,
}

#[async_trait::async_trait]
impl MoveState for Mover {
    fn move_sources(&self) -> Vec<MoveSource> {
        vec![MoveSource::new(OLD_PROVIDER, "old_pet", old_pet_schema())]
    }
    async fn move_state(&self, req: MoveStateRequest) -> Outcome<MoveStateResponse> {
        let old: OldPet = req.source_model()?;
        let pet = Pet {
            name: old.pet_name.clone(),
            says: old.noise,
            // Write-only: the server must null it whatever the resource answers.
            secret: Some("leaked".into()),
        };
        let identity = Value::object([("name", Value::string(&old.pet_name))]);
        let moved = MoveStateResponse::from_state(req.to_value(&pet)?)
            .with_private(b"moved".to_vec())
            .with_identity(identity);
        *self.seen.lock().unwrap() = Some(req);
        Ok(moved)
    }
}

fn service() -> (ProviderService, &'static Mover) {
    let mover: &'static Mover = Box::leak(Box::new(Mover {
        seen: std::sync::Mutex::new(None),
    }));
    let pet = Arc::new(Passthrough {
        name: "t_pet",
        schema: pet_schema,
        identity: Some(IdentitySchema::new(vec![IdentityAttribute::required(
            "name",
            Type::String,
        )])),
        upgrade: None,
        mover: Some(mover),
    });
    let plain = Arc::new(Passthrough {
        name: "t_thing",
        schema: thing_schema,
        identity: None,
        upgrade: None,
        mover: None,
    });
    let serving = Serving {
        resources: vec![pet, plain],
        ..Default::default()
    };
    (serving.service(), mover)
}

fn request(target: &str, source_type: &str, version: i64) -> pb::move_resource_state::Request {
    pb::move_resource_state::Request {
        source_provider_address: OLD_PROVIDER.into(),
        source_type_name: source_type.into(),
        source_schema_version: version,
        source_state: Some(pb::RawState {
            json: br#"{"pet_name":"Rex","noise":"woof","id":"rex"}"#.to_vec(),
            ..Default::default()
        }),
        target_type_name: target.into(),
        source_private: b"old-private".to_vec(),
        source_identity: Some(pb::RawState {
            json: br#"{"pet_name":"Rex"}"#.to_vec(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

async fn move_state(
    s: &ProviderService,
    req: pb::move_resource_state::Request,
) -> pb::move_resource_state::Response {
    s.move_resource_state(Request::new(req))
        .await
        .unwrap()
        .into_inner()
}

#[tokio::test]
async fn the_target_gets_the_source_and_answers_its_own_state() {
    let (s, mover) = service();
    let schema = schema_of(&s).await;
    assert!(schema.server_capabilities.unwrap().move_resource_state);
    let out = move_state(&s, request("t_pet", "old_pet", 2)).await;
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let state = decode(
        out.target_state.as_ref(),
        &pet_schema().block.implied_type(),
    )
    .unwrap();
    assert_eq!(state.get("name"), &Value::string("Rex"));
    assert_eq!(state.get("says"), &Value::string("woof"));
    assert!(
        state.get("secret").is_null(),
        "write-only attributes are nulled"
    );
    assert_eq!(out.target_private, b"moved");
    let identity_type = Type::object([("name", Type::String)]);
    let identity = out.target_identity.unwrap().identity_data;
    let identity = decode(identity.as_ref(), &identity_type).unwrap();
    assert_eq!(identity.get("name"), &Value::string("Rex"));
    let seen = mover.seen.lock().unwrap().take().unwrap();
    assert_eq!(seen.source_provider_address, OLD_PROVIDER);
    assert_eq!(seen.source_type_name, "old_pet");
    assert_eq!(seen.source_schema_version, 2);
    assert_eq!(&*seen.source_private, b"old-private");
    assert_eq!(
        seen.source_identity,
        Some(RawState::Json(br#"{"pet_name":"Rex"}"#.to_vec()))
    );
    // The raw JSON stays as stored, `id` included, which the source schema lacks.
    let RawState::Json(raw) = &seen.raw_source_state else {
        panic!("JSON expected")
    };
    assert!(String::from_utf8_lossy(raw).contains("\"id\":\"rex\""));
}

#[tokio::test]
async fn sources_the_target_does_not_name_are_refused_listing_those_it_does() {
    let (s, mover) = service();
    for (source_type, version) in [("old_cat", 2), ("old_pet", 1)] {
        let out = move_state(&s, request("t_pet", source_type, version)).await;
        let d = &out.diagnostics[0];
        assert_eq!(d.summary, "Unsupported move");
        assert!(
            d.detail
                .contains(&format!("{source_type} (schema version {version})"))
                && d.detail
                    .contains(&format!("- old_pet (schema version 2) of {OLD_PROVIDER}")),
            "{}",
            d.detail
        );
        assert!(out.target_state.is_none());
    }
    assert!(
        mover.seen.lock().unwrap().is_none(),
        "the target was never asked"
    );
}

#[tokio::test]
async fn a_target_without_the_capability_refuses_every_move() {
    let (s, _) = service();
    let out = move_state(&s, request("t_thing", "old_pet", 2)).await;
    let d = &out.diagnostics[0];
    assert_eq!(d.summary, "Unsupported move");
    assert!(
        d.detail.starts_with("t_thing does not take states moved"),
        "{}",
        d.detail
    );
    let out = move_state(&s, request("t_nothing", "old_pet", 2)).await;
    assert_eq!(
        out.diagnostics[0].summary,
        "Unknown resource type \"t_nothing\""
    );
}
