//! The data source RPCs: validate and read. Arguments the user set come back as they were;
//! the data source fills in the rest.

use std::sync::Arc;

use tonic::Response;

use super::{try_diag, unknown_type, ProviderService, Rpc};
use crate::capabilities::ClientCapabilities;
use crate::cty::Value;
use crate::data_source::{DataSource, DataSourceRequest};
use crate::diagnostic::Diagnostics;
use crate::dynamic_value::{decode, encode};
use crate::log;
use crate::proto::tfplugin5 as pb;
use crate::resource::ValidateRequest;
use crate::schema::Schema;
use crate::validator::validate_block;

impl ProviderService {
    fn data_source(&self, name: &str) -> Result<&(Arc<dyn DataSource>, Schema), Diagnostics> {
        self.data_sources
            .get(name)
            .ok_or_else(|| unknown_type("data source", name, self.data_sources.keys()))
    }

    pub(super) async fn validate_data_source(
        &self,
        req: pb::validate_data_source_config::Request,
    ) -> Rpc<pb::validate_data_source_config::Response> {
        log::trace("ValidateDataSourceConfig", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::validate_data_source_config::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (ds, schema) = try_diag!(self.data_source(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let mut diags = validate_block(&schema.block, &config);
        let request = ValidateRequest::new(config, ClientCapabilities::default());
        diags.extend(ds.validate(request).await);
        Ok(Response::new(fail(diags)))
    }

    pub(super) async fn read_data(
        &self,
        req: pb::read_data_source::Request,
    ) -> Rpc<pb::read_data_source::Response> {
        log::trace("ReadDataSource", &[("type_name", &req.type_name)]);
        let fail = |d: Diagnostics| pb::read_data_source::Response {
            diagnostics: d.to_wire(),
            ..Default::default()
        };
        let (ds, schema) = try_diag!(self.data_source(&req.type_name), fail);
        let ty = schema.block.implied_type();
        let config = try_diag!(decode(req.config.as_ref(), &ty), fail);
        let mut request = DataSourceRequest::new(config.clone());
        request.capabilities = ClientCapabilities::from_wire(req.client_capabilities.as_ref());
        let out = try_diag!(ds.read(request).await, fail);
        if out.diagnostics.has_errors() {
            return Ok(Response::new(fail(out.diagnostics)));
        }
        let mut state = out.state;
        if let (Value::Object(cfg), Value::Object(st)) = (&config, &mut state) {
            for (k, v) in cfg.iter().filter(|(_, v)| !v.is_null()) {
                st.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let state = try_diag!(encode(&state, &ty), fail);
        Ok(Response::new(pb::read_data_source::Response {
            state: Some(state),
            diagnostics: out.diagnostics.to_wire(),
            ..Default::default()
        }))
    }
}
