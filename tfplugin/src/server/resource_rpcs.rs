//! The resource RPCs: validate, upgrade state and identity, read, plan, apply, import and
//! generated configuration. Write-only attributes are nulled in every plan and state
//! Terraform receives, a destroy plan is answered without asking the resource, and stored
//! states go through the resource's `upgrade_state` (newer versions refused first).

use tonic::Response;

use super::resource_calls as call;
use super::rpc_log;
use super::{try_diag, validate, ProviderService, Rpc};
use crate::cty::Value;
use crate::diagnostic::Diagnostics;
use crate::proto::tfplugin5 as pb;
use crate::resource::{
    ApplyRequest, GenerateConfigRequest, ImportRequest, PlanRequest, ReadRequest,
    UpgradeStateRequest,
};
use crate::schema::modify_plan;
use crate::wire::dynamic_value::{decode, encode};
use crate::wire::{from_proto, to_proto};

impl ProviderService {
    pub(super) async fn validate_resource(
        &self,
        req: pb::validate_resource_type_config::Request,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        let fail = |d: Diagnostics| pb::validate_resource_type_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        let config = try_diag!(decode(req.config.as_ref(), &entry.typed.ty), fail);
        rpc_log::begin(
            "ValidateResourceTypeConfig",
            &entry.typed.schema.block,
            &[&config],
        );
        let caps = from_proto::client_capabilities(req.client_capabilities.as_ref());
        let check = entry.imp.as_validate_config();
        let diags = validate(&entry.typed, config, caps, check).await;
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn upgrade_state(
        &self,
        req: pb::upgrade_resource_state::Request,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        let fail = |d: Diagnostics| pb::upgrade_resource_state::Response {
            upgraded_state: None,
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        rpc_log::begin("UpgradeResourceState", &entry.typed.schema.block, &[]);
        let current = entry.typed.schema.version;
        if req.version > current {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "State written by a newer provider",
                format!(
                    "The state of this {} has schema version {}, but this provider knows only up \
                     to {current}. Use the provider version that wrote it, or newer.",
                    req.type_name, req.version
                ),
            ))));
        }
        let mut request =
            UpgradeStateRequest::new(req.version, from_proto::raw_state(req.raw_state));
        request.typing = entry.typed.typing.clone();
        let upgraded = call::upgrade_state(entry.imp.as_ref(), &entry.typed.schema, request);
        let mut value = try_diag!(upgraded.await, fail);
        entry.typed.schema.block.null_write_only(&mut value);
        let upgraded = try_diag!(encode(&value, &entry.typed.ty), fail);
        Ok(Response::new(pb::upgrade_resource_state::Response {
            upgraded_state: Some(upgraded),
            diagnostics: Vec::new(),
            ..Default::default()
        }))
    }

    pub(super) async fn upgrade_identity(
        &self,
        req: pb::upgrade_resource_identity::Request,
    ) -> Rpc<pb::upgrade_resource_identity::Response> {
        let fail = |d: Diagnostics| pb::upgrade_resource_identity::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        rpc_log::begin("UpgradeResourceIdentity", &entry.typed.schema.block, &[]);
        let Some(identity) = call::identity_schema(entry.imp.as_ref()) else {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "Resource type has no identity",
                format!("{} does not define an identity schema.", req.type_name),
            ))));
        };
        let raw = req.raw_identity.map(|r| r.json).unwrap_or_default();
        let value = try_diag!(identity.upgrade(req.version, &raw), fail);
        let data = try_diag!(to_proto::identity_data(Some(&identity), Some(&value)), fail);
        Ok(Response::new(pb::upgrade_resource_identity::Response {
            upgraded_identity: data,
            ..Default::default()
        }))
    }

    pub(super) async fn read(
        &self,
        req: pb::read_resource::Request,
    ) -> Rpc<pb::read_resource::Response> {
        let fail = |d: Diagnostics| pb::read_resource::Response {
            new_state: req.current_state.clone(),
            diagnostics: to_proto::diagnostics(&d),
            private: req.private.clone(),
            new_identity: req.current_identity.clone(),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        let ty = &entry.typed.ty;
        let current = try_diag!(decode(req.current_state.as_ref(), ty), fail);
        rpc_log::begin("ReadResource", &entry.typed.schema.block, &[&current]);
        if current.is_null() {
            return Ok(Response::new(fail(Diagnostics::new())));
        }
        let id_schema = call::identity_schema(entry.imp.as_ref());
        let mut request = ReadRequest::new(current, req.private.clone());
        request.current_identity = try_diag!(
            from_proto::identity_data(id_schema.as_ref(), req.current_identity.as_ref()),
            fail
        );
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.typing = entry.typed.typing.clone();
        let mut out = call::read(entry.imp.as_ref(), request).await;
        entry.typed.schema.block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, ty), fail);
        let identity = try_diag!(
            to_proto::identity_data(id_schema.as_ref(), out.new_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::read_resource::Response {
            new_state: Some(state),
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            private: out.private.into(),
            new_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn plan(
        &self,
        req: pb::plan_resource_change::Request,
    ) -> Rpc<pb::plan_resource_change::Response> {
        let fail = |d: Diagnostics| pb::plan_resource_change::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        let ty = &entry.typed.ty;
        let prior = try_diag!(decode(req.prior_state.as_ref(), ty), fail);
        let proposed = try_diag!(decode(req.proposed_new_state.as_ref(), ty), fail);
        let config = try_diag!(decode(req.config.as_ref(), ty), fail);
        let block = &entry.typed.schema.block;
        rpc_log::begin("PlanResourceChange", block, &[&prior, &proposed]);
        if proposed.is_null() {
            // Destroy: nothing to decide.
            let planned = try_diag!(encode(&Value::Null, ty), fail);
            return Ok(Response::new(pb::plan_resource_change::Response {
                planned_state: Some(planned),
                planned_private: req.prior_private,
                planned_identity: req.prior_identity,
                ..Default::default()
            }));
        }
        let id_schema = call::identity_schema(entry.imp.as_ref());
        let modified = modify_plan(block, &prior, &proposed, &config);
        if modified.diagnostics.has_errors() {
            return Ok(Response::new(fail(modified.diagnostics)));
        }
        let mut requires_replace = modified.requires_replace;
        let mut request = PlanRequest::new(prior, modified.planned, config);
        request.prior_private = req.prior_private.into();
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.prior_identity = try_diag!(
            from_proto::identity_data(id_schema.as_ref(), req.prior_identity.as_ref()),
            fail
        );
        request.typing = entry.typed.typing.clone();
        let mut out = call::plan(entry.imp.as_ref(), request).await;
        let mut diagnostics = modified.diagnostics;
        diagnostics.extend(out.diagnostics);
        if diagnostics.has_errors() {
            return Ok(Response::new(fail(diagnostics)));
        }
        for path in out.requires_replace {
            if !requires_replace.contains(&path) {
                requires_replace.push(path);
            }
        }
        block.null_write_only(&mut out.planned_state);
        let planned = try_diag!(encode(&out.planned_state, ty), fail);
        let identity = try_diag!(
            to_proto::identity_data(id_schema.as_ref(), out.planned_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::plan_resource_change::Response {
            planned_state: Some(planned),
            requires_replace: requires_replace
                .iter()
                .map(to_proto::attribute_path)
                .collect(),
            planned_private: out.planned_private.into(),
            diagnostics: to_proto::diagnostics(&diagnostics),
            planned_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn apply(
        &self,
        req: pb::apply_resource_change::Request,
    ) -> Rpc<pb::apply_resource_change::Response> {
        let fail = |d: Diagnostics| pb::apply_resource_change::Response {
            new_state: req.prior_state.clone(),
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        let ty = &entry.typed.ty;
        let prior = try_diag!(decode(req.prior_state.as_ref(), ty), fail);
        let planned = try_diag!(decode(req.planned_state.as_ref(), ty), fail);
        let config = try_diag!(decode(req.config.as_ref(), ty), fail);
        let block = &entry.typed.schema.block;
        rpc_log::begin("ApplyResourceChange", block, &[&prior, &planned]);
        let id_schema = call::identity_schema(entry.imp.as_ref());
        let mut request = ApplyRequest::new(prior, planned, config);
        request.planned_private = req.planned_private.clone().into();
        request.planned_identity = try_diag!(
            from_proto::identity_data(id_schema.as_ref(), req.planned_identity.as_ref()),
            fail
        );
        request.typing = entry.typed.typing.clone();
        let mut out = call::apply(entry.imp.as_ref(), request).await;
        block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, ty), fail);
        let identity = try_diag!(
            to_proto::identity_data(id_schema.as_ref(), out.new_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::apply_resource_change::Response {
            new_state: Some(state),
            private: out.private.into(),
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            new_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn import(
        &self,
        req: pb::import_resource_state::Request,
    ) -> Rpc<pb::import_resource_state::Response> {
        let fail = |d: Diagnostics| pb::import_resource_state::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        rpc_log::begin_with_id("ImportResourceState", &req.id);
        let id_schema = call::identity_schema(entry.imp.as_ref());
        let mut request = ImportRequest::new(req.id);
        request.identity = try_diag!(
            from_proto::identity_data(id_schema.as_ref(), req.identity.as_ref()),
            fail
        );
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.typing = entry.typed.typing.clone();
        let out = call::import(entry.imp.as_ref(), request).await;
        let mut imported = Vec::new();
        for mut item in out.imported {
            entry.typed.schema.block.null_write_only(&mut item.state);
            let state = try_diag!(encode(&item.state, &entry.typed.ty), fail);
            let identity = try_diag!(
                to_proto::identity_data(id_schema.as_ref(), item.identity.as_ref()),
                fail
            );
            imported.push(pb::import_resource_state::ImportedResource {
                type_name: req.type_name.clone(),
                state: Some(state),
                private: item.private.into(),
                identity,
                ..Default::default()
            });
        }
        Ok(Response::new(pb::import_resource_state::Response {
            imported_resources: imported,
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    pub(super) async fn generate_config(
        &self,
        req: pb::generate_resource_config::Request,
    ) -> Rpc<pb::generate_resource_config::Response> {
        let fail = |d: Diagnostics| pb::generate_resource_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.resource(&req.type_name), fail);
        let state = try_diag!(decode(req.state.as_ref(), &entry.typed.ty), fail);
        rpc_log::begin(
            "GenerateResourceConfig",
            &entry.typed.schema.block,
            &[&state],
        );
        let mut request = GenerateConfigRequest::new(state);
        request.typing = entry.typed.typing.clone();
        let generated = call::generate_config(entry.imp.as_ref(), &entry.typed.schema, request);
        let config = try_diag!(generated.await, fail);
        let config = try_diag!(encode(&config, &entry.typed.ty), fail);
        Ok(Response::new(pb::generate_resource_config::Response {
            config: Some(config),
            ..Default::default()
        }))
    }
}
