//! Terraform plugin protocol 5, as a library: the go-plugin handshake and AutoMTLS, the gRPC
//! services, cty values and their codecs (`cty`), schemas with declared validators and plan
//! modifiers, diagnostics, and the typed traits a provider implements: [`Provider`],
//! [`Resource`] (or [`CrudResource`] through [`Crud`]), [`DataSource`], [`ListResource`].
//! Knows Terraform, nothing of any remote system.
//!
//! One file per protocol concept; each concept's conversion to and from the wire sits next
//! to it. Start with `examples/hello.rs`.

// Protocol messages are built with `..Default::default()` even where every field is named
// today: a field added to the proto then needs no change here.
#![allow(clippy::needless_update)]

pub mod accept;
pub mod capabilities;
pub mod crud;
pub mod cty;
pub mod data_source;
pub mod diagnostic;
pub mod docs;
pub mod dynamic_value;
pub mod identity;
pub mod list;
pub mod log;
pub mod plan_modifier;
pub mod proto;
pub mod provider;
pub mod resource;
pub mod schema;
pub mod serve;
pub mod server;
pub mod services;
pub mod signals;
pub mod testing;
pub mod tls;
pub mod validator;

pub use async_trait::async_trait;
pub use capabilities::ClientCapabilities;
pub use crud::{crud, Crud, CrudResource, Outcome};
pub use cty::{AttributePath, Number, Type, Value, ValueError};
pub use data_source::{DataSource, DataSourceRequest, DataSourceResponse};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use identity::{IdentityAttribute, IdentitySchema};
pub use list::{gather, ListEvent, ListRequest, ListResource, ListSink, ValidateListRequest};
pub use plan_modifier::{differs_ignoring_case, PlanModifier};
pub use provider::{ConfigureRequest, Provider};
pub use resource::{
    ApplyRequest, ApplyResponse, GenerateConfigRequest, ImportRequest, ImportResponse,
    ImportedResource, PlanRequest, PlanResponse, ReadRequest, ReadResponse, Resource,
    ValidateRequest,
};
pub use schema::{Attribute, Block, NestedBlock, NestingMode, Schema};
pub use serve::{serve, ServeOptions};
pub use validator::Validator;
