//! Terraform plugin protocol 5 for Rust: everything between Terraform and a provider's own
//! code. A provider implements [`Provider`], a [`Resource`] per resource type (create,
//! read, update, delete, plus the capabilities it opts into: [`ModifyPlan`],
//! [`ImportState`], [`UpgradeState`], [`ResourceIdentity`], [`GenerateConfig`],
//! [`MoveState`], [`ValidateConfig`]), and optionally [`DataSource`]s, [`ListResource`]s,
//! [`EphemeralResource`]s, [`Action`]s and [`Function`]s; [`serve()`] does the rest:
//! go-plugin's handshake and AutoMTLS, the gRPC service, cty values decoded and encoded
//! with the schemas, declared validators and plan modifiers at every depth, write-only
//! attributes, state upgrades and moves, identities, list streams, ephemeral renewals and
//! action progress streams.
//!
//! Values arrive as [`Value`]s; requests read them into typed structs with serde
//! (`req.to_model(..)`, see [`model`]). Start with `examples/hello/`.
//!
//! Knows Terraform, nothing of any remote system.
//!
//! # One path per item
//!
//! Every public item has exactly one path. What every provider meets is at the crate root;
//! five public modules hold the rest: [`cty`] (the msgpack, JSON and flatmap codecs),
//! [`model`] (typed models over bare types, and their error), [`docs`] (registry pages
//! rendered from the schemas), [`log`] (the `tracing` layer Terraform's log merges) and
//! [`testing`] (help for a provider's tests). Every other module is private.
//!
//! # Layers
//!
//! The modules form layers: a module uses only modules of the layers before its own, never
//! one of its own layer or a later one (tests included).
//!
//! 1. `cty`, `private`, `capabilities`, `proto`, `tls`, `log`: values, types and their
//!    codecs; private data; what the client can do; the generated protocol; AutoMTLS; the
//!    log layer.
//! 2. `diagnostic`, `accept`, `services`: diagnostics; accepting connections; go-plugin's
//!    own services.
//! 3. `model`, `signals`: the typed-model codec over values; process signals.
//! 4. `identity`, `validator`, `plan_modifier`: identity schemas; what attributes declare
//!    (the traits and built-ins).
//! 5. `schema`: schemas and attributes, and the walks that run their declarations.
//! 6. `validate_config`: the check of a configuration every kind shares.
//! 7. `resource`, `data_source`, `list`, `ephemeral`, `action`, `function`: the kinds of
//!    types a provider serves.
//! 8. `provider`, `wire`: the provider; the protocol conversions.
//! 9. `server`, `docs`: the gRPC service mapped onto the traits; registry docs.
//! 10. `serve`: go-plugin's handshake and serving.
//! 11. `testing`: help for a provider's tests.

#![deny(missing_docs, unreachable_pub)]
// Protocol messages are built with `..Default::default()` even where every field is named
// today: a field added to the proto then needs no change here.
#![allow(clippy::needless_update)]

mod accept;
mod action;
mod capabilities;
pub mod cty;
mod data_source;
mod diagnostic;
pub mod docs;
mod ephemeral;
mod function;
mod identity;
mod list;
pub mod log;
pub mod model;
mod plan_modifier;
mod private;
mod proto;
mod provider;
mod resource;
mod schema;
mod serve;
mod server;
mod services;
mod signals;
pub mod testing;
mod tls;
mod validate_config;
mod validator;
mod wire;

pub use action::{Action, ActionProgress, ActionRequest, PlanAction};
pub use async_trait::async_trait;
pub use capabilities::ClientCapabilities;
pub use cty::error::ValueError;
pub use cty::number::Number;
pub use cty::path::{AttributePath, PathStep};
pub use cty::types::Type;
pub use cty::value::Value;
pub use data_source::{DataSource, DataSourceRequest, DataSourceResponse};
pub use diagnostic::{Diagnostic, Diagnostics, Outcome, Severity};
pub use ephemeral::{
    CloseEphemeral, CloseRequest, EphemeralResource, OpenRequest, OpenResponse, RenewEphemeral,
    RenewRequest, RenewResponse,
};
pub use function::{
    Function, FunctionError, FunctionParameter, FunctionRequest, FunctionSignature,
};
pub use identity::{IdentityAttribute, IdentitySchema};
pub use list::{ListEvent, ListRequest, ListResource, ListSink, ValidateListRequest};
pub use model::maybe_unknown::MaybeUnknown;
pub use plan_modifier::{
    differs_ignoring_case, AttributePlanModifier, PlanContext, PlanModifier, PlannedValue,
    ReplacePredicate,
};
pub use private::Private;
pub use provider::{ConfigureRequest, Provider};
pub use resource::{
    ApplyRequest, ApplyResponse, GenerateConfig, GenerateConfigRequest, ImportRequest,
    ImportResponse, ImportState, ImportedResource, ModifyPlan, MoveSource, MoveState,
    MoveStateRequest, MoveStateResponse, PlanRequest, PlanResponse, RawState, ReadRequest,
    ReadResponse, Resource, ResourceIdentity, UpgradeState, UpgradeStateRequest,
};
pub use schema::{
    ArgumentBuilder, Attribute, Block, ComputedBuilder, NestedBlock, NestingMode,
    OptionalComputedBuilder, Schema,
};
pub use serve::{serve, ServeError, ServeOptions};
pub use tls::TlsError;
pub use validate_config::{ValidateConfig, ValidateRequest};
pub use validator::{AttributeValidator, ValidateContext, Validator};

/// The README's code compiles (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
