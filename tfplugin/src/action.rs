//! Actions (protocol 5.10, Terraform 1.14+): `action` blocks, run on demand with
//! `terraform apply -invoke=action.<type>.<name>` or by a resource's lifecycle
//! `action_trigger`. An action changes no state: it does something (rotate a value, run a
//! job), telling Terraform how it goes as it goes.
//!
//! An [`Action`] answers `invoke`, sending progress messages to an [`ActionProgress`] as it
//! works; the server streams each to Terraform at once (Terraform shows them as they come)
//! and ends the stream with the action's outcome. The [`PlanAction`] capability checks a
//! planned invocation (its configuration may still hold unknowns) before anything runs.
//! The configuration of an invocation carries ephemeral values only in write-only
//! attributes, as a resource's does.

use async_trait::async_trait;
use tokio::sync::mpsc;

use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::schema::{typed_request, Schema, Typing};
use crate::validate_config::ValidateConfig;

/// A planned or invoked action.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ActionRequest {
    /// The action's `config` block, decoded with the schema (write-only values included;
    /// may hold unknowns when planned, never when invoked).
    pub config: Value,
    /// What the client can do.
    pub capabilities: ClientCapabilities,
    pub(crate) typing: Typing,
}

impl ActionRequest {
    /// A request for `config`.
    pub fn new(config: Value) -> Self {
        ActionRequest {
            config,
            capabilities: ClientCapabilities::default(),
            typing: Typing::default(),
        }
    }
}

typed_request!(ActionRequest);

/// What an invocation reports, in order: progress, then its outcome.
#[derive(Debug, Clone)]
pub(crate) enum ActionEvent {
    /// A progress message.
    Progress(String),
    /// The end: the diagnostics of the invocation (errors if it failed).
    Completed(Diagnostics),
}

/// Where an action sends its progress messages, as it goes; Terraform shows each at once.
#[derive(Debug, Clone)]
pub struct ActionProgress {
    tx: mpsc::Sender<ActionEvent>,
}

impl ActionProgress {
    /// A sink and the receiving end of its events.
    pub(crate) fn channel() -> (ActionProgress, mpsc::Receiver<ActionEvent>) {
        let (tx, rx) = mpsc::channel(16);
        (ActionProgress { tx }, rx)
    }

    /// Sends one progress message (never a secret: Terraform prints it). `false` when
    /// nobody listens any more (Terraform went away): stop working.
    pub async fn send(&self, message: impl Into<String>) -> bool {
        let event = ActionEvent::Progress(message.into());
        self.tx.send(event).await.is_ok()
    }

    /// Ends the invocation with its outcome.
    pub(crate) async fn complete(&self, outcome: Outcome<Diagnostics>) {
        let diagnostics = outcome.unwrap_or_else(|errors| errors);
        let _ = self.tx.send(ActionEvent::Completed(diagnostics)).await;
    }
}

/// An action type.
#[async_trait]
pub trait Action: Send + Sync + 'static {
    /// The type name, e.g. `hello_shout`.
    fn type_name(&self) -> &'static str;

    /// The schema of the action's `config` block (with its declared validators).
    fn schema(&self) -> Schema;

    /// Does the work, sending progress to `progress` as it goes. `Ok` with warnings (most
    /// often none) when it succeeded, `Err` when it failed.
    async fn invoke(&self, req: ActionRequest, progress: ActionProgress) -> Outcome<Diagnostics>;

    /// Checks a configuration beyond the declared validators. Without it, only they run.
    fn as_validate_config(&self) -> Option<&dyn ValidateConfig> {
        None
    }

    /// Checks a planned invocation. Without it, every plan of a valid configuration is
    /// accepted.
    fn as_plan(&self) -> Option<&dyn PlanAction> {
        None
    }
}

/// Checks a planned invocation before anything runs (Terraform plans every action it will
/// invoke, `-invoke` or triggered).
#[async_trait]
pub trait PlanAction: Send + Sync {
    /// The problems with invoking `req` (its configuration may hold unknowns); errors fail
    /// the plan.
    async fn plan_action(&self, req: ActionRequest) -> Diagnostics;
}

/// Runs `action` for `req` with the sink the server would give it, and gathers what it
/// sends and how it ended (`testing::invoke_action` publishes it).
pub(crate) async fn collect(
    action: &dyn Action,
    req: ActionRequest,
) -> (Vec<String>, Outcome<Diagnostics>) {
    let (progress, mut rx) = ActionProgress::channel();
    let mut messages = Vec::new();
    let gather = async {
        while let Some(event) = rx.recv().await {
            if let ActionEvent::Progress(message) = event {
                messages.push(message);
            }
        }
    };
    let (outcome, ()) = tokio::join!(action.invoke(req, progress), gather);
    (messages, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::schema::Block;

    struct Twice;

    #[async_trait]
    impl Action for Twice {
        fn type_name(&self) -> &'static str {
            "t_twice"
        }
        fn schema(&self) -> Schema {
            Schema::new(Block::new())
        }
        async fn invoke(
            &self,
            _req: ActionRequest,
            progress: ActionProgress,
        ) -> Outcome<Diagnostics> {
            progress.send("once").await;
            progress.send("twice").await;
            Err(Diagnostic::error("Tired", "").into())
        }
    }

    #[tokio::test]
    async fn collect_gathers_the_progress_in_order_and_the_outcome() {
        let (messages, outcome) = collect(&Twice, ActionRequest::new(Value::Null)).await;
        assert_eq!(messages, ["once", "twice"]);
        assert_eq!(outcome.unwrap_err().iter().next().unwrap().summary, "Tired");
    }
}
