//! Compiles `proto/` into Rust with a pure-Rust protobuf compiler (protox), so building
//! needs nothing but cargo: no system `protoc`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let plugin_protocol = ["proto/tfplugin5.proto"];
    let go_plugin = ["proto/goplugin.proto", "proto/health.proto"];
    for f in plugin_protocol.iter().chain(&go_plugin) {
        println!("cargo:rerun-if-changed={f}");
    }
    // The plugin protocol: an RPC a provider does not implement answers Unimplemented through
    // a generated default, so a protocol addition needs no hand-written stub.
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .generate_default_stubs(true)
        .compile_fds(protox::compile(plugin_protocol, ["proto"])?)?;
    // go-plugin's own services are implemented in full.
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(protox::compile(go_plugin, ["proto"])?)?;
    Ok(())
}
