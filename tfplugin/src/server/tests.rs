//! The service answered through its gRPC trait: empty answers where Terraform asks anyway,
//! identity and list resources wired when a provider has them, declared validators and plan
//! modifiers run. Each newer kind has its own file under `tests/`, served by [`Serving`].

use std::sync::Arc;

use futures::StreamExt;
use tonic::Request;

use super::*;
use crate::cty::Value;
use crate::diagnostic::Outcome;
use crate::identity::{IdentityAttribute, IdentitySchema};
use crate::list::{ListEvent, ListRequest};
use crate::plan_modifier::PlanModifier;
use crate::provider::ConfigureRequest;
use crate::resource::{
    ApplyRequest, ApplyResponse, ImportRequest, ImportResponse, ImportState, ReadRequest,
    ReadResponse, ResourceIdentity, UpgradeState, UpgradeStateRequest,
};
use crate::schema::{Attribute, Block};
use crate::validator::Validator;
use crate::wire::dynamic_value::decode;
use crate::wire::dynamic_value::encode;
use pb::provider_server::Provider as _;

/// A resource whose operations hand back what they get: the tests are about the service.
struct Passthrough {
    name: &'static str,
    schema: fn() -> Schema,
    identity: Option<IdentitySchema>,
    /// The upgrade, when the test has one.
    upgrade: Option<fn(&Schema, UpgradeStateRequest) -> Outcome<Value>>,
    /// What takes moved states, when the test has it.
    mover: Option<&'static dyn crate::resource::MoveState>,
}

#[async_trait::async_trait]
impl Resource for Passthrough {
    fn type_name(&self) -> &'static str {
        self.name
    }
    fn schema(&self) -> Schema {
        (self.schema)()
    }
    /// Identities only when the test gives one: a capability may depend on the instance.
    fn as_identity(&self) -> Option<&dyn ResourceIdentity> {
        self.identity
            .as_ref()
            .map(|_| self as &dyn ResourceIdentity)
    }
    fn as_upgrade_state(&self) -> Option<&dyn UpgradeState> {
        self.upgrade.map(|_| self as &dyn UpgradeState)
    }
    fn as_import_state(&self) -> Option<&dyn ImportState> {
        Some(self)
    }
    fn as_move_state(&self) -> Option<&dyn crate::resource::MoveState> {
        self.mover
    }
    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        Ok(ApplyResponse::from_state(req.planned_state))
    }
    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        Ok(ReadResponse::from_state(req.current_state, req.private))
    }
    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        Ok(ApplyResponse::from_state(req.planned_state))
    }
    async fn delete(&self, _req: ApplyRequest) -> Outcome<()> {
        Ok(())
    }
}

impl ResourceIdentity for Passthrough {
    fn identity_schema(&self) -> IdentitySchema {
        self.identity.clone().unwrap_or_default()
    }
}

#[async_trait::async_trait]
impl UpgradeState for Passthrough {
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        match self.upgrade {
            Some(upgrade) => upgrade(&self.schema(), req),
            None => req.decode(&self.schema()),
        }
    }
}

#[async_trait::async_trait]
impl ImportState for Passthrough {
    async fn import_state(&self, _req: ImportRequest) -> Outcome<ImportResponse> {
        Ok(ImportResponse::default())
    }
}

fn thing_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(
                Attribute::required("name", Type::String)
                    .validate(Validator::one_of("name", &["a", "b"]))
                    .plan_modifier(PlanModifier::RequiresReplace),
            )
            .attribute(Attribute::computed("id", Type::String)),
    )
}

struct Lister;

#[async_trait::async_trait]
impl ListResource for Lister {
    fn type_name(&self) -> &'static str {
        "t_thing"
    }
    fn schema(&self) -> Schema {
        Schema::new(Block::new())
    }
    /// Never ends by itself: names `a`, `b`, ... until the sink says stop.
    async fn stream(&self, _req: ListRequest, sink: crate::list::ListSink) {
        for n in 0u32.. {
            let name = char::from_u32('a' as u32 + n % 26)
                .unwrap_or('?')
                .to_string();
            let event = ListEvent::new(Value::object([("name", Value::string(&name))]), name);
            if !sink.send(event).await {
                LISTER_STOPPED.notify_one();
                return;
            }
        }
    }
}

/// Told when the lister stopped because nobody wanted more.
static LISTER_STOPPED: tokio::sync::Notify = tokio::sync::Notify::const_new();

struct Plain {
    rich: bool,
}

#[async_trait::async_trait]
impl Provider for Plain {
    fn schema(&self) -> Schema {
        Schema::new(Block::new())
    }
    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        let identity = IdentitySchema::new(vec![IdentityAttribute::required("name", Type::String)]);
        vec![Arc::new(Passthrough {
            name: "t_thing",
            schema: thing_schema,
            identity: self.rich.then_some(identity),
            upgrade: None,
            mover: None,
        })]
    }
    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        if self.rich {
            vec![Arc::new(Lister)]
        } else {
            Vec::new()
        }
    }
    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

fn service(rich: bool) -> ProviderService {
    ProviderService::new(Arc::new(Plain { rich }))
}

fn thing_type() -> Type {
    Type::object([("name", Type::String), ("id", Type::String)])
}

#[tokio::test]
async fn a_provider_without_identity_or_lists_changes_nothing() {
    let s = service(false);
    let ids = s
        .get_resource_identity_schemas(Request::new(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(ids.identity_schemas.is_empty() && ids.diagnostics.is_empty());
    let functions = s
        .get_functions(Request::new(Default::default()))
        .await
        .unwrap();
    assert!(functions.into_inner().functions.is_empty());
    let meta = metadata_of(&s).await;
    assert!(meta.list_resources.is_empty());
    let caps = meta.server_capabilities.unwrap();
    assert!(!caps.generate_resource_config && !caps.move_resource_state);
    let schema = schema_of(&s).await;
    assert!(schema.functions.is_empty() && schema.action_schemas.is_empty());
    assert!(schema.ephemeral_resource_schemas.is_empty());
}

#[tokio::test]
async fn identities_and_lists_are_served_up_to_the_limit() {
    let s = service(true);
    let ids = s
        .get_resource_identity_schemas(Request::new(Default::default()))
        .await
        .unwrap()
        .into_inner();
    assert!(ids.identity_schemas.contains_key("t_thing"));
    let meta = metadata_of(&s).await;
    assert_eq!(meta.list_resources[0].type_name, "t_thing");
    let req = pb::list_resource::Request {
        type_name: "t_thing".into(),
        config: Some(
            encode(
                &Value::Object(Default::default()),
                &Type::Object(Default::default()),
            )
            .unwrap(),
        ),
        limit: 2,
        ..Default::default()
    };
    // The lister never finishes: events must stream as they come and end at the limit.
    let stream = s
        .list_resource(Request::new(req))
        .await
        .unwrap()
        .into_inner();
    let events: Vec<_> = tokio::time::timeout(std::time::Duration::from_secs(10), stream.collect())
        .await
        .expect("the events streamed and ended at the limit");
    let names: Vec<String> = events
        .into_iter()
        .map(|e| e.unwrap().display_name)
        .collect();
    assert_eq!(names, ["a", "b"]);
    // ...and the lister was told to stop.
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        LISTER_STOPPED.notified(),
    )
    .await
    .expect("the lister stopped once the limit was reached");
}

#[tokio::test]
async fn declared_validators_and_modifiers_run() {
    let s = service(false);
    let bad = Value::object([("name", Value::string("z")), ("id", Value::Null)]);
    let req = pb::validate_resource_type_config::Request {
        type_name: "t_thing".into(),
        config: Some(encode(&bad, &thing_type()).unwrap()),
        ..Default::default()
    };
    let out = s
        .validate_resource_type_config(Request::new(req))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.diagnostics[0].summary, "Invalid name");
    let config = Value::object([("name", Value::string("a")), ("id", Value::Null)]);
    let plan = pb::plan_resource_change::Request {
        type_name: "t_thing".into(),
        proposed_new_state: Some(encode(&config, &thing_type()).unwrap()),
        config: Some(encode(&config, &thing_type()).unwrap()),
        ..Default::default()
    };
    let out = s
        .plan_resource_change(Request::new(plan))
        .await
        .unwrap()
        .into_inner();
    let planned = decode(out.planned_state.as_ref(), &thing_type()).unwrap();
    assert!(planned.get("id").is_unknown());
}

/// What `s` answers GetProviderSchema.
async fn schema_of(s: &ProviderService) -> pb::get_provider_schema::Response {
    let out = s.get_schema(Request::new(Default::default())).await;
    out.unwrap().into_inner()
}

/// What `s` answers GetMetadata.
async fn metadata_of(s: &ProviderService) -> pb::get_metadata::Response {
    let out = s.get_metadata(Request::new(Default::default())).await;
    out.unwrap().into_inner()
}

/// A provider serving the types a test gives it, and nothing else.
#[derive(Default)]
struct Serving {
    resources: Vec<Arc<dyn Resource>>,
    ephemeral_resources: Vec<Arc<dyn crate::ephemeral::EphemeralResource>>,
    actions: Vec<Arc<dyn crate::action::Action>>,
    functions: Vec<Arc<dyn crate::function::Function>>,
}

#[async_trait::async_trait]
impl Provider for Serving {
    fn schema(&self) -> Schema {
        Schema::new(Block::new())
    }
    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        self.resources.clone()
    }
    fn ephemeral_resources(&self) -> Vec<Arc<dyn crate::ephemeral::EphemeralResource>> {
        self.ephemeral_resources.clone()
    }
    fn actions(&self) -> Vec<Arc<dyn crate::action::Action>> {
        self.actions.clone()
    }
    fn functions(&self) -> Vec<Arc<dyn crate::function::Function>> {
        self.functions.clone()
    }
    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

impl Serving {
    fn service(self) -> ProviderService {
        ProviderService::new(Arc::new(self))
    }
}

mod actions;
mod ephemeral;
mod functions;
mod moves;
mod typed;
