//! A minimal provider: `hello_greeting` turns a name into a greeting, with no network.
//! Build it with `cargo build -p tfplugin --example hello`, copy the binary to a folder as
//! `terraform-provider-hello`, and point a `dev_overrides` CLI configuration at that folder
//! for `registry.terraform.io/example/hello`.

use tfplugin::{
    async_trait, crud, ApplyRequest, ApplyResponse, Attribute, Block, ConfigureRequest,
    CrudResource, Diagnostics, ImportRequest, ImportResponse, ImportedResource, Outcome,
    PlanModifier, Provider, ReadRequest, ReadResponse, Resource, Schema, ServeOptions, Type,
    Validator, Value,
};

struct Greeting;

fn greet(mut state: Value) -> Value {
    let name = state.get("name").as_str().unwrap_or_default().to_string();
    state.set("id", Value::string(name.to_lowercase()));
    state.set("greeting", Value::string(format!("Hello, {name}!")));
    state
}

#[async_trait]
impl CrudResource for Greeting {
    fn type_name(&self) -> &'static str {
        "hello_greeting"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("A greeting for someone.")
                .attribute(
                    Attribute::required("name", Type::String)
                        .description("Who to greet.")
                        .validate(Validator::string("Invalid name", |n: &str| {
                            n.is_empty()
                                .then(|| "The name cannot be empty.".to_string())
                        }))
                        .plan_modifier(PlanModifier::RequiresReplace),
                )
                .attribute(Attribute::computed("id", Type::String).description("The name."))
                .attribute(Attribute::computed("greeting", Type::String).description("The text.")),
        )
    }

    async fn create(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        Ok(ApplyResponse::from_state(greet(req.planned_state)))
    }

    async fn read(&self, req: ReadRequest) -> Outcome<ReadResponse> {
        Ok(ReadResponse::from_state(req.current_state, req.private))
    }

    async fn update(&self, req: ApplyRequest) -> Outcome<ApplyResponse> {
        Ok(ApplyResponse::from_state(greet(req.planned_state)))
    }

    async fn delete(&self, _req: ApplyRequest) -> Outcome<()> {
        Ok(())
    }

    async fn import(&self, req: ImportRequest) -> Outcome<ImportResponse> {
        let state = greet(Value::object([("name", Value::string(&req.id))]));
        Ok(ImportResponse::one(ImportedResource::new(
            state,
            Vec::new(),
        )))
    }
}

struct Hello;

#[async_trait]
impl Provider for Hello {
    fn schema(&self) -> Schema {
        Schema::new(Block::new().description("Greetings, offline."))
    }

    fn resources(&self) -> Vec<std::sync::Arc<dyn Resource>> {
        vec![crud(Greeting)]
    }

    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opts = ServeOptions::new("registry.terraform.io/example/hello", "0.1.0");
    let debug = std::env::args().any(|a| a == "--debug");
    match tfplugin::serve(std::sync::Arc::new(Hello), opts.debug(debug)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
