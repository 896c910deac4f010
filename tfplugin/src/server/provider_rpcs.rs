//! The provider's own RPCs: PrepareProviderConfig (declared validators, then the provider's
//! own check, if it has one) and ConfigureProvider.

use tonic::Response;

use super::{try_diag, validate, ProviderService, Rpc};
use crate::diagnostic::Diagnostics;
use crate::proto::tfplugin5 as pb;
use crate::provider::ConfigureRequest;
use crate::wire::dynamic_value::decode;
use crate::wire::{from_proto, to_proto};

impl ProviderService {
    pub(super) async fn prepare_config(
        &self,
        req: pb::prepare_provider_config::Request,
    ) -> Rpc<pb::prepare_provider_config::Response> {
        tracing::trace!("PrepareProviderConfig");
        let fail = |d: Diagnostics| pb::prepare_provider_config::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let typed = &self.provider_schema;
        let config = try_diag!(decode(req.config.as_ref(), &typed.ty), fail);
        let check = self.provider.as_validate_config();
        let diags = validate(typed, config, Default::default(), check).await;
        Ok(Response::new(pb::prepare_provider_config::Response {
            prepared_config: req.config,
            diagnostics: to_proto::diagnostics(&diags),
            ..Default::default()
        }))
    }

    pub(super) async fn configure_provider(
        &self,
        req: pb::configure::Request,
    ) -> Rpc<pb::configure::Response> {
        tracing::debug!(terraform_version = %req.terraform_version, "ConfigureProvider");
        let fail = |d: Diagnostics| pb::configure::Response {
            diagnostics: to_proto::diagnostics(&d),
            ..Default::default()
        };
        let typed = &self.provider_schema;
        let config = try_diag!(decode(req.config.as_ref(), &typed.ty), fail);
        let mut request = ConfigureRequest::new(config, req.terraform_version);
        request.capabilities = from_proto::client_capabilities(req.client_capabilities.as_ref());
        request.typing = typed.typing.clone();
        Ok(Response::new(fail(self.provider.configure(request).await)))
    }
}
