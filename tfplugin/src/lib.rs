//! Terraform plugin protocol 5 for Rust: everything between Terraform and a provider's own
//! code. A provider implements [`Provider`], a [`Resource`] per resource type (create,
//! read, update, delete, import), and optionally [`DataSource`]s and [`ListResource`]s;
//! [`serve()`] does the rest: go-plugin's handshake and AutoMTLS, the gRPC service, cty
//! values decoded and encoded with the schemas, declared validators and plan modifiers at
//! every depth, write-only attributes, state upgrades, identities and list streams.
//!
//! Values arrive as [`Value`]s; typed models ([`model`]) read them into structs with
//! serde. The protocol-level resource trait, for the rare resource that wants plan and
//! apply itself, is [`raw::Resource`]. Start with `examples/hello.rs`.
//!
//! Knows Terraform, nothing of any remote system.

#![deny(missing_docs, unreachable_pub)]
// Protocol messages are built with `..Default::default()` even where every field is named
// today: a field added to the proto then needs no change here.
#![allow(clippy::needless_update)]

mod accept;
pub mod capabilities;
pub mod cty;
pub mod data_source;
pub mod diagnostic;
pub mod docs;
pub mod identity;
pub mod list;
pub mod log;
pub mod model;
pub mod plan_modifier;
mod proto;
pub mod provider;
pub mod raw;
pub mod resource;
pub mod schema;
pub mod serve;
mod server;
mod services;
mod signals;
pub mod testing;
mod tls;
pub mod validator;
mod wire;

pub use async_trait::async_trait;
pub use capabilities::ClientCapabilities;
pub use cty::{AttributePath, Number, Type, Value, ValueError};
pub use data_source::{DataSource, DataSourceRequest, DataSourceResponse};
pub use diagnostic::{Diagnostic, Diagnostics, Outcome, Severity};
pub use identity::{IdentityAttribute, IdentitySchema};
pub use list::{ListEvent, ListRequest, ListResource, ListSink, ValidateListRequest};
pub use model::MaybeUnknown;
pub use plan_modifier::{
    differs_ignoring_case, AttributePlanModifier, PlanContext, PlanModifier, PlannedValue,
};
pub use provider::{ConfigureRequest, Provider};
pub use resource::{
    ApplyRequest, ApplyResponse, GenerateConfigRequest, ImportRequest, ImportResponse,
    ImportedResource, PlanRequest, PlanResponse, RawState, ReadRequest, ReadResponse, Resource,
    UpgradeStateRequest, ValidateRequest,
};
pub use schema::{Attribute, Block, NestedBlock, NestingMode, Schema};
pub use serve::{serve, ServeError, ServeOptions};
pub use validator::{AttributeValidator, ValidateContext, Validator};

/// The README's code compiles (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
