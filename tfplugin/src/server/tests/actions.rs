//! Actions through the service: the schema served, declared validators run, plans checked
//! by the action's own check, and invocations streamed: every progress message in order,
//! then one completion with the outcome, also when the action fails or panics.

use super::*;
use crate::action::{Action, ActionProgress, ActionRequest, PlanAction};
use crate::diagnostic::{Diagnostic, Outcome};
use crate::schema::{Attribute, Block};
use crate::validator::ValidateContext;
use futures::StreamExt;

use pb::invoke_action::event::Type as EventType;

/// Counts to `to` in progress messages; 0 fails, 13 panics; a plan to count to 7 is refused.
struct Count;

fn count_schema() -> Schema {
    let from_zero = |cx: &ValidateContext<'_>| match cx.value.as_i64() {
        Some(n) if n < 0 => Diagnostics::from_error("Invalid count", "Counts start at 0."),
        _ => Diagnostics::new(),
    };
    Schema::new(Block::new().attribute(Attribute::required("to", Type::Number).validate(from_zero)))
}

#[async_trait::async_trait]
impl Action for Count {
    fn type_name(&self) -> &'static str {
        "t_count"
    }
    fn schema(&self) -> Schema {
        count_schema()
    }
    async fn invoke(&self, req: ActionRequest, progress: ActionProgress) -> Outcome<Diagnostics> {
        let to = req.config.get("to").as_i64().unwrap_or_default();
        match to {
            0 => return Err(Diagnostics::from_error("Nothing to count", "")),
            13 => panic!("unlucky"),
            _ => {}
        }
        for n in 1..=to {
            progress.send(format!("{n}")).await;
        }
        Ok(Diagnostic::warning("Counted", "").into())
    }
    fn as_plan(&self) -> Option<&dyn PlanAction> {
        Some(self)
    }
}

#[async_trait::async_trait]
impl PlanAction for Count {
    async fn plan_action(&self, req: ActionRequest) -> Diagnostics {
        match req.config.get("to").as_i64() {
            Some(7) => Diagnostics::from_error("Seven is not counted", ""),
            _ => Diagnostics::new(),
        }
    }
}

fn service() -> ProviderService {
    let serving = Serving {
        actions: vec![Arc::new(Count)],
        ..Default::default()
    };
    serving.service()
}

fn config(to: Value) -> Option<pb::DynamicValue> {
    let value = Value::object([("to", to)]);
    Some(encode(&value, &count_schema().block.implied_type()).unwrap())
}

/// The progress messages of invoking `t_count` with `to`, and the completion's summaries.
async fn invoke(to: Value) -> (Vec<String>, Vec<String>) {
    let req = pb::invoke_action::Request {
        action_type: "t_count".into(),
        config: config(to),
        ..Default::default()
    };
    let stream = service()
        .invoke_action(Request::new(req))
        .await
        .unwrap()
        .into_inner();
    let events: Vec<_> = tokio::time::timeout(std::time::Duration::from_secs(10), stream.collect())
        .await
        .expect("the stream ends with the completion");
    let (mut progress, mut completed) = (Vec::new(), Vec::new());
    for event in events {
        assert!(completed.is_empty(), "nothing follows the completion");
        match event.unwrap().r#type.unwrap() {
            EventType::Progress(p) => progress.push(p.message),
            EventType::Completed(c) => completed.push(
                c.diagnostics
                    .iter()
                    .map(|d| d.summary.clone())
                    .collect::<Vec<_>>(),
            ),
        }
    }
    assert_eq!(completed.len(), 1, "one completion");
    (progress, completed.remove(0))
}

#[tokio::test]
async fn progress_streams_in_order_then_the_completion() {
    let (progress, completed) = invoke(Value::int(3)).await;
    assert_eq!(progress, ["1", "2", "3"]);
    assert_eq!(completed, ["Counted"]);
}

#[tokio::test]
async fn a_failure_or_a_panic_completes_with_an_error() {
    let (progress, completed) = invoke(Value::int(0)).await;
    assert!(progress.is_empty());
    assert_eq!(completed, ["Nothing to count"]);
    let (_, completed) = invoke(Value::int(13)).await;
    assert_eq!(completed, ["Action stopped unexpectedly"]);
    let (_, completed) = invoke(Value::Unknown).await;
    assert_eq!(completed, ["Action configuration not known"]);
}

#[tokio::test]
async fn validate_and_plan_run_their_checks() {
    let s = service();
    let schema = schema_of(&s).await;
    assert!(schema.action_schemas["t_count"].schema.is_some());
    let meta = metadata_of(&s).await;
    assert_eq!(meta.actions[0].type_name, "t_count");
    let req = pb::validate_action_config::Request {
        action_type: "t_count".into(),
        config: config(Value::int(-1)),
    };
    let out = s.validate_action_config(Request::new(req)).await.unwrap();
    assert_eq!(out.into_inner().diagnostics[0].summary, "Invalid count");
    for (to, expected) in [(Value::int(7), 1), (Value::Unknown, 0), (Value::int(2), 0)] {
        let req = pb::plan_action::Request {
            action_type: "t_count".into(),
            config: config(to),
            ..Default::default()
        };
        let out = s.plan_action(Request::new(req)).await.unwrap().into_inner();
        assert_eq!(out.diagnostics.len(), expected);
    }
}
