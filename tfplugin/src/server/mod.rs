//! The `tfplugin5.Provider` gRPC service, mapped onto the typed traits.
//!
//! Every request is decoded with the schema of its type, handed to the implementation as
//! plain [`crate::Value`]s, and the answer encoded back. Duties common to every type live
//! here (resources in `resource_rpcs.rs`, data sources in `data_rpcs.rs`, list resources and
//! identities in `list_rpcs.rs`). RPCs nobody implements answer Unimplemented through the
//! generated defaults; those Terraform calls anyway answer empty (GetFunctions,
//! GetResourceIdentitySchemas). Values are never logged.

mod data_rpcs;
mod list_rpcs;
mod resource_rpcs;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tonic::codegen::BoxStream;
use tonic::{Request, Response, Status};

use crate::capabilities::server_capabilities;
use crate::data_source::DataSource;
use crate::diagnostic::Diagnostics;
use crate::dynamic_value::decode;
use crate::list::ListResource;
use crate::log;
use crate::proto::tfplugin5 as pb;
use crate::provider::{ConfigureRequest, Provider};
use crate::resource::{Resource, ValidateRequest};
use crate::schema::Schema;
use crate::validator::validate_block;
use crate::ClientCapabilities;

type Rpc<T> = Result<Response<T>, Status>;

/// Serves one provider implementation over the protocol.
pub struct ProviderService {
    provider: Arc<dyn Provider>,
    provider_schema: Schema,
    resources: BTreeMap<String, (Arc<dyn Resource>, Schema)>,
    data_sources: BTreeMap<String, (Arc<dyn DataSource>, Schema)>,
    list_resources: BTreeMap<String, (Arc<dyn ListResource>, Schema)>,
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
        let list_resources = provider
            .list_resources()
            .into_iter()
            .map(|l| (l.type_name().to_string(), (l.clone(), l.schema())))
            .collect();
        ProviderService {
            provider_schema: provider.schema(),
            provider,
            resources,
            data_sources,
            list_resources,
        }
    }

    fn resource(&self, name: &str) -> Result<&(Arc<dyn Resource>, Schema), Diagnostics> {
        self.resources
            .get(name)
            .ok_or_else(|| unknown_type("resource", name, self.resources.keys()))
    }

    fn capabilities(&self) -> pb::ServerCapabilities {
        server_capabilities(!self.list_resources.is_empty())
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

/// Runs a fallible body that reports problems as diagnostics.
macro_rules! try_diag {
    ($expr:expr, $on_err:expr) => {
        match $expr {
            Ok(v) => v,
            Err(d) => return Ok(Response::new($on_err(Diagnostics::from(d)))),
        }
    };
}
pub(crate) use try_diag;

fn wire<T>(types: &BTreeMap<String, (T, Schema)>) -> HashMap<String, pb::Schema> {
    types
        .iter()
        .map(|(k, (_, s))| (k.clone(), s.to_wire()))
        .collect()
}

fn type_names<T>(map: &BTreeMap<String, T>) -> impl Iterator<Item = String> + '_ {
    map.keys().cloned()
}

#[tonic::async_trait]
impl pb::provider_server::Provider for ProviderService {
    async fn get_metadata(
        &self,
        _: Request<pb::get_metadata::Request>,
    ) -> Rpc<pb::get_metadata::Response> {
        log::trace("GetMetadata", &[]);
        Ok(Response::new(pb::get_metadata::Response {
            server_capabilities: Some(self.capabilities()),
            data_sources: type_names(&self.data_sources)
                .map(|type_name| pb::get_metadata::DataSourceMetadata { type_name })
                .collect(),
            resources: type_names(&self.resources)
                .map(|type_name| pb::get_metadata::ResourceMetadata { type_name })
                .collect(),
            list_resources: type_names(&self.list_resources)
                .map(|type_name| pb::get_metadata::ListResourceMetadata { type_name })
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
            provider: Some(self.provider_schema.to_wire()),
            resource_schemas: wire(&self.resources),
            data_source_schemas: wire(&self.data_sources),
            list_resource_schemas: wire(&self.list_resources),
            server_capabilities: Some(self.capabilities()),
            ..Default::default()
        }))
    }

    async fn get_resource_identity_schemas(
        &self,
        _: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Rpc<pb::get_resource_identity_schemas::Response> {
        log::trace("GetResourceIdentitySchemas", &[]);
        Ok(Response::new(pb::get_resource_identity_schemas::Response {
            identity_schemas: self
                .resources
                .iter()
                .filter_map(|(k, (r, _))| Some((k.clone(), r.identity_schema()?.to_wire())))
                .collect(),
            ..Default::default()
        }))
    }

    async fn get_functions(
        &self,
        _: Request<pb::get_functions::Request>,
    ) -> Rpc<pb::get_functions::Response> {
        log::trace("GetFunctions", &[]);
        Ok(Response::new(pb::get_functions::Response::default()))
    }

    async fn prepare_provider_config(
        &self,
        req: Request<pb::prepare_provider_config::Request>,
    ) -> Rpc<pb::prepare_provider_config::Response> {
        log::trace("PrepareProviderConfig", &[]);
        let req = req.into_inner();
        let fail = |d: Diagnostics| pb::prepare_provider_config::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let ty = self.provider_schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let mut diags = validate_block(&self.provider_schema.block, &config);
        let request = ValidateRequest::new(config, ClientCapabilities::default());
        diags.extend(self.provider.validate(request).await);
        Ok(Response::new(pb::prepare_provider_config::Response {
            prepared_config: req.config,
            diagnostics: diags.to_wire(),
            ..Default::default()
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
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let ty = self.provider_schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let mut request = ConfigureRequest::new(config, req.terraform_version);
        request.capabilities = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        Ok(Response::new(fail(self.provider.configure(request).await)))
    }

    async fn validate_resource_type_config(
        &self,
        req: Request<pb::validate_resource_type_config::Request>,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        self.validate_resource(req.into_inner()).await
    }

    async fn upgrade_resource_state(
        &self,
        req: Request<pb::upgrade_resource_state::Request>,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        self.upgrade_state(req.into_inner()).await
    }

    async fn upgrade_resource_identity(
        &self,
        req: Request<pb::upgrade_resource_identity::Request>,
    ) -> Rpc<pb::upgrade_resource_identity::Response> {
        self.upgrade_identity(req.into_inner()).await
    }

    async fn read_resource(
        &self,
        req: Request<pb::read_resource::Request>,
    ) -> Rpc<pb::read_resource::Response> {
        self.read(req.into_inner()).await
    }

    async fn plan_resource_change(
        &self,
        req: Request<pb::plan_resource_change::Request>,
    ) -> Rpc<pb::plan_resource_change::Response> {
        self.plan(req.into_inner()).await
    }

    async fn apply_resource_change(
        &self,
        req: Request<pb::apply_resource_change::Request>,
    ) -> Rpc<pb::apply_resource_change::Response> {
        self.apply(req.into_inner()).await
    }

    async fn import_resource_state(
        &self,
        req: Request<pb::import_resource_state::Request>,
    ) -> Rpc<pb::import_resource_state::Response> {
        self.import(req.into_inner()).await
    }

    async fn generate_resource_config(
        &self,
        req: Request<pb::generate_resource_config::Request>,
    ) -> Rpc<pb::generate_resource_config::Response> {
        self.generate_config(req.into_inner()).await
    }

    async fn validate_data_source_config(
        &self,
        req: Request<pb::validate_data_source_config::Request>,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        self.validate_data_source(req.into_inner()).await
    }

    async fn read_data_source(
        &self,
        req: Request<pb::read_data_source::Request>,
    ) -> Rpc<pb::read_data_source::Response> {
        self.read_data(req.into_inner()).await
    }

    async fn list_resource(
        &self,
        req: Request<pb::list_resource::Request>,
    ) -> Rpc<BoxStream<pb::list_resource::Event>> {
        self.list(req.into_inner()).await
    }

    async fn validate_list_resource_config(
        &self,
        req: Request<pb::validate_list_resource_config::Request>,
    ) -> Rpc<pb::validate_list_resource_config::Response> {
        self.validate_list(req.into_inner()).await
    }

    async fn stop(&self, _: Request<pb::stop::Request>) -> Rpc<pb::stop::Response> {
        log::debug("Stop requested by Terraform", &[]);
        self.provider.stop().await;
        Ok(Response::new(pb::stop::Response {
            error: String::new(),
            ..Default::default()
        }))
    }
}

#[cfg(test)]
mod tests;
