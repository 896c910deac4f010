//! The generated protocol types and gRPC service stubs (see `build.rs` and `proto/`).
#![allow(
    missing_docs,
    unreachable_pub,
    dead_code,
    clippy::all,
    clippy::pedantic
)]

/// Terraform plugin protocol 5.
pub(crate) mod tfplugin5 {
    tonic::include_proto!("tfplugin5");
}

/// go-plugin's controller, stdio and broker services.
pub mod plugin {
    tonic::include_proto!("plugin");
}

/// gRPC health checking.
pub mod health {
    tonic::include_proto!("grpc.health.v1");
}
