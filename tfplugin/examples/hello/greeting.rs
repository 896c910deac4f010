//! The resource `hello_greeting`: the configuration sets `name`, the provider computes the
//! greeting. Its schema is at version 1 (version 0 called the greeting `text`): the
//! `UpgradeState` capability reads states version 0 wrote. It is imported by name, and it
//! takes the state of `hello_salutation`, the type it replaced (`to` and `message`), when a
//! `moved` block says so: the `MoveState` capability.

use serde::{Deserialize, Serialize};
use tfplugin::{
    async_trait, ApplyRequest, ApplyResponse, Attribute, Block, ImportRequest, ImportResponse,
    ImportState, ImportedResource, MaybeUnknown, MoveSource, MoveState, MoveStateRequest,
    MoveStateResponse, Outcome, PlanModifier, ReadRequest, ReadResponse, Resource, Schema, Type,
    UpgradeState, UpgradeStateRequest, Validator, Value,
};

use crate::ADDRESS;

/// A greeting: the configuration sets `name`, the provider computes the rest.
#[derive(Serialize, Deserialize)]
struct Greeting {
    name: String,
    id: MaybeUnknown<String>,
    greeting: MaybeUnknown<String>,
}

impl Greeting {
    fn greet(name: String) -> Self {
        Greeting {
            id: name.to_lowercase().into(),
            greeting: format!("Hello, {name}!").into(),
            name,
        }
    }
}

/// Version 0 of the schema called the greeting `text`.
#[derive(Deserialize)]
struct GreetingV0 {
    name: String,
    id: Option<String>,
    text: Option<String>,
}

fn schema_v0() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("name", Type::String))
            .attribute(Attribute::computed("id", Type::String))
            .attribute(Attribute::computed("text", Type::String)),
    )
}

/// `hello_salutation`, the type `hello_greeting` replaced: who it was `to`, and its
/// `message`.
#[derive(Deserialize)]
struct Salutation {
    to: String,
    message: Option<String>,
}

fn salutation_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(Attribute::required("to", Type::String))
            .attribute(Attribute::computed("message", Type::String)),
    )
    .model::<Salutation>()
}

pub struct GreetingResource;

#[async_trait]
impl Resource for GreetingResource {
    fn type_name(&self) -> &'static str {
        "hello_greeting"
    }

    fn schema(&self) -> Schema {
        let name = Attribute::required("name", Type::String)
            .description("Who to greet.")
            .validate(Validator::string("Invalid name", |n: &str| {
                n.is_empty()
                    .then(|| "The name cannot be empty.".to_string())
            }))
            .plan_modifier(PlanModifier::RequiresReplace);
        Schema::new(
            Block::new()
                .description("A greeting for someone.")
                .attribute(name)
                .attribute(Attribute::computed("id", Type::String).description("The name."))
                .attribute(Attribute::computed("greeting", Type::String).description("The text.")),
        )
        .with_version(1)
        .model::<Greeting>()
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        let plan: Greeting = req.to_model(&req.planned_state)?;
        Ok(ApplyResponse::from_state(
            req.to_value(&Greeting::greet(plan.name))?,
        ))
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        Ok(ReadResponse::from_state(req.current_state, req.private))
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        self.create(req).await
    }

    async fn delete(&self, _req: ApplyRequest) -> Outcome<()> {
        Ok(())
    }

    fn as_import_state(&self) -> Option<&dyn ImportState> {
        Some(self)
    }

    fn as_upgrade_state(&self) -> Option<&dyn UpgradeState> {
        Some(self)
    }

    fn as_move_state(&self) -> Option<&dyn MoveState> {
        Some(self)
    }
}

#[async_trait]
impl ImportState for GreetingResource {
    async fn import_state(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let state = req.to_value(&Greeting::greet(req.id.clone()))?;
        Ok(ImportResponse::one(ImportedResource::new(
            state,
            Vec::new(),
        )))
    }
}

#[async_trait]
impl UpgradeState for GreetingResource {
    async fn upgrade_state(&self, req: UpgradeStateRequest) -> Outcome<Value> {
        if req.version == 1 {
            return req.decode(&self.schema());
        }
        let old: GreetingV0 = req.decode_model(&schema_v0())?;
        req.to_value(&Greeting {
            name: old.name,
            id: old.id.unwrap_or_default().into(),
            greeting: old.text.unwrap_or_default().into(),
        })
    }
}

#[async_trait]
impl MoveState for GreetingResource {
    fn move_sources(&self) -> Vec<MoveSource> {
        vec![MoveSource::new(
            ADDRESS,
            "hello_salutation",
            salutation_schema(),
        )]
    }

    /// Runs unconfigured, before the plan: it only transforms what was stored.
    async fn move_state(&self, req: MoveStateRequest) -> Outcome<MoveStateResponse> {
        tracing::info!(
            source_provider = %req.source_provider_address,
            source_type = %req.source_type_name,
            source_schema_version = req.source_schema_version,
            "moving state"
        );
        let old: Salutation = req.source_model()?;
        let moved = Greeting {
            id: old.to.to_lowercase().into(),
            greeting: old.message.unwrap_or_default().into(),
            name: old.to,
        };
        Ok(MoveStateResponse::from_state(req.to_value(&moved)?))
    }
}
