//! The gRPC trait, mapped onto the handlers: each RPC unwraps its request and runs its
//! handler in a span naming the RPC and the type (or function) it works on (`rpc_log.rs`).

use tonic::codegen::BoxStream;
use tonic::{Request, Response};
use tracing::Instrument;

use super::{rpc_log, ProviderService, Rpc};
use crate::proto::tfplugin5 as pb;

/// Runs `$handler` on the request `$req`, in the span `rpc_log::$span` makes of the RPC's
/// name and the request's `$field` (its type or function name).
macro_rules! on {
    ($self:ident, $req:ident, $span:ident($rpc:literal, $field:ident), $handler:ident) => {{
        let req = $req.into_inner();
        let span = rpc_log::$span($rpc, &req.$field);
        $self.$handler(req).instrument(span).await
    }};
}

/// Runs the provider-wide `$handler` on the request `$req`, in a span naming `$rpc`.
macro_rules! on_provider {
    ($self:ident, $req:ident, $rpc:literal, $handler:ident) => {{
        let req = $req.into_inner();
        $self
            .$handler(req)
            .instrument(rpc_log::provider($rpc))
            .await
    }};
}

/// Answers a schema request, logged at trace as `$rpc`.
macro_rules! schema_rpc {
    ($self:ident, $rpc:literal, $handler:ident) => {{
        rpc_log::provider($rpc).in_scope(|| {
            tracing::trace!($rpc);
            $self.$handler()
        })
    }};
}

type Req<T> = Request<T>;

#[tonic::async_trait]
impl pb::provider_server::Provider for ProviderService {
    async fn get_metadata(
        &self,
        _: Req<pb::get_metadata::Request>,
    ) -> Rpc<pb::get_metadata::Response> {
        schema_rpc!(self, "GetMetadata", metadata)
    }

    async fn get_schema(
        &self,
        _: Req<pb::get_provider_schema::Request>,
    ) -> Rpc<pb::get_provider_schema::Response> {
        schema_rpc!(self, "GetProviderSchema", provider_schema)
    }

    async fn get_resource_identity_schemas(
        &self,
        _: Req<pb::get_resource_identity_schemas::Request>,
    ) -> Rpc<pb::get_resource_identity_schemas::Response> {
        schema_rpc!(self, "GetResourceIdentitySchemas", identity_schemas)
    }

    async fn get_functions(
        &self,
        _: Req<pb::get_functions::Request>,
    ) -> Rpc<pb::get_functions::Response> {
        schema_rpc!(self, "GetFunctions", function_signatures)
    }

    async fn prepare_provider_config(
        &self,
        req: Req<pb::prepare_provider_config::Request>,
    ) -> Rpc<pb::prepare_provider_config::Response> {
        on_provider!(self, req, "PrepareProviderConfig", prepare_config)
    }

    async fn configure(&self, req: Req<pb::configure::Request>) -> Rpc<pb::configure::Response> {
        on_provider!(self, req, "ConfigureProvider", configure_provider)
    }

    async fn validate_resource_type_config(
        &self,
        req: Req<pb::validate_resource_type_config::Request>,
    ) -> Rpc<pb::validate_resource_type_config::Response> {
        on!(
            self,
            req,
            resource("ValidateResourceTypeConfig", type_name),
            validate_resource
        )
    }

    async fn upgrade_resource_state(
        &self,
        req: Req<pb::upgrade_resource_state::Request>,
    ) -> Rpc<pb::upgrade_resource_state::Response> {
        on!(
            self,
            req,
            resource("UpgradeResourceState", type_name),
            upgrade_state
        )
    }

    async fn upgrade_resource_identity(
        &self,
        req: Req<pb::upgrade_resource_identity::Request>,
    ) -> Rpc<pb::upgrade_resource_identity::Response> {
        on!(
            self,
            req,
            resource("UpgradeResourceIdentity", type_name),
            upgrade_identity
        )
    }

    async fn read_resource(
        &self,
        req: Req<pb::read_resource::Request>,
    ) -> Rpc<pb::read_resource::Response> {
        on!(self, req, resource("ReadResource", type_name), read)
    }

    async fn plan_resource_change(
        &self,
        req: Req<pb::plan_resource_change::Request>,
    ) -> Rpc<pb::plan_resource_change::Response> {
        on!(self, req, resource("PlanResourceChange", type_name), plan)
    }

    async fn apply_resource_change(
        &self,
        req: Req<pb::apply_resource_change::Request>,
    ) -> Rpc<pb::apply_resource_change::Response> {
        on!(self, req, resource("ApplyResourceChange", type_name), apply)
    }

    async fn import_resource_state(
        &self,
        req: Req<pb::import_resource_state::Request>,
    ) -> Rpc<pb::import_resource_state::Response> {
        on!(
            self,
            req,
            resource("ImportResourceState", type_name),
            import
        )
    }

    async fn move_resource_state(
        &self,
        req: Req<pb::move_resource_state::Request>,
    ) -> Rpc<pb::move_resource_state::Response> {
        on!(
            self,
            req,
            resource("MoveResourceState", target_type_name),
            move_state
        )
    }

    async fn generate_resource_config(
        &self,
        req: Req<pb::generate_resource_config::Request>,
    ) -> Rpc<pb::generate_resource_config::Response> {
        on!(
            self,
            req,
            resource("GenerateResourceConfig", type_name),
            generate_config
        )
    }

    async fn validate_data_source_config(
        &self,
        req: Req<pb::validate_data_source_config::Request>,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        on!(
            self,
            req,
            data_source("ValidateDataSourceConfig", type_name),
            validate_data_source
        )
    }

    async fn read_data_source(
        &self,
        req: Req<pb::read_data_source::Request>,
    ) -> Rpc<pb::read_data_source::Response> {
        on!(
            self,
            req,
            data_source("ReadDataSource", type_name),
            read_data
        )
    }

    async fn list_resource(
        &self,
        req: Req<pb::list_resource::Request>,
    ) -> Rpc<BoxStream<pb::list_resource::Event>> {
        on!(self, req, list_resource("ListResource", type_name), list)
    }

    async fn validate_list_resource_config(
        &self,
        req: Req<pb::validate_list_resource_config::Request>,
    ) -> Rpc<pb::validate_list_resource_config::Response> {
        on!(
            self,
            req,
            list_resource("ValidateListResourceConfig", type_name),
            validate_list
        )
    }

    async fn validate_ephemeral_resource_config(
        &self,
        req: Req<pb::validate_ephemeral_resource_config::Request>,
    ) -> Rpc<pb::validate_ephemeral_resource_config::Response> {
        on!(
            self,
            req,
            ephemeral("ValidateEphemeralResourceConfig", type_name),
            validate_ephemeral
        )
    }

    async fn open_ephemeral_resource(
        &self,
        req: Req<pb::open_ephemeral_resource::Request>,
    ) -> Rpc<pb::open_ephemeral_resource::Response> {
        on!(
            self,
            req,
            ephemeral("OpenEphemeralResource", type_name),
            open_ephemeral
        )
    }

    async fn renew_ephemeral_resource(
        &self,
        req: Req<pb::renew_ephemeral_resource::Request>,
    ) -> Rpc<pb::renew_ephemeral_resource::Response> {
        on!(
            self,
            req,
            ephemeral("RenewEphemeralResource", type_name),
            renew_ephemeral
        )
    }

    async fn close_ephemeral_resource(
        &self,
        req: Req<pb::close_ephemeral_resource::Request>,
    ) -> Rpc<pb::close_ephemeral_resource::Response> {
        on!(
            self,
            req,
            ephemeral("CloseEphemeralResource", type_name),
            close_ephemeral
        )
    }

    async fn call_function(
        &self,
        req: Req<pb::call_function::Request>,
    ) -> Rpc<pb::call_function::Response> {
        on!(self, req, function("CallFunction", name), call)
    }

    async fn validate_action_config(
        &self,
        req: Req<pb::validate_action_config::Request>,
    ) -> Rpc<pb::validate_action_config::Response> {
        on!(
            self,
            req,
            action("ValidateActionConfig", action_type),
            validate_action
        )
    }

    async fn plan_action(
        &self,
        req: Req<pb::plan_action::Request>,
    ) -> Rpc<pb::plan_action::Response> {
        on!(
            self,
            req,
            action("PlanAction", action_type),
            plan_invocation
        )
    }

    async fn invoke_action(
        &self,
        req: Req<pb::invoke_action::Request>,
    ) -> Rpc<BoxStream<pb::invoke_action::Event>> {
        on!(self, req, action("InvokeAction", action_type), invoke)
    }

    async fn stop(&self, _: Req<pb::stop::Request>) -> Rpc<pb::stop::Response> {
        tracing::debug!(tf_rpc = "StopProvider", "Stop requested by Terraform");
        self.provider.stop().await;
        Ok(Response::new(pb::stop::Response::default()))
    }
}
