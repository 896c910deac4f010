//! The `tfplugin5.Provider` gRPC service, mapped onto the typed traits in `traits.rs`.
//!
//! Every request is decoded with the schema of its type, handed to the implementation as
//! plain [`Value`]s, and the answer encoded back. Duties common to every resource live
//! here: write-only attributes are nulled in every plan and state Terraform receives, a
//! destroy plan is answered without asking the resource, state upgrades read the stored JSON
//! with the current schema, and unknown type names become diagnostics. Values are never
//! logged.

use std::collections::BTreeMap;
use std::sync::Arc;

use tonic::{Request, Response, Status};

use super::convert::{self, capabilities, decode, diagnostics, encode};
use super::diag::Diagnostics;
use super::log;
use super::proto::tfplugin5 as pb;
use super::schema::Schema;
use super::traits::{
    ApplyRequest, ConfigureRequest, DataSource, PlanRequest, Provider, ReadRequest, Resource,
    ValidateRequest,
};
use crate::cty::Value;

type Rpc<T> = Result<Response<T>, Status>;

/// Serves one provider implementation over the protocol.
pub struct ProviderService {
    provider: Arc<dyn Provider>,
    provider_schema: Schema,
    resources: BTreeMap<String, (Arc<dyn Resource>, Schema)>,
    data_sources: BTreeMap<String, (Arc<dyn DataSource>, Schema)>,
}

impl ProviderService {
    /// Collects the provider's types and schemas once.
    pub fn new(provider: Arc<dyn Provider>) -> Self {
        let resources = provider
            .resources()
            .into_iter()
            .map(|r| (r.type_name().to_string(), (r.clone(), r.schema())))
            .collect();
        let data_sources = provider
            .data_sources()
            .into_iter()
            .map(|d| (d.type_name().to_string(), (d.clone(), d.schema())))
            .collect();
        ProviderService {
            provider_schema: provider.schema(),
            provider,
            resources,
            data_sources,
        }
    }

    fn resource(&self, name: &str) -> Result<&(Arc<dyn Resource>, Schema), Diagnostics> {
        self.resources
            .get(name)
            .ok_or_else(|| unknown_type("resource", name, self.resources.keys()))
    }

    fn data_source(&self, name: &str) -> Result<&(Arc<dyn DataSource>, Schema), Diagnostics> {
        self.data_sources
            .get(name)
            .ok_or_else(|| unknown_type("data source", name, self.data_sources.keys()))
    }
}

fn unknown_type<'a>(
    kind: &str,
    name: &str,
    known: impl Iterator<Item = &'a String>,
) -> Diagnostics {
    let known: Vec<&str> = known.map(String::as_str).collect();
    Diagnostics::from_error(
        format!("Unknown {kind} type {name:?}"),
        format!("This provider serves: {}.", known.join(", ")),
    )
}

fn server_capabilities() -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state: false,
        ..Default::default()
    }
}

/// Runs a fallible body that reports problems as diagnostics.
macro_rules! try_diag {
    ($expr:expr, $on_err:expr) => {
        match $expr {
            Ok(v) => v,
            Err(d) => return Ok(Response::new($on_err(Diagnostics::from(d)))),
        }
    };
}

#[tonic::async_trait]
impl pb::provider_server::Provider for ProviderService {
    async fn get_metadata(
        &self,
        _: Request<pb::get_metadata::Request>,
    ) -> Rpc<pb::get_metadata::Response> {
        log::trace("GetMetadata", &[]);
        Ok(Response::new(pb::get_metadata::Response {
            server_capabilities: Some(server_capabilities()),
            diagnostics: Vec::new(),
            data_sources: self
                .data_sources
                .keys()
                .map(|t| pb::get_metadata::DataSourceMetadata {
                    type_name: t.clone(),
                })
                .collect(),
            resources: self
                .resources
                .keys()
                .map(|t| pb::get_metadata::ResourceMetadata {
                    type_name: t.clone(),
                })
                .collect(),
            ..Default::default()
        }))
    }

    async fn get_schema(
        &self,
        _: Request<pb::get_provider_schema::Request>,
    ) -> Rpc<pb::get_provider_schema::Response> {
        log::trace("GetProviderSchema", &[]);
        Ok(Response::new(pb::get_provider_schema::Response {
            provider: Some(convert::schema(&self.provider_schema)),
            resource_schemas: self
                .resources
                .iter()
                .map(|(k, (_, s))| (k.clone(), convert::schema(s)))
                .collect(),
            data_source_schemas: self
                .data_sources
                .iter()
                .map(|(k, (_, s))| (k.clone(), convert::schema(s)))
                .collect(),
            diagnostics: Vec::new(),
            provider_meta: None,
            server_capabilities: Some(server_capabilities()),
            ..Default::default()
        }))
    }

    async fn prepare_provider_config(
        &self,
        req: Request<pb::prepare_provider_config::Request>,
    ) -> Rpc<pb::prepare_provider_config::Response> {
        log::trace("PrepareProviderConfig", &[]);
        let req = req.into_inner();
        let fail = |d: Diagnostics| pb::prepare_provider_config::Response {
            prepared_config: None,
            diagnostics: diagnostics(&d),
        };
        let ty = self.provider_schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let diags = self.provider.validate(&config).await;
        Ok(Response::new(pb::prepare_provider_config::Response {
            prepared_config: req.config,
            diagnostics: diagnostics(&diags),
        }))
    }

    async fn validate_resource_type_config(
        &self,
        req: Request<pb::validate_resource_type_config::Request>,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        let req = req.into_inner();
        log::trace(
            "ValidateResourceTypeConfig",
            &[("type_name", &req.type_name)],
        );
        let fail = |d: Diagnostics| pb::validate_resource_type_config::Response {
            diagnostics: diagnostics(&d),
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let caps = capabilities(req.client_capabilities.as_ref());
        let diags = resource
            .validate(ValidateRequest {
                config,
                capabilities: caps,
            })
            .await;
        Ok(Response::new(fail(diags)))
    }

    async fn validate_data_source_config(
        &self,
        req: Request<pb::validate_data_source_config::Request>,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        let req = req.into_inner();
        log::trace("ValidateDataSourceConfig", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::validate_data_source_config::Response {
            diagnostics: diagnostics(&d),
        };
        let (ds, schema) = try_diag!(self.data_source(&req.type_name), fail);
        let config = try_diag!(
            decode(req.config.as_ref(), &schema.block.implied_type()),
            fail
        );
        let diags = ds
            .validate(ValidateRequest {
                config,
                capabilities: Default::default(),
            })
            .await;
        Ok(Response::new(fail(diags)))
    }

    async fn upgrade_resource_state(
        &self,
        req: Request<pb::upgrade_resource_state::Request>,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        let req = req.into_inner();
        log::trace("UpgradeResourceState", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::upgrade_resource_state::Response {
            upgraded_state: None,
            diagnostics: diagnostics(&d),
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
            crate::cty::json::decode(&raw, &ty)
                .map_err(|e| convert::value_error("Cannot read stored state", e)),
            fail
        );
        schema.block.null_write_only(&mut value);
        let upgraded = try_diag!(encode(&value, &ty), fail);
        Ok(Response::new(pb::upgrade_resource_state::Response {
            upgraded_state: Some(upgraded),
            diagnostics: Vec::new(),
        }))
    }

    async fn configure(
        &self,
        req: Request<pb::configure::Request>,
    ) -> Rpc<pb::configure::Response> {
        let req = req.into_inner();
        log::debug(
            "Configure",
            &[("terraform_version", &req.terraform_version)],
        );
        let fail = |d: Diagnostics| pb::configure::Response {
            diagnostics: diagnostics(&d),
        };
        let ty = self.provider_schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let diags = self
            .provider
            .configure(ConfigureRequest {
                config,
                terraform_version: req.terraform_version,
                capabilities: capabilities(req.client_capabilities.as_ref()),
            })
            .await;
        Ok(Response::new(fail(diags)))
    }

    async fn read_resource(
        &self,
        req: Request<pb::read_resource::Request>,
    ) -> Rpc<pb::read_resource::Response> {
        let req = req.into_inner();
        log::trace("ReadResource", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::read_resource::Response {
            new_state: req.current_state.clone(),
            diagnostics: diagnostics(&d),
            private: req.private.clone(),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let current = try_diag!(decode(req.current_state.as_ref(), &ty), fail);
        if current.is_null() {
            return Ok(Response::new(fail(Diagnostics::new())));
        }
        let mut out = resource
            .read(ReadRequest {
                current_state: current,
                private: req.private.clone(),
            })
            .await;
        schema.block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, &ty), fail);
        Ok(Response::new(pb::read_resource::Response {
            new_state: Some(state),
            diagnostics: diagnostics(&out.diagnostics),
            private: out.private,
            ..Default::default()
        }))
    }

    async fn plan_resource_change(
        &self,
        req: Request<pb::plan_resource_change::Request>,
    ) -> Rpc<pb::plan_resource_change::Response> {
        let req = req.into_inner();
        log::trace("PlanResourceChange", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::plan_resource_change::Response {
            diagnostics: diagnostics(&d),
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
                ..Default::default()
            }));
        }
        let mut out = resource
            .plan(PlanRequest {
                prior_state: prior,
                proposed_new_state: proposed,
                config,
                prior_private: req.prior_private,
                capabilities: capabilities(req.client_capabilities.as_ref()),
            })
            .await;
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        schema.block.null_write_only(&mut out.planned_state);
        let planned = try_diag!(encode(&out.planned_state, &ty), fail);
        Ok(Response::new(pb::plan_resource_change::Response {
            planned_state: Some(planned),
            requires_replace: out.requires_replace.iter().map(convert::path).collect(),
            planned_private: out.planned_private,
            diagnostics: diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    async fn apply_resource_change(
        &self,
        req: Request<pb::apply_resource_change::Request>,
    ) -> Rpc<pb::apply_resource_change::Response> {
        let req = req.into_inner();
        log::trace("ApplyResourceChange", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::apply_resource_change::Response {
            new_state: req.prior_state.clone(),
            diagnostics: diagnostics(&d),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let prior = try_diag!(decode(req.prior_state.as_ref(), &ty), fail);
        let planned = try_diag!(decode(req.planned_state.as_ref(), &ty), fail);
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let mut out = resource
            .apply(ApplyRequest {
                prior_state: prior,
                planned_state: planned,
                config,
                planned_private: req.planned_private.clone(),
            })
            .await;
        schema.block.null_write_only(&mut out.new_state);
        let state = try_diag!(encode(&out.new_state, &ty), fail);
        Ok(Response::new(pb::apply_resource_change::Response {
            new_state: Some(state),
            private: out.private,
            diagnostics: diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }

    async fn import_resource_state(
        &self,
        req: Request<pb::import_resource_state::Request>,
    ) -> Rpc<pb::import_resource_state::Response> {
        let req = req.into_inner();
        log::trace("ImportResourceState", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::import_resource_state::Response {
            diagnostics: diagnostics(&d),
            ..Default::default()
        };
        let (resource, schema) = try_diag!(self.resource(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let out = resource.import(&req.id).await;
        let mut imported = Vec::new();
        for mut item in out.imported {
            schema.block.null_write_only(&mut item.state);
            let state = try_diag!(encode(&item.state, &ty), fail);
            imported.push(pb::import_resource_state::ImportedResource {
                type_name: req.type_name.clone(),
                state: Some(state),
                private: item.private,
                ..Default::default()
            });
        }
        Ok(Response::new(pb::import_resource_state::Response {
            imported_resources: imported,
            diagnostics: diagnostics(&out.diagnostics),
            deferred: None,
        }))
    }

    async fn read_data_source(
        &self,
        req: Request<pb::read_data_source::Request>,
    ) -> Rpc<pb::read_data_source::Response> {
        let req = req.into_inner();
        log::trace("ReadDataSource", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::read_data_source::Response {
            diagnostics: diagnostics(&d),
            ..Default::default()
        };
        let (ds, schema) = try_diag!(self.data_source(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let out = ds.read(config.clone()).await;
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        // Arguments the user set come back as they were; the data source fills the rest.
        let mut state = out.state;
        if let (Value::Object(cfg), Value::Object(st)) = (&config, &mut state) {
            for (k, v) in cfg.iter().filter(|(_, v)| !v.is_null()) {
                st.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let state = try_diag!(encode(&state, &ty), fail);
        Ok(Response::new(pb::read_data_source::Response {
            state: Some(state),
            diagnostics: diagnostics(&out.diagnostics),
            deferred: None,
        }))
    }

    async fn stop(&self, _: Request<pb::stop::Request>) -> Rpc<pb::stop::Response> {
        log::debug("Stop requested by Terraform", &[]);
        self.provider.stop().await;
        Ok(Response::new(pb::stop::Response {
            error: String::new(),
        }))
    }
}
