//! The list resource RPCs: ValidateListResourceConfig, and ListResource answered as a stream
//! of events sent as the list resource finds them, each identity encoded with the listed
//! resource type's identity schema and each object with its schema. The sink handed to the
//! list resource takes at most the request's `limit` instances: the limit lives there.

use std::sync::Arc;

use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::StreamExt;
use tonic::codegen::BoxStream;
use tonic::{Response, Status};
use tracing::Instrument;

use super::{resource_calls, try_diag, unknown_type, Entry, ProviderService, Rpc};
use crate::cty::Type;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::identity::IdentitySchema;
use crate::list::{ListEvent, ListRequest, ListResource, ListSink, ValidateListRequest};
use crate::proto::tfplugin5 as pb;
use crate::schema::validate_block;
use crate::wire::dynamic_value::{decode, encode};
use crate::wire::to_proto;

impl ProviderService {
    fn list_resource(&self, name: &str) -> Result<&Entry<dyn ListResource>, Diagnostics> {
        self.list_resources
            .get(name)
            .ok_or_else(|| unknown_type("list resource", name, self.list_resources.keys()))
    }

    pub(super) async fn validate_list(
        &self,
        req: pb::validate_list_resource_config::Request,
    ) -> Rpc<pb::validate_list_resource_config::Response> {
        tracing::trace!("ValidateListResourceConfig");
        let fail = |d: Diagnostics| pb::validate_list_resource_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.list_resource(&req.type_name), fail);
        let config = try_diag!(decode(req.config.as_ref(), &entry.typed.ty), fail);
        let include = try_diag!(
            decode(req.include_resource_object.as_ref(), &Type::Bool),
            fail
        );
        let limit = try_diag!(decode(req.limit.as_ref(), &Type::Number), fail);
        let mut diags = validate_block(&entry.typed.schema.block, &config);
        let request = ValidateListRequest {
            config,
            include_resource_object: include,
            limit,
            typing: entry.typed.typing.clone(),
        };
        if let Some(v) = entry.imp.as_validate_config() {
            diags.extend(v.validate_config(request).await);
        }
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn list(
        &self,
        req: pb::list_resource::Request,
    ) -> Rpc<BoxStream<pb::list_resource::Event>> {
        tracing::trace!("ListResource");
        match self.start_listing(req) {
            Ok(stream) => Ok(Response::new(stream)),
            Err(d) => {
                let event = pb::list_resource::Event {
                    diagnostic: to_proto::diagnostics(&d),
                    ..Default::default()
                };
                let stream = tokio_stream::iter([Ok::<_, Status>(event)]);
                Ok(Response::new(Box::pin(stream)))
            }
        }
    }

    /// Starts the list resource in a task of its own and answers the stream of its events,
    /// encoded as they arrive.
    fn start_listing(
        &self,
        req: pb::list_resource::Request,
    ) -> Result<BoxStream<pb::list_resource::Event>, Diagnostics> {
        let list = self.list_resource(&req.type_name)?;
        let resource = self.resource(&req.type_name)?;
        let identity = resource_calls::identity_schema(resource.imp.as_ref()).ok_or_else(|| {
            Diagnostic::error(
                "List resource without identity",
                format!("{} has no identity schema to report.", req.type_name),
            )
        })?;
        let config = decode(req.config.as_ref(), &list.typed.ty)?;
        let mut request = ListRequest::new(config, req.limit);
        request.include_resource_object = req.include_resource_object;
        request.typing = list.typed.typing.clone();
        let (sink, rx) = ListSink::channel(req.limit);
        let lister = Arc::clone(&list.imp);
        // The listing's own lines carry the RPC's span, though it runs in a task of its own.
        let span = tracing::Span::current();
        tokio::spawn(async move { lister.stream(request, sink).await }.instrument(span));
        let object_type = resource.typed.ty.clone();
        let include = req.include_resource_object;
        let events = ReceiverStream::new(rx).map(move |event| {
            let wire = event_to_wire(event, &identity, &object_type, include);
            Ok::<_, Status>(wire.unwrap_or_else(|d| pb::list_resource::Event {
                diagnostic: to_proto::diagnostics(&d),
                ..Default::default()
            }))
        });
        Ok(Box::pin(events))
    }
}

fn event_to_wire(
    event: ListEvent,
    identity: &IdentitySchema,
    object_type: &Type,
    include_object: bool,
) -> Result<pb::list_resource::Event, Diagnostics> {
    let resource_object = match event.resource_object.filter(|_| include_object) {
        Some(object) => Some(encode(&object, object_type)?),
        None => None,
    };
    let id = Some(&event.identity).filter(|i| !i.is_null());
    Ok(pb::list_resource::Event {
        identity: to_proto::identity_data(Some(identity), id)?,
        display_name: event.display_name,
        resource_object,
        diagnostic: to_proto::diagnostics(&event.diagnostics),
        ..Default::default()
    })
}
