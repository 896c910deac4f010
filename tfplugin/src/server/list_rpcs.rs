//! The list resource RPCs: ValidateListResourceConfig, and ListResource answered as a stream
//! of at most `limit` events, sent as the list resource finds them, each identity encoded
//! with the listed resource type's identity schema and each object with its schema.

use std::sync::Arc;

use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::StreamExt;
use tonic::codegen::BoxStream;
use tonic::{Response, Status};

use super::{try_diag, unknown_type, ProviderService, Rpc};
use crate::cty::Type;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::dynamic_value::{decode, encode};
use crate::list::{ListEvent, ListRequest, ListResource, ListSink, ValidateListRequest};
use crate::log;
use crate::proto::tfplugin5 as pb;
use crate::schema::Schema;
use crate::validator::validate_block;

impl ProviderService {
    fn list_resource(&self, name: &str) -> Result<&(Arc<dyn ListResource>, Schema), Diagnostics> {
        self.list_resources
            .get(name)
            .ok_or_else(|| unknown_type("list resource", name, self.list_resources.keys()))
    }

    pub(super) async fn validate_list(
        &self,
        req: pb::validate_list_resource_config::Request,
    ) -> Rpc<pb::validate_list_resource_config::Response> {
        log::trace(
            "ValidateListResourceConfig",
            &[("type_name", &req.type_name)],
        );
        let fail = |d: Diagnostics| pb::validate_list_resource_config::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (list, schema) = try_diag!(self.list_resource(&req.type_name), fail);
        let config = try_diag!(
            decode(req.config.as_ref(), &schema.block.implied_type()),
            fail
        );
        let include = try_diag!(
            decode(req.include_resource_object.as_ref(), &Type::Bool),
            fail
        );
        let limit = try_diag!(decode(req.limit.as_ref(), &Type::Number), fail);
        let mut diags = validate_block(&schema.block, &config);
        let request = ValidateListRequest {
            config,
            include_resource_object: include,
            limit,
        };
        diags.extend(list.validate(request).await);
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn list(
        &self,
        req: pb::list_resource::Request,
    ) -> Rpc<BoxStream<pb::list_resource::Event>> {
        log::trace("ListResource", &[("type_name", &req.type_name)]);
        match self.start_listing(req) {
            Ok(stream) => Ok(Response::new(stream)),
            Err(d) => {
                let event = pb::list_resource::Event {
                    diagnostic: d.to_wire(),
                    ..Default::default()
                };
                let stream = tokio_stream::iter([Ok::<_, Status>(event)]);
                Ok(Response::new(Box::pin(stream)))
            }
        }
    }

    /// Starts the list resource in a task of its own and answers the stream of its events,
    /// encoded as they arrive and cut at the limit (which closes the provider's sink).
    fn start_listing(
        &self,
        req: pb::list_resource::Request,
    ) -> Result<BoxStream<pb::list_resource::Event>, Diagnostics> {
        let (list, schema) = self.list_resource(&req.type_name)?;
        let (resource, resource_schema) = self.resource(&req.type_name)?;
        let identity = resource.identity_schema().ok_or_else(|| {
            Diagnostic::error(
                "List resource without identity",
                format!("{} has no identity schema to report.", req.type_name),
            )
        })?;
        let config = decode(req.config.as_ref(), &schema.block.implied_type())?;
        let mut request = ListRequest::new(config, req.limit);
        request.include_resource_object = req.include_resource_object;
        let limit = usize::try_from(req.limit)
            .ok()
            .filter(|l| *l > 0)
            .unwrap_or(usize::MAX);
        let (sink, rx) = ListSink::channel();
        let list = Arc::clone(list);
        tokio::spawn(async move { list.stream(request, sink).await });
        let object_type = resource_schema.block.implied_type();
        let include = req.include_resource_object;
        let events = ReceiverStream::new(rx).take(limit).map(move |event| {
            let wire = event_to_wire(event, &identity, &object_type, include);
            Ok::<_, Status>(wire.unwrap_or_else(|d| pb::list_resource::Event {
                diagnostic: d.to_wire(),
                ..Default::default()
            }))
        });
        Ok(Box::pin(events))
    }
}

fn event_to_wire(
    event: ListEvent,
    identity: &crate::identity::IdentitySchema,
    object_type: &Type,
    include_object: bool,
) -> Result<pb::list_resource::Event, Diagnostics> {
    let has_identity = !event.identity.is_null();
    let resource_object = match event.resource_object.filter(|_| include_object) {
        Some(object) => Some(encode(&object, object_type)?),
        None => None,
    };
    Ok(pb::list_resource::Event {
        identity: if has_identity {
            identity.encode(Some(&event.identity))?
        } else {
            None
        },
        display_name: event.display_name,
        resource_object,
        diagnostic: event.diagnostics.to_wire(),
        ..Default::default()
    })
}
