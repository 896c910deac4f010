//! The resource RPCs: validate, upgrade state and identity, read, plan, apply, import and
//! generated configuration. Write-only attributes are nulled in every plan and state
//! Terraform receives, a destroy plan is answered without asking the resource, and state
//! upgrades read the stored JSON with the current schema.

use tonic::Response;

use super::{try_diag, ProviderService, Rpc};
use crate::capabilities::ClientCapabilities;
use crate::cty::{json, Value};
use crate::diagnostic::{path_to_wire, Diagnostics};
use crate::dynamic_value::{decode, encode, value_error};
use crate::identity::IdentitySchema;
use crate::log;
use crate::plan_modifier::modify_plan;
use crate::proto::tfplugin5 as pb;
use crate::resource::{
    ApplyRequest, GenerateConfigRequest, ImportRequest, PlanRequest, ReadRequest, ValidateRequest,
};
use crate::validator::validate_block;

/// Decodes identity data with the type's identity schema; none without a schema.
fn identity_in(
    schema: Option<&IdentitySchema>,
    data: Option<&pb::ResourceIdentityData>,
) -> Result<Option<Value>, Diagnostics> {
    Ok(match schema {
        Some(s) => s.decode(data)?,
        None => None,
    })
}

/// Encodes an identity answer; none without a schema.
fn identity_out(
    schema: Option<&IdentitySchema>,
    identity: Option<&Value>,
) -> Result<Option<pb::ResourceIdentityData>, Diagnostics> {
    Ok(match schema {
        Some(s) => s.encode(identity)?,
        None => None,
    })
}

impl ProviderService {
    pub(super) async fn validate_resource(
        &self,
        req: pb::validate_resource_type_config::Request,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        log::trace(
            "ValidateResourceTypeConfig",
            &[("type_name", &req.type_name)],
        );
        let fail = |d: Diagnostics| pb::validate_resource_type_config::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let caps = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        let mut diags = validate_block(&schema.block, &config);
        diags.extend(resource.validate(ValidateRequest::new(config, caps)).await);
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn upgrade_state(
        &self,
        req: pb::upgrade_resource_state::Request,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        log::trace("UpgradeResourceState", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::upgrade_resource_state::Response {
            upgraded_state: None,
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (_, schema) = try_diag!(self.resource(&req.type_name), fail);
        if req.version > schema.version {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "State written by a newer provider",
                format!(
                    "The state of this {} has schema version {}, but this provider knows only up \
                     to {}. Use the provider version that wrote it, or newer.",
                    req.type_name, req.version, schema.version
                ),
            ))));
        }
        let ty = schema.block.implied_type();
        let raw = req.raw_state.map(|r| r.json).unwrap_or_default();
        if raw.is_empty() {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "Unsupported state format",
                "The stored state is not JSON (a pre-0.12 flatmap state); this provider \
                 reads only JSON states.",
            ))));
        }
        let mut value = try_diag!(
            json::decode(&raw, &ty).map_err(|e| value_error("Cannot read stored state", e)),
            fail
        );
        schema.block.null_write_only(&mut value);
        let upgraded = try_diag!(encode(&value, &ty), fail);
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
        log::trace("UpgradeResourceIdentity", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::upgrade_resource_identity::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, _) = try_diag!(self.resource(&req.type_name), fail);
        let Some(identity) = resource.identity_schema() else {
            return Ok(Response::new(fail(Diagnostics::from_error(
                "Resource type has no identity",
                format!("{} does not define an identity schema.", req.type_name),
            ))));
        };
        let raw = req.raw_identity.map(|r| r.json).unwrap_or_default();
        let value = try_diag!(identity.upgrade(req.version, &raw), fail);
        let data = try_diag!(identity.encode(Some(&value)), fail);
        Ok(Response::new(pb::upgrade_resource_identity::Response {
            upgraded_identity: data,
            ..Default::default()
        }))
    }

    pub(super) async fn read(
        &self,
        req: pb::read_resource::Request,
    ) -> Rpc<pb::read_resource::Response> {
        log::trace("ReadResource", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::read_resource::Response {
            new_state: req.current_state.clone(),
            diagnostics: d.to_wire(),
            private: req.private.clone(),
            new_identity: req.current_identity.clone(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let current = try_diag!(decode(req.current_state.as_ref(), &ty), fail);
        if current.is_null() {
            return Ok(Response::new(fail(Diagnostics::new())));
        }
        let id_schema = resource.identity_schema();
        let mut request = ReadRequest::new(current, req.private.clone());
        request.current_identity = try_diag!(
            identity_in(id_schema.as_ref(), req.current_identity.as_ref()),
            fail
        );
        request.capabilities = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        let mut out = resource.read(request).await;
        schema.block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, &ty), fail);
        let identity = try_diag!(
            identity_out(id_schema.as_ref(), out.new_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::read_resource::Response {
            new_state: Some(state),
            diagnostics: out.diagnostics.to_wire(),
            private: out.private,
            new_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn plan(
        &self,
        req: pb::plan_resource_change::Request,
    ) -> Rpc<pb::plan_resource_change::Response> {
        log::trace("PlanResourceChange", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::plan_resource_change::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let prior = try_diag!(decode(req.prior_state.as_ref(), &ty), fail);
        let proposed = try_diag!(decode(req.proposed_new_state.as_ref(), &ty), fail);
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        if proposed.is_null() {
            // Destroy: nothing to decide.
            let planned = try_diag!(encode(&Value::Null, &ty), fail);
            return Ok(Response::new(pb::plan_resource_change::Response {
                planned_state: Some(planned),
                planned_private: req.prior_private,
                planned_identity: req.prior_identity,
                ..Default::default()
            }));
        }
        let id_schema = resource.identity_schema();
        let (modified, mut requires_replace) =
            modify_plan(&schema.block, &prior, proposed, &config);
        let mut request = PlanRequest::new(prior, modified, config);
        request.prior_private = req.prior_private;
        request.capabilities = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        request.prior_identity = try_diag!(
            identity_in(id_schema.as_ref(), req.prior_identity.as_ref()),
            fail
        );
        let mut out = resource.plan(request).await;
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        for path in out.requires_replace {
            if !requires_replace.contains(&path) {
                requires_replace.push(path);
            }
        }
        schema.block.null_write_only(&mut out.planned_state);
        let planned = try_diag!(encode(&out.planned_state, &ty), fail);
        let identity = try_diag!(
            identity_out(id_schema.as_ref(), out.planned_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::plan_resource_change::Response {
            planned_state: Some(planned),
            requires_replace: requires_replace.iter().map(path_to_wire).collect(),
            planned_private: out.planned_private,
            diagnostics: out.diagnostics.to_wire(),
            planned_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn apply(
        &self,
        req: pb::apply_resource_change::Request,
    ) -> Rpc<pb::apply_resource_change::Response> {
        log::trace("ApplyResourceChange", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::apply_resource_change::Response {
            new_state: req.prior_state.clone(),
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let prior = try_diag!(decode(req.prior_state.as_ref(), &ty), fail);
        let planned = try_diag!(decode(req.planned_state.as_ref(), &ty), fail);
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let id_schema = resource.identity_schema();
        let mut request = ApplyRequest::new(prior, planned, config);
        request.planned_private = req.planned_private.clone();
        request.planned_identity = try_diag!(
            identity_in(id_schema.as_ref(), req.planned_identity.as_ref()),
            fail
        );
        let mut out = resource.apply(request).await;
        schema.block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, &ty), fail);
        let identity = try_diag!(
            identity_out(id_schema.as_ref(), out.new_identity.as_ref()),
            fail
        );
        Ok(Response::new(pb::apply_resource_change::Response {
            new_state: Some(state),
            private: out.private,
            diagnostics: out.diagnostics.to_wire(),
            new_identity: identity,
            ..Default::default()
        }))
    }

    pub(super) async fn import(
        &self,
        req: pb::import_resource_state::Request,
    ) -> Rpc<pb::import_resource_state::Response> {
        log::trace("ImportResourceState", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::import_resource_state::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let id_schema = resource.identity_schema();
        let mut request = ImportRequest::new(req.id);
        request.identity = try_diag!(identity_in(id_schema.as_ref(), req.identity.as_ref()), fail);
        request.capabilities = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        let out = resource.import(request).await;
        let mut imported = Vec::new();
        for mut item in out.imported {
            schema.block.null_write_only(&mut item.state);
            let state = try_diag!(encode(&item.state, &ty), fail);
            let identity = try_diag!(
                identity_out(id_schema.as_ref(), item.identity.as_ref()),
                fail
            );
            imported.push(pb::import_resource_state::ImportedResource {
                type_name: req.type_name.clone(),
                state: Some(state),
                private: item.private,
                identity,
                ..Default::default()
            });
        }
        Ok(Response::new(pb::import_resource_state::Response {
            imported_resources: imported,
            diagnostics: out.diagnostics.to_wire(),
            ..Default::default()
        }))
    }

    pub(super) async fn generate_config(
        &self,
        req: pb::generate_resource_config::Request,
    ) -> Rpc<pb::generate_resource_config::Response> {
        log::trace("GenerateResourceConfig", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::generate_resource_config::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let state = try_diag!(decode(req.state.as_ref(), &ty), fail);
        let request = GenerateConfigRequest::new(state);
        let config = try_diag!(resource.generate_config(request).await, fail);
        let config = try_diag!(encode(&config, &ty), fail);
        Ok(Response::new(pb::generate_resource_config::Response {
            config: Some(config),
            ..Default::default()
        }))
    }
}
