use std::sync::Arc;

use async_trait::async_trait;

use super::*;
use crate::action::{Action, ActionProgress, ActionRequest};
use crate::cty::{Type, Value};
use crate::diagnostic::{Diagnostics, Outcome};
use crate::ephemeral::{EphemeralResource, OpenRequest, OpenResponse};
use crate::function::{
    Function, FunctionError, FunctionParameter, FunctionRequest, FunctionSignature,
};
use crate::list::{ListRequest, ListResource, ListSink};
use crate::provider::ConfigureRequest;
use crate::resource::Resource;
use crate::schema::Attribute;

struct Finder;

#[async_trait]
impl ListResource for Finder {
    fn type_name(&self) -> &'static str {
        "demo_thing"
    }
    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("Finds things.")
                .attribute(Attribute::optional("prefix", Type::String).description("Name start.")),
        )
    }
    async fn stream(&self, _req: ListRequest, _sink: ListSink) {}
}

struct Secret;

#[async_trait]
impl EphemeralResource for Secret {
    fn type_name(&self) -> &'static str {
        "demo_secret"
    }
    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("A secret for this run.")
                .attribute(Attribute::computed("value", Type::String).description("The secret.")),
        )
    }
    async fn open(&self, _req: OpenRequest) -> Outcome<OpenResponse> {
        Ok(OpenResponse::from_result(Value::Null))
    }
}

struct Ping;

#[async_trait]
impl Action for Ping {
    fn type_name(&self) -> &'static str {
        "demo_ping"
    }
    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description("Pings a host.")
                .attribute(Attribute::required("host", Type::String)),
        )
    }
    async fn invoke(&self, _req: ActionRequest, _progress: ActionProgress) -> Outcome<Diagnostics> {
        Ok(Diagnostics::new())
    }
}

struct Join;

impl Function for Join {
    fn name(&self) -> &'static str {
        "join"
    }
    fn signature(&self) -> FunctionSignature {
        FunctionSignature::new(Type::String)
            .summary("Joins names.")
            .parameter(
                FunctionParameter::new("greeting", Type::String)
                    .allow_null()
                    .description("The greeting."),
            )
            .variadic(FunctionParameter::new("names", Type::list(Type::String)))
    }
    fn call(&self, _req: FunctionRequest) -> Result<Value, FunctionError> {
        Ok(Value::Null)
    }
}

struct Demo;

#[async_trait]
impl Provider for Demo {
    fn schema(&self) -> Schema {
        Schema::new(Block::new().description("Demo."))
    }
    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        Vec::new()
    }
    fn list_resources(&self) -> Vec<Arc<dyn ListResource>> {
        vec![Arc::new(Finder)]
    }
    fn ephemeral_resources(&self) -> Vec<Arc<dyn EphemeralResource>> {
        vec![Arc::new(Secret)]
    }
    fn actions(&self) -> Vec<Arc<dyn Action>> {
        vec![Arc::new(Ping)]
    }
    fn functions(&self) -> Vec<Arc<dyn Function>> {
        vec![Arc::new(Join)]
    }
    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

#[test]
fn list_resources_get_a_page_with_their_query_example() {
    let examples = tempfile::tempdir().unwrap();
    let dir = examples.path().join("list-resources/demo_thing");
    fs::create_dir_all(&dir).unwrap();
    let query = "list \"demo_thing\" \"all\" {\n  provider = demo\n}\n";
    fs::write(dir.join("list-resource.tfquery.hcl"), query).unwrap();
    let pages = render_all(&Demo, "demo", examples.path());
    let page = pages
        .iter()
        .find(|p| p.path == "list-resources/thing.md")
        .unwrap();
    assert!(page
        .text
        .starts_with("---\npage_title: \"demo_thing List Resource - demo\"\nsubcategory: \"\"\n"));
    assert!(page
        .text
        .contains("# demo_thing (List Resource)\n\nFinds things."));
    assert!(page.text.contains(&format!("```terraform\n{}```", query)));
    assert!(page
        .text
        .contains("### Optional\n\n- `prefix` (String) Name start."));
}

fn page<'a>(pages: &'a [Page], path: &str) -> &'a str {
    let found = pages.iter().find(|p| p.path == path);
    &found.unwrap_or_else(|| panic!("no page {path}")).text
}

#[test]
fn ephemeral_resources_actions_and_functions_get_pages_in_the_registry_layout() {
    let examples = tempfile::tempdir().unwrap();
    let dir = examples.path().join("functions/join");
    fs::create_dir_all(&dir).unwrap();
    let call = "output \"hi\" {\n  value = provider::demo::join(null, \"Ann\")\n}\n";
    fs::write(dir.join("function.tf"), call).unwrap();
    let pages = render_all(&Demo, "demo", examples.path());
    let secret = page(&pages, "ephemeral-resources/secret.md");
    assert!(secret.contains("# demo_secret (Ephemeral Resource)\n\nA secret for this run."));
    assert!(secret.contains("### Read-Only\n\n- `value` (String) The secret."));
    let ping = page(&pages, "actions/ping.md");
    assert!(ping.starts_with("---\npage_title: \"demo_ping Action - demo\""));
    assert!(ping.contains("### Required\n\n- `host` (String)"));
    let join = page(&pages, "functions/join.md");
    assert!(
        join.starts_with("---\npage_title: \"join function - demo\"\n"),
        "{join}"
    );
    assert!(join
        .contains("# function: join\n\nJoins names.\n\n## Example Usage\n\n```terraform\noutput"));
    assert!(join.contains("```text\njoin(greeting string, names ...list(string)) string\n```"));
    assert!(join.contains(
        "1. `greeting` (String, Nullable) The greeting.\n1. `names` (Variadic, List of String)"
    ));
    // What lacks a description is named, kind by kind.
    assert_eq!(
        undocumented(&Demo),
        ["action demo_ping.host", "function join.names"]
    );
}
