//! The action RPCs: validate (the declared validators, then the type's own check), plan
//! (the type's own check of a planned invocation, if it has one), and invoke, answered as a
//! stream: each progress message the action sends is streamed to Terraform at once, and the
//! stream ends with one completion carrying the action's diagnostics (an error if it
//! failed, or if it stopped without an outcome).

use std::sync::Arc;

use futures::StreamExt;
use tokio_stream::wrappers::ReceiverStream;
use tonic::codegen::BoxStream;
use tonic::{Response, Status};
use tracing::Instrument;

use super::{try_diag, unknown_type, validate, Entry, ProviderService, Rpc};
use crate::action::{Action, ActionEvent, ActionProgress, ActionRequest};
use crate::diagnostic::Diagnostics;
use crate::proto::tfplugin5 as pb;
use crate::wire::dynamic_value::decode;
use crate::wire::{from_proto, to_proto};

use pb::invoke_action::event::{Completed, Progress, Type as EventType};

impl ProviderService {
    fn action(&self, name: &str) -> Result<&Entry<dyn Action>, Diagnostics> {
        self.actions
            .get(name)
            .ok_or_else(|| unknown_type("action", name, self.actions.keys()))
    }

    pub(super) async fn validate_action(
        &self,
        req: pb::validate_action_config::Request,
    ) -> Rpc<pb::validate_action_config::Response> {
        tracing::trace!("ValidateActionConfig");
        let answer = |d: Diagnostics| pb::validate_action_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.action(&req.action_type), answer);
        let config = try_diag!(decode(req.config.as_ref(), &entry.typed.ty), answer);
        let check = entry.imp.as_validate_config();
        let diags = validate(&entry.typed, config, Default::default(), check).await;
        Ok(Response::new(answer(diags)))
    }

    fn action_request(
        &self,
        action_type: &str,
        config: Option<&pb::DynamicValue>,
        capabilities: Option<&pb::ClientCapabilities>,
    ) -> Result<(&Entry<dyn Action>, ActionRequest), Diagnostics> {
        let entry = self.action(action_type)?;
        let mut request = ActionRequest::new(decode(config, &entry.typed.ty)?);
        request.capabilities = from_proto::client_capabilities(capabilities);
        request.typing = entry.typed.typing.clone();
        Ok((entry, request))
    }

    pub(super) async fn plan_invocation(
        &self,
        req: pb::plan_action::Request,
    ) -> Rpc<pb::plan_action::Response> {
        tracing::trace!("PlanAction");
        let answer = |d: Diagnostics| pb::plan_action::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let caps = req.client_capabilities.as_ref();
        let (entry, request) = try_diag!(
            self.action_request(&req.action_type, req.config.as_ref(), caps),
            answer
        );
        let diags = match entry.imp.as_plan() {
            Some(planner) => planner.plan_action(request).await,
            None => Diagnostics::new(),
        };
        Ok(Response::new(answer(diags)))
    }

    pub(super) async fn invoke(
        &self,
        req: pb::invoke_action::Request,
    ) -> Rpc<BoxStream<pb::invoke_action::Event>> {
        tracing::trace!("InvokeAction");
        let caps = req.client_capabilities.as_ref();
        let started = self
            .action_request(&req.action_type, req.config.as_ref(), caps)
            .and_then(|(entry, request)| {
                if request.config.is_wholly_known() {
                    Ok(start(Arc::clone(&entry.imp), request))
                } else {
                    Err(Diagnostics::from_error(
                        "Action configuration not known",
                        "An action is invoked once its whole configuration is known; \
                         Terraform sent unknown values.",
                    ))
                }
            });
        let stream = started.unwrap_or_else(|d| {
            let event = Ok(completed(d));
            Box::pin(tokio_stream::iter([event]))
        });
        Ok(Response::new(stream))
    }
}

/// Runs `action` in a task of its own and answers the stream of its events, encoded as
/// they arrive; the stream ends with the completion, even if a task the action started
/// still holds a sink.
fn start(action: Arc<dyn Action>, request: ActionRequest) -> BoxStream<pb::invoke_action::Event> {
    let (progress, rx) = ActionProgress::channel();
    // The action's own lines carry the RPC's span, though it runs in a task of its own.
    let span = tracing::Span::current();
    tokio::spawn(
        async move {
            let sink = progress.clone();
            let invoked =
                tokio::spawn(async move { action.invoke(request, sink).await }.in_current_span());
            let outcome = invoked.await.unwrap_or_else(|_| {
                Err(Diagnostics::from_error(
                    "Action stopped unexpectedly",
                    "The action ended without an outcome. This is a bug in the provider; \
                     please report it.",
                ))
            });
            progress.complete(outcome).await;
        }
        .instrument(span),
    );
    let events = ReceiverStream::new(rx).scan(false, |done, event| {
        let wire = match event {
            _ if *done => None,
            ActionEvent::Progress(message) => Some(pb::invoke_action::Event {
                r#type: Some(EventType::Progress(Progress { message })),
            }),
            ActionEvent::Completed(diagnostics) => {
                *done = true;
                Some(completed(diagnostics))
            }
        };
        std::future::ready(wire.map(Ok::<_, Status>))
    });
    Box::pin(events)
}

fn completed(diagnostics: Diagnostics) -> pb::invoke_action::Event {
    pb::invoke_action::Event {
        r#type: Some(EventType::Completed(Completed {
            diagnostics: to_proto::diagnostics(&diagnostics),
        })),
    }
}
