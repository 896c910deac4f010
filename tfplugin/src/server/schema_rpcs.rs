//! What the provider serves, as Terraform asks for it: GetMetadata (the type names of every
//! kind), GetProviderSchema (every schema and function signature, and the server
//! capabilities; Terraform reads functions from here, not from GetFunctions),
//! GetFunctions, and GetResourceIdentitySchemas. Disagreements between declared models and
//! schemas found at start answer each as errors.

use std::collections::{BTreeMap, HashMap};

use tonic::Response;

use super::{resource_calls, Entry, ProviderService, Rpc};
use crate::proto::tfplugin5 as pb;
use crate::wire::to_proto;

fn schemas<T: ?Sized>(types: &BTreeMap<String, Entry<T>>) -> HashMap<String, pb::Schema> {
    types
        .iter()
        .map(|(k, e)| (k.clone(), to_proto::schema(&e.typed.schema)))
        .collect()
}

fn names<T, M>(map: &BTreeMap<String, T>, metadata: impl Fn(String) -> M) -> Vec<M> {
    map.keys().cloned().map(metadata).collect()
}

impl ProviderService {
    fn functions_wire(&self) -> HashMap<String, pb::Function> {
        self.functions
            .iter()
            .map(|(k, f)| (k.clone(), to_proto::function(&f.signature)))
            .collect()
    }

    pub(super) fn metadata(&self) -> Rpc<pb::get_metadata::Response> {
        use pb::get_metadata as m;
        Ok(Response::new(m::Response {
            server_capabilities: Some(self.capabilities()),
            data_sources: names(&self.data_sources, |type_name| m::DataSourceMetadata {
                type_name,
            }),
            resources: names(&self.resources, |type_name| m::ResourceMetadata {
                type_name,
            }),
            list_resources: names(&self.list_resources, |type_name| m::ListResourceMetadata {
                type_name,
            }),
            ephemeral_resources: names(&self.ephemeral_resources, |type_name| {
                m::EphemeralResourceMetadata { type_name }
            }),
            actions: names(&self.actions, |type_name| m::ActionMetadata { type_name }),
            functions: names(&self.functions, |name| m::FunctionMetadata { name }),
            diagnostics: to_proto::diagnostics(&self.model_errors),
            ..Default::default()
        }))
    }

    pub(super) fn provider_schema(&self) -> Rpc<pb::get_provider_schema::Response> {
        let actions = self
            .actions
            .iter()
            .map(|(k, e)| {
                let schema = Some(to_proto::schema(&e.typed.schema));
                (k.clone(), pb::ActionSchema { schema })
            })
            .collect();
        Ok(Response::new(pb::get_provider_schema::Response {
            provider: Some(to_proto::schema(&self.provider_schema.schema)),
            resource_schemas: schemas(&self.resources),
            data_source_schemas: schemas(&self.data_sources),
            list_resource_schemas: schemas(&self.list_resources),
            ephemeral_resource_schemas: schemas(&self.ephemeral_resources),
            action_schemas: actions,
            functions: self.functions_wire(),
            server_capabilities: Some(self.capabilities()),
            diagnostics: to_proto::diagnostics(&self.model_errors),
            ..Default::default()
        }))
    }

    pub(super) fn function_signatures(&self) -> Rpc<pb::get_functions::Response> {
        Ok(Response::new(pb::get_functions::Response {
            functions: self.functions_wire(),
            diagnostics: to_proto::diagnostics(&self.model_errors),
            ..Default::default()
        }))
    }

    pub(super) fn identity_schemas(&self) -> Rpc<pb::get_resource_identity_schemas::Response> {
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
}
