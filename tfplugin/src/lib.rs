//! Terraform plugin protocol 5, as a library: the go-plugin handshake and AutoMTLS, the gRPC
//! services, cty values and their codecs, schemas, diagnostics, and the typed traits a
//! provider implements. Knows Terraform, nothing of GitHub.

pub mod accept;
pub mod convert;
pub mod cty;
pub mod diag;
pub mod log;
pub mod proto;
pub mod schema;
pub mod serve;
pub mod server;
pub mod services;
pub mod signals;
pub mod tls;
pub mod traits;

pub use cty::{Number, Type, Value, ValueError};
pub use diag::{AttributePath, Diagnostic, Diagnostics, Severity};
pub use schema::{Attribute, Block, NestedBlock, NestingMode, Schema};
pub use traits::*;
