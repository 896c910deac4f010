//! The `tfplugin5.Provider` gRPC service, mapped onto the traits.
//!
//! Every request is decoded with the schema of its type, handed to the implementation as
//! values (with the schema, for typed models), and the answer encoded back.
//! Models declared on schemas are checked once, at start, and disagreements answer every
//! schema request. Duties common to every type live here (the provider's configuration in
//! `provider_rpcs.rs`, resources in `resource_rpcs.rs` through `resource_calls.rs`, data sources in `data_rpcs.rs`, list
//! resources and identities in `list_rpcs.rs`). RPCs nobody implements answer Unimplemented
//! through the generated defaults; those Terraform calls anyway answer empty (GetFunctions,
//! GetResourceIdentitySchemas). Each RPC runs in a span naming it, its type and the ID it
//! works on (`rpc_log.rs`). Values are never logged.

mod data_rpcs;
mod list_rpcs;
mod provider_rpcs;
mod resource_calls;
mod resource_rpcs;
mod rpc_log;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tonic::codegen::BoxStream;
use tonic::{Request, Response, Status};
use tracing::Instrument;

use crate::cty::Type;
use crate::data_source::DataSource;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::list::ListResource;
use crate::proto::tfplugin5 as pb;
use crate::provider::Provider;
use crate::resource::Resource;
use crate::schema::{Schema, Typing};
use crate::wire::to_proto;

type Rpc<T> = Result<Response<T>, Status>;

/// A schema with what the server derives from it once: its object type, and the typing
/// requests carry for `to_model` and `to_value`.
struct Typed {
    schema: Schema,
    ty: Type,
    typing: Typing,
}

impl Typed {
    fn new(schema: Schema) -> Self {
        Typed {
            ty: schema.block.implied_type(),
            typing: Typing::of_block(&schema.block),
            schema,
        }
    }
}

/// One type the provider serves, with its schema.
struct Entry<T: ?Sized> {
    imp: Arc<T>,
    typed: Typed,
}

fn entries<T: ?Sized>(
    items: Vec<Arc<T>>,
    name: impl Fn(&T) -> &'static str,
    schema: impl Fn(&T) -> Schema,
) -> BTreeMap<String, Entry<T>> {
    items
        .into_iter()
        .map(|imp| {
            let typed = Typed::new(schema(&imp));
            (name(&imp).to_string(), Entry { imp, typed })
        })
        .collect()
}

/// Serves one provider implementation over the protocol.
pub(crate) struct ProviderService {
    provider: Arc<dyn Provider>,
    provider_schema: Typed,
    resources: BTreeMap<String, Entry<dyn Resource>>,
    data_sources: BTreeMap<String, Entry<dyn DataSource>>,
    list_resources: BTreeMap<String, Entry<dyn ListResource>>,
    /// Disagreements between declared models and their schemas, found at start.
    model_errors: Diagnostics,
}

impl ProviderService {
    /// Collects the provider's types and schemas once, and checks their declared models.
    pub(crate) fn new(provider: Arc<dyn Provider>) -> Self {
        let mut service = ProviderService {
            provider_schema: Typed::new(provider.schema()),
            resources: entries(provider.resources(), |r| r.type_name(), |r| r.schema()),
            data_sources: entries(provider.data_sources(), |d| d.type_name(), |d| d.schema()),
            list_resources: entries(provider.list_resources(), |l| l.type_name(), |l| l.schema()),
            provider,
            model_errors: Diagnostics::new(),
        };
        service.model_errors = service.check_models();
        service
    }

    fn check_models(&self) -> Diagnostics {
        let schemas = std::iter::once(("provider", &self.provider_schema))
            .chain(self.resources.iter().map(|(k, e)| (k.as_str(), &e.typed)))
            .chain(
                self.data_sources
                    .iter()
                    .map(|(k, e)| (k.as_str(), &e.typed)),
            )
            .chain(
                self.list_resources
                    .iter()
                    .map(|(k, e)| (k.as_str(), &e.typed)),
            );
        let mut diags = Diagnostics::new();
        for (owner, typed) in schemas {
            for (model, error) in typed.schema.check_models() {
                tracing::error!(type_name = owner, model, "model and schema disagree");
                diags.push(Diagnostic::error(
                    "Provider model and schema disagree",
                    format!(
                        "The schema of {owner} and its model {model} disagree: {error}. This \
                         is a bug in the provider; please report it."
                    ),
                ));
            }
        }
        diags
    }

    fn resource(&self, name: &str) -> Result<&Entry<dyn Resource>, Diagnostics> {
        self.resources
            .get(name)
            .ok_or_else(|| unknown_type("resource", name, self.resources.keys()))
    }

    fn capabilities(&self) -> pb::ServerCapabilities {
        to_proto::server_capabilities(!self.list_resources.is_empty())
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

fn wire<T: ?Sized>(types: &BTreeMap<String, Entry<T>>) -> HashMap<String, pb::Schema> {
    types
        .iter()
        .map(|(k, e)| (k.clone(), to_proto::schema(&e.typed.schema)))
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
        tracing::trace!(tf_rpc = "GetMetadata", "GetMetadata");
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
            diagnostics: to_proto::diagnostics(&self.model_errors),
            ..Default::default()
        }))
    }

    async fn get_schema(
        &self,
        _: Request<pb::get_provider_schema::Request>,
    ) -> Rpc<pb::get_provider_schema::Response> {
        tracing::trace!(tf_rpc = "GetProviderSchema", "GetProviderSchema");
        Ok(Response::new(pb::get_provider_schema::Response {
            provider: Some(to_proto::schema(&self.provider_schema.schema)),
            resource_schemas: wire(&self.resources),
            data_source_schemas: wire(&self.data_sources),
            list_resource_schemas: wire(&self.list_resources),
            server_capabilities: Some(self.capabilities()),
            diagnostics: to_proto::diagnostics(&self.model_errors),
            ..Default::default()
        }))
    }

    async fn get_resource_identity_schemas(
        &self,
        _: Request<pb::get_resource_identity_schemas::Request>,
    ) -> Rpc<pb::get_resource_identity_schemas::Response> {
        tracing::trace!(
            tf_rpc = "GetResourceIdentitySchemas",
            "GetResourceIdentitySchemas"
        );
        Ok(Response::new(pb::get_resource_identity_schemas::Response {
            identity_schemas: self
                .resources
                .iter()
                .filter_map(|(k, e)| {
                    let schema = resource_calls::identity_schema(e.imp.as_ref())?;
                    Some((k.clone(), to_proto::identity_schema(&schema)))
                })
                .collect(),
            ..Default::default()
        }))
    }

    async fn get_functions(
        &self,
        _: Request<pb::get_functions::Request>,
    ) -> Rpc<pb::get_functions::Response> {
        tracing::trace!(tf_rpc = "GetFunctions", "GetFunctions");
        Ok(Response::new(pb::get_functions::Response::default()))
    }

    async fn prepare_provider_config(
        &self,
        req: Request<pb::prepare_provider_config::Request>,
    ) -> Rpc<pb::prepare_provider_config::Response> {
        let req = req.into_inner();
        self.prepare_config(req)
            .instrument(rpc_log::provider("PrepareProviderConfig"))
            .await
    }

    async fn configure(
        &self,
        req: Request<pb::configure::Request>,
    ) -> Rpc<pb::configure::Response> {
        let req = req.into_inner();
        self.configure_provider(req)
            .instrument(rpc_log::provider("ConfigureProvider"))
            .await
    }

    async fn validate_resource_type_config(
        &self,
        req: Request<pb::validate_resource_type_config::Request>,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("ValidateResourceTypeConfig", &req.type_name);
        self.validate_resource(req).instrument(span).await
    }

    async fn upgrade_resource_state(
        &self,
        req: Request<pb::upgrade_resource_state::Request>,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("UpgradeResourceState", &req.type_name);
        self.upgrade_state(req).instrument(span).await
    }

    async fn upgrade_resource_identity(
        &self,
        req: Request<pb::upgrade_resource_identity::Request>,
    ) -> Rpc<pb::upgrade_resource_identity::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("UpgradeResourceIdentity", &req.type_name);
        self.upgrade_identity(req).instrument(span).await
    }

    async fn read_resource(
        &self,
        req: Request<pb::read_resource::Request>,
    ) -> Rpc<pb::read_resource::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("ReadResource", &req.type_name);
        self.read(req).instrument(span).await
    }

    async fn plan_resource_change(
        &self,
        req: Request<pb::plan_resource_change::Request>,
    ) -> Rpc<pb::plan_resource_change::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("PlanResourceChange", &req.type_name);
        self.plan(req).instrument(span).await
    }

    async fn apply_resource_change(
        &self,
        req: Request<pb::apply_resource_change::Request>,
    ) -> Rpc<pb::apply_resource_change::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("ApplyResourceChange", &req.type_name);
        self.apply(req).instrument(span).await
    }

    async fn import_resource_state(
        &self,
        req: Request<pb::import_resource_state::Request>,
    ) -> Rpc<pb::import_resource_state::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("ImportResourceState", &req.type_name);
        self.import(req).instrument(span).await
    }

    async fn generate_resource_config(
        &self,
        req: Request<pb::generate_resource_config::Request>,
    ) -> Rpc<pb::generate_resource_config::Response> {
        let req = req.into_inner();
        let span = rpc_log::resource("GenerateResourceConfig", &req.type_name);
        self.generate_config(req).instrument(span).await
    }

    async fn validate_data_source_config(
        &self,
        req: Request<pb::validate_data_source_config::Request>,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        let req = req.into_inner();
        let span = rpc_log::data_source("ValidateDataSourceConfig", &req.type_name);
        self.validate_data_source(req).instrument(span).await
    }

    async fn read_data_source(
        &self,
        req: Request<pb::read_data_source::Request>,
    ) -> Rpc<pb::read_data_source::Response> {
        let req = req.into_inner();
        let span = rpc_log::data_source("ReadDataSource", &req.type_name);
        self.read_data(req).instrument(span).await
    }

    async fn list_resource(
        &self,
        req: Request<pb::list_resource::Request>,
    ) -> Rpc<BoxStream<pb::list_resource::Event>> {
        let req = req.into_inner();
        let span = rpc_log::list_resource("ListResource", &req.type_name);
        self.list(req).instrument(span).await
    }

    async fn validate_list_resource_config(
        &self,
        req: Request<pb::validate_list_resource_config::Request>,
    ) -> Rpc<pb::validate_list_resource_config::Response> {
        let req = req.into_inner();
        let span = rpc_log::list_resource("ValidateListResourceConfig", &req.type_name);
        self.validate_list(req).instrument(span).await
    }

    async fn stop(&self, _: Request<pb::stop::Request>) -> Rpc<pb::stop::Response> {
        tracing::debug!(tf_rpc = "StopProvider", "Stop requested by Terraform");
        self.provider.stop().await;
        Ok(Response::new(pb::stop::Response {
            error: String::new(),
            ..Default::default()
        }))
    }
}

#[cfg(test)]
mod tests;
