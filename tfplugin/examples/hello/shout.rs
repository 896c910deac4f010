//! The action `hello_shout`: greets `name` `times` times, one progress message a time,
//! which Terraform shows as they come. Its plan refuses more than five times; its
//! invocation says what it did (at `TF_LOG_PROVIDER=info`).

use serde::Deserialize;
use tfplugin::{
    async_trait, Action, ActionProgress, ActionRequest, Attribute, Block, Diagnostic, Diagnostics,
    MaybeUnknown, Outcome, PlanAction, Schema, Type, Validator,
};

/// The configuration when invoked: wholly known.
#[derive(Deserialize)]
struct ShoutConfig {
    name: String,
    times: Option<u32>,
}

/// The configuration when planned: any value may be unknown.
#[derive(Deserialize)]
struct PlannedShout {
    name: MaybeUnknown<String>,
    times: MaybeUnknown<Option<u32>>,
}

const LOUDEST: u32 = 5;

pub struct Shout;

#[async_trait]
impl Action for Shout {
    fn type_name(&self) -> &'static str {
        "hello_shout"
    }

    fn schema(&self) -> Schema {
        let name = Attribute::required("name", Type::String)
            .description("Who to shout at.")
            .validate(Validator::string("Invalid name", |n: &str| {
                n.is_empty()
                    .then(|| "The name cannot be empty.".to_string())
            }));
        let times =
            Attribute::optional("times", Type::Number).description("How often (1 if unset).");
        Schema::new(
            Block::new()
                .description("Shouts a greeting, a few times.")
                .attribute(name)
                .attribute(times),
        )
        .model::<ShoutConfig>()
        .model::<PlannedShout>()
    }

    async fn invoke(&self, req: ActionRequest, progress: ActionProgress) -> Outcome<Diagnostics> {
        let ShoutConfig { name, times } = req.to_model(&req.config)?;
        let times = times.unwrap_or(1);
        for n in 1..=times {
            if !progress
                .send(format!("HELLO, {}! ({n}/{times})", name.to_uppercase()))
                .await
            {
                break;
            }
        }
        tracing::info!(name, times, "shouted");
        Ok(Diagnostics::new())
    }

    fn as_plan(&self) -> Option<&dyn PlanAction> {
        Some(self)
    }
}

#[async_trait]
impl PlanAction for Shout {
    /// More than five times is too loud; an unknown count is checked once known.
    async fn plan_action(&self, req: ActionRequest) -> Diagnostics {
        let planned: PlannedShout = match req.to_model(&req.config) {
            Ok(planned) => planned,
            Err(d) => return d,
        };
        match planned.times {
            MaybeUnknown::Known(Some(n)) if n > LOUDEST => {
                let name = planned
                    .name
                    .into_known()
                    .unwrap_or_else(|| "someone".into());
                let detail =
                    format!("Shouting at {name} {n} times is too loud: at most {LOUDEST}.");
                Diagnostic::error("Too loud", detail).into()
            }
            _ => Diagnostics::new(),
        }
    }
}
