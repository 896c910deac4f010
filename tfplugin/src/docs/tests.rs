use std::sync::Arc;

use async_trait::async_trait;

use super::*;
use crate::diagnostic::Diagnostics;
use crate::list::{ListRequest, ListResource, ListSink};
use crate::provider::ConfigureRequest;
use crate::resource::Resource;

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
    assert!(undocumented(&Demo).is_empty());
}
