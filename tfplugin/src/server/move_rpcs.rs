//! MoveResourceState: a `moved` block from another resource type into one of ours. The
//! target must have the `MoveState` capability and name the source among its
//! `move_sources` (provider address, type name and schema version); the stored state is
//! then read with that source's schema and handed over, and the target's answer encoded
//! with its own schema (write-only attributes null, as in every state). Terraform runs
//! this on an unconfigured provider, before planning.

use tonic::Response;

use super::resource_calls::identity_schema;
use super::{try_diag, ProviderService, Rpc};
use crate::diagnostic::Diagnostics;
use crate::proto::tfplugin5 as pb;
use crate::resource::{MoveSource, MoveStateRequest, RawState};
use crate::wire::dynamic_value::encode;
use crate::wire::to_proto;

/// `type_name` of `provider_address` at `version`, as a person reads it.
fn describe(provider_address: &str, type_name: &str, version: i64) -> String {
    format!("{type_name} (schema version {version}) of {provider_address}")
}

/// The source among `sources` that `req` moves from, or why there is none.
fn source_of<'a>(
    req: &pb::move_resource_state::Request,
    sources: &'a [MoveSource],
) -> Result<&'a MoveSource, Diagnostics> {
    let found = sources.iter().find(|s| {
        s.provider_address == req.source_provider_address
            && s.type_name == req.source_type_name
            && s.schema.version == req.source_schema_version
    });
    found.ok_or_else(|| {
        let accepted: Vec<String> = sources
            .iter()
            .map(|s| {
                format!(
                    "- {}",
                    describe(&s.provider_address, &s.type_name, s.schema.version)
                )
            })
            .collect();
        Diagnostics::from_error(
            "Unsupported move",
            format!(
                "{} cannot take the state of {}. It takes states moved from:\n{}",
                req.target_type_name,
                describe(
                    &req.source_provider_address,
                    &req.source_type_name,
                    req.source_schema_version
                ),
                accepted.join("\n")
            ),
        )
    })
}

impl ProviderService {
    pub(super) async fn move_state(
        &self,
        req: pb::move_resource_state::Request,
    ) -> Rpc<pb::move_resource_state::Response> {
        tracing::trace!(
            source_provider = %req.source_provider_address,
            source_type = %req.source_type_name,
            source_schema_version = req.source_schema_version,
            "MoveResourceState"
        );
        let fail = |d: Diagnostics| pb::move_resource_state::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.target_type_name), fail);
        let Some(mover) = entry.imp.as_move_state() else {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "Unsupported move",
                format!(
                    "{} does not take states moved from other resource types, so {} cannot be \
                     moved into it. Remove the `moved` block, and import the object instead.",
                    req.target_type_name, req.source_type_name
                ),
            ))));
        };
        let sources = mover.move_sources();
        let source = try_diag!(source_of(&req, &sources), fail);
        let raw = RawState::Json(req.source_state.map(|s| s.json).unwrap_or_default());
        let mut request = try_diag!(MoveStateRequest::new(source, raw), fail);
        request.source_private = req.source_private.into();
        request.source_identity = req
            .source_identity
            .filter(|i| !i.json.is_empty())
            .map(|i| RawState::Json(i.json));
        request.source_identity_schema_version = req.source_identity_schema_version;
        request.typing = entry.typed.typing.clone();
        let mut out = try_diag!(mover.move_state(request).await, fail);
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        if out.target_state.is_null() {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "Moved state missing",
                format!(
                    "{} answered no state for the move. This is a bug in the provider; please \
                     report it.",
                    req.target_type_name
                ),
            ))));
        }
        entry
            .typed
            .schema
            .block
            .null_write_only(&mut out.target_state);
        let state = try_diag!(encode(&out.target_state, &entry.typed.ty), fail);
        let id_schema = identity_schema(entry.imp.as_ref());
        let identity = try_diag!(
            to_proto::identity_data(id_schema.as_ref(), out.target_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::move_resource_state::Response {
            target_state: Some(state),
            target_private: out.target_private.into(),
            target_identity: identity,
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }
}
