//! The data source RPCs: validate and read. Arguments the user set come back as they were;
//! the data source fills in the rest.

use tonic::Response;

use super::rpc_log;

use super::{keep_configured, try_diag, unknown_type, validate, Entry, ProviderService, Rpc};
use crate::data_source::{DataSource, DataSourceRequest};
use crate::diagnostic::Diagnostics;
use crate::proto::tfplugin5 as pb;
use crate::wire::dynamic_value::{decode, encode};
use crate::wire::{from_proto, to_proto};

impl ProviderService {
    fn data_source(&self, name: &str) -> Result<&Entry<dyn DataSource>, Diagnostics> {
        self.data_sources
            .get(name)
            .ok_or_else(|| unknown_type("data source", name, self.data_sources.keys()))
    }

    pub(super) async fn validate_data_source(
        &self,
        req: pb::validate_data_source_config::Request,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        let fail = |d: Diagnostics| pb::validate_data_source_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.data_source(&req.type_name), fail);
        let config = try_diag!(decode(req.config.as_ref(), &entry.typed.ty), fail);
        rpc_log::begin(
            "ValidateDataSourceConfig",
            &entry.typed.schema.block,
            &[&config],
        );
        let check = entry.imp.as_validate_config();
        let diags = validate(&entry.typed, config, Default::default(), check).await;
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn read_data(
        &self,
        req: pb::read_data_source::Request,
    ) -> Rpc<pb::read_data_source::Response> {
        let fail = |d: Diagnostics| pb::read_data_source::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let entry = try_diag!(self.data_source(&req.type_name), fail);
        let ty = &entry.typed.ty;
        let config = try_diag!(decode(req.config.as_ref(), ty), fail);
        rpc_log::begin("ReadDataSource", &entry.typed.schema.block, &[&config]);
        let mut request = DataSourceRequest::new(config.clone());
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.typing = entry.typed.typing.clone();
        let out = try_diag!(entry.imp.read(request).await, fail);
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        let mut state = out.state;
        keep_configured(&config, &mut state);
        let state = try_diag!(encode(&state, ty), fail);
        Ok(Response::new(pb::read_data_source::Response {
            state: Some(state),
            diagnostics: to_proto::diagnostics(&out.diagnostics),
            ..Default::default()
        }))
    }
}
