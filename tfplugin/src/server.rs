//! The `tfplugin5.Provider` gRPC service, mapped onto the traits.
//!
//! Every request is decoded with the schema of its type, handed to the implementation as
//! values (with the schema, for typed models), and the answer encoded back. Models declared
//! on schemas are checked once, at start, and disagreements answer every schema request.
//!
//! `grpc.rs` maps each RPC to its handler, in a span naming it, its type and the ID it works
//! on (`rpc_log.rs`; values are never logged). The handlers, by kind: the schemas and
//! metadata in `schema_rpcs.rs`, the provider's configuration in `provider_rpcs.rs`,
//! resources in `resource_rpcs.rs` through `resource_calls.rs` and their moves across types
//! in `move_rpcs.rs`, data sources in `data_rpcs.rs`, list resources in `list_rpcs.rs`,
//! ephemeral resources in `ephemeral_rpcs.rs`, actions in `action_rpcs.rs`, functions in
//! `function_rpcs.rs`. Every RPC of protocol 5.10 has a handler; Unimplemented answers only
//! what a newer protocol adds, through the generated defaults.

mod action_rpcs;
mod data_rpcs;
mod ephemeral_rpcs;
mod function_rpcs;
mod grpc;
mod list_rpcs;
mod move_rpcs;
mod provider_rpcs;
mod resource_calls;
mod resource_rpcs;
mod rpc_log;
mod schema_rpcs;

use std::collections::BTreeMap;
use std::sync::Arc;

use tonic::{Response, Status};

use crate::action::Action;
use crate::capabilities::ClientCapabilities;
use crate::cty::{Type, Value};
use crate::data_source::DataSource;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ephemeral::EphemeralResource;
use crate::function::{Function, FunctionSignature};
use crate::list::ListResource;
use crate::proto::tfplugin5 as pb;
use crate::provider::Provider;
use crate::resource::Resource;
use crate::schema::{validate_block, Schema, Typing};
use crate::validate_config::{ValidateConfig, ValidateRequest};
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

/// A function with its signature.
struct FunctionEntry {
    imp: Arc<dyn Function>,
    signature: FunctionSignature,
}

/// Serves one provider implementation over the protocol.
pub(crate) struct ProviderService {
    provider: Arc<dyn Provider>,
    provider_schema: Typed,
    resources: BTreeMap<String, Entry<dyn Resource>>,
    data_sources: BTreeMap<String, Entry<dyn DataSource>>,
    list_resources: BTreeMap<String, Entry<dyn ListResource>>,
    ephemeral_resources: BTreeMap<String, Entry<dyn EphemeralResource>>,
    actions: BTreeMap<String, Entry<dyn Action>>,
    functions: BTreeMap<String, FunctionEntry>,
    /// Disagreements between declared models and their schemas, found at start.
    model_errors: Diagnostics,
}

impl ProviderService {
    /// Collects the provider's types and schemas once, and checks their declared models.
    pub(crate) fn new(provider: Arc<dyn Provider>) -> Self {
        let functions = provider
            .functions()
            .into_iter()
            .map(|imp| {
                let signature = imp.signature();
                (imp.name().to_string(), FunctionEntry { imp, signature })
            })
            .collect();
        let mut service = ProviderService {
            provider_schema: Typed::new(provider.schema()),
            resources: entries(provider.resources(), |r| r.type_name(), |r| r.schema()),
            data_sources: entries(provider.data_sources(), |d| d.type_name(), |d| d.schema()),
            list_resources: entries(provider.list_resources(), |l| l.type_name(), |l| l.schema()),
            ephemeral_resources: entries(
                provider.ephemeral_resources(),
                |e| e.type_name(),
                |e| e.schema(),
            ),
            actions: entries(provider.actions(), |a| a.type_name(), |a| a.schema()),
            functions,
            provider,
            model_errors: Diagnostics::new(),
        };
        service.model_errors = service.check_models();
        service
    }

    fn check_models(&self) -> Diagnostics {
        fn typed<T: ?Sized>(
            map: &BTreeMap<String, Entry<T>>,
        ) -> impl Iterator<Item = (String, &Schema)> {
            map.iter().map(|(k, e)| (k.clone(), &e.typed.schema))
        }
        // The schemas of the states each resource takes by moves are checked with them.
        let sources: Vec<(String, crate::resource::MoveSource)> = self
            .resources
            .iter()
            .filter_map(|(k, e)| Some((k, e.imp.as_move_state()?.move_sources())))
            .flat_map(|(k, sources)| sources.into_iter().map(move |s| (k.clone(), s)))
            .collect();
        let schemas = std::iter::once(("provider".to_string(), &self.provider_schema.schema))
            .chain(typed(&self.resources))
            .chain(typed(&self.data_sources))
            .chain(typed(&self.list_resources))
            .chain(typed(&self.ephemeral_resources))
            .chain(typed(&self.actions))
            .chain(sources.iter().map(|(target, source)| {
                let owner = format!("{} (moved into {target})", source.type_name);
                (owner, &source.schema)
            }));
        let mut diags = Diagnostics::new();
        for (owner, schema) in schemas {
            for (model, error) in schema.check_models() {
                tracing::error!(type_name = %owner, model, "model and schema disagree");
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
        let moves = self
            .resources
            .values()
            .any(|e| e.imp.as_move_state().is_some());
        to_proto::server_capabilities(!self.list_resources.is_empty(), moves)
    }
}

/// The problems with `config` (of `typed`'s schema): the declared validators, then the
/// type's own check if it has one. Every kind's validation goes through here but the list
/// resources', whose request is their own.
async fn validate(
    typed: &Typed,
    config: Value,
    capabilities: ClientCapabilities,
    check: Option<&dyn ValidateConfig>,
) -> Diagnostics {
    let mut diags = validate_block(&typed.schema.block, &config);
    if let Some(check) = check {
        let mut request = ValidateRequest::new(config, capabilities);
        request.typing = typed.typing.clone();
        diags.extend(check.validate_config(request).await);
    }
    diags
}

/// `result` (a data source's state, an ephemeral resource's result) with every argument
/// the configuration set that it left null or out: what the user set comes back as it was.
fn keep_configured(config: &Value, result: &mut Value) {
    if let (Value::Object(cfg), Value::Object(out)) = (config, result) {
        for (k, v) in cfg.iter().filter(|(_, v)| !v.is_null()) {
            let slot = out.entry(k.clone()).or_default();
            if slot.is_null() {
                *slot = v.clone();
            }
        }
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

#[cfg(test)]
mod tests;
