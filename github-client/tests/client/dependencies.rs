//! The crate's dependency graph holds nothing of Terraform: no tfplugin, no provider, no
//! gRPC. (The order of its modules, which only look down, is checked with the other crates'
//! by the workspace's layer test, `tests/e2e/layers.rs` at the repository root.)

use std::process::Command;

#[test]
fn the_dependency_graph_holds_nothing_of_terraform() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .args(["--package", "github-client"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"reqwest"), "not the client's tree:\n{tree}");
    for banned in [
        "tfplugin",
        "terraform-provider-codespaces",
        "tonic",
        "prost",
    ] {
        assert!(
            !names.contains(&banned),
            "github-client depends on {banned}:\n{tree}"
        );
    }
}
