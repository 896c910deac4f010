//! The ephemeral resource RPCs: validate (the declared validators, then the type's own
//! check), open (the result with the configured arguments as they were, its private data
//! and renewal time), renew (with the private data the last answer set) and close. An
//! opening may ask for renewal only if the type can renew; a close of a type with nothing
//! to close succeeds.

use tonic::Response;

use super::{keep_configured, try_diag, unknown_type, validate, Entry};
use super::{ProviderService, Rpc};
use crate::diagnostic::Diagnostics;
use crate::ephemeral::{CloseRequest, EphemeralResource, OpenRequest, RenewRequest};
use crate::proto::tfplugin5 as pb;
use crate::wire::dynamic_value::{decode, encode};
use crate::wire::{from_proto, to_proto};

/// The diagnostic for a type that asked for renewal but cannot renew.
fn cannot_renew(type_name: &str) -> Diagnostics {
    Diagnostics::from_error(
        "Ephemeral resource cannot be renewed",
        format!(
            "{type_name} asked Terraform to renew it, but it does not implement renewal. This \
             is a bug in the provider; please report it."
        ),
    )
}

impl ProviderService {
    fn ephemeral(&self, name: &str) -> Result<&Entry<dyn EphemeralResource>, Diagnostics> {
        let known = self.ephemeral_resources.keys();
        self.ephemeral_resources
            .get(name)
            .ok_or_else(|| unknown_type("ephemeral resource", name, known))
    }

    pub(super) async fn validate_ephemeral(
        &self,
        req: pb::validate_ephemeral_resource_config::Request,
    ) -> Rpc<pb::validate_ephemeral_resource_config::Response> {
        tracing::trace!("ValidateEphemeralResourceConfig");
        let answer = |d: Diagnostics| pb::validate_ephemeral_resource_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.ephemeral(&req.type_name), answer);
        let config = try_diag!(decode(req.config.as_ref(), &entry.typed.ty), answer);
        let check = entry.imp.as_validate_config();
        let diags = validate(&entry.typed, config, Default::default(), check).await;
        Ok(Response::new(answer(diags)))
    }

    pub(super) async fn open_ephemeral(
        &self,
        req: pb::open_ephemeral_resource::Request,
    ) -> Rpc<pb::open_ephemeral_resource::Response> {
        tracing::trace!("OpenEphemeralResource");
        let fail = |d: Diagnostics| pb::open_ephemeral_resource::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.ephemeral(&req.type_name), fail);
        let ty = &entry.typed.ty;
        let config = try_diag!(decode(req.config.as_ref(), ty), fail);
        let mut request = OpenRequest::new(config.clone());
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.typing = entry.typed.typing.clone();
        let mut out = try_diag!(entry.imp.open(request).await, fail);
        if out.renew_at.is_some() && entry.imp.as_renew().is_none() {
            return Ok(Response::new(fail(cannot_renew(&req.type_name))));
        }
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        keep_configured(&config, &mut out.result);
        let result = try_diag!(encode(&out.result, ty), fail);
        Ok(Response::new(pb::open_ephemeral_resource::Response {
            result: Some(result),
            private: Some(out.private.into()),
            renew_at: out.renew_at.map(to_proto::timestamp),
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    pub(super) async fn renew_ephemeral(
        &self,
        req: pb::renew_ephemeral_resource::Request,
    ) -> Rpc<pb::renew_ephemeral_resource::Response> {
        tracing::trace!("RenewEphemeralResource");
        let fail = |d: Diagnostics| pb::renew_ephemeral_resource::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.ephemeral(&req.type_name), fail);
        let Some(renewer) = entry.imp.as_renew() else {
            return Ok(Response::new(fail(cannot_renew(&req.type_name))));
        };
        let private = req.private.unwrap_or_default();
        let out = try_diag!(
            renewer.renew(RenewRequest::new(private.clone())).await,
            fail
        );
        Ok(Response::new(pb::renew_ephemeral_resource::Response {
            renew_at: out.renew_at.map(to_proto::timestamp),
            private: Some(out.private.map_or(private, Vec::from)),
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    pub(super) async fn close_ephemeral(
        &self,
        req: pb::close_ephemeral_resource::Request,
    ) -> Rpc<pb::close_ephemeral_resource::Response> {
        tracing::trace!("CloseEphemeralResource");
        let answer = |d: Diagnostics| pb::close_ephemeral_resource::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.ephemeral(&req.type_name), answer);
        let diags = match entry.imp.as_close() {
            Some(closer) => {
                let request = CloseRequest::new(req.private.unwrap_or_default());
                closer.close(request).await.err().unwrap_or_default()
            }
            None => Diagnostics::new(),
        };
        Ok(Response::new(answer(diags)))
    }
}
