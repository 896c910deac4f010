//! A minimal provider: `hello_greeting` turns a name into a greeting, with no network.
//! Build it with `cargo build -p tfplugin --example hello`, copy the binary to a folder as
//! `terraform-provider-hello`, and point a `dev_overrides` CLI configuration at that folder
//! for `registry.terraform.io/example/hello`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tfplugin::{
    async_trait, ApplyRequest, ApplyResponse, Attribute, Block, ConfigureRequest, Diagnostics,
    ImportRequest, ImportResponse, ImportState, ImportedResource, MaybeUnknown, Outcome,
    PlanModifier, Provider, ReadRequest, ReadResponse, Resource, Schema, ServeOptions, Type,
    UpgradeState, UpgradeStateRequest, Validator, Value,
};

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

struct GreetingResource;

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
        let v0 = Schema::new(
            Block::new()
                .attribute(Attribute::required("name", Type::String))
                .attribute(Attribute::computed("id", Type::String))
                .attribute(Attribute::computed("text", Type::String)),
        );
        let old: GreetingV0 = req.decode_model(&v0)?;
        req.to_value(&Greeting {
            name: old.name,
            id: old.id.unwrap_or_default().into(),
            greeting: old.text.unwrap_or_default().into(),
        })
    }
}

struct Hello;

#[async_trait]
impl Provider for Hello {
    fn schema(&self) -> Schema {
        Schema::new(Block::new().description("Greetings, offline."))
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        vec![Arc::new(GreetingResource)]
    }

    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opts = ServeOptions::new("registry.terraform.io/example/hello", "0.1.0");
    let debug = std::env::args().any(|a| a == "--debug");
    match tfplugin::serve(Arc::new(Hello), opts.debug(debug)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
