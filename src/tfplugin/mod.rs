//! Terraform plugin protocol 5, as a library: the go-plugin handshake and AutoMTLS, the gRPC
//! services, cty values and their codecs, schemas, diagnostics, and the typed traits a
//! provider implements. Knows Terraform, nothing of GitHub.

pub mod accept;
pub mod convert;
pub mod diag;
pub mod json;
pub mod log;
pub mod msgpack;
pub mod proto;
pub mod schema;
pub mod serve;
pub mod server;
pub mod services;
pub mod signals;
pub mod tls;
pub mod traits;
pub mod types;
pub mod value;

pub use diag::{AttributePath, Diagnostic, Diagnostics, Severity};
pub use schema::{Attribute, Block, NestedBlock, NestingMode, Schema};
pub use traits::*;
pub use types::Type;
pub use value::{Number, Value, ValueError};
