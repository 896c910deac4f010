//! `terraform-provider-codespaces`: started by Terraform as a plugin; `--debug` serves it
//! standalone for `TF_REATTACH_PROVIDERS`.

use std::process::ExitCode;
use std::sync::Arc;

use terraform_provider_codespaces::install::install;
use terraform_provider_codespaces::provider::{CodespacesProvider, ADDRESS};
use tfplugin::{serve, ServeOptions};

const HELP: &str = "terraform-provider-codespaces: a Terraform provider for GitHub Codespaces \
organization secrets.\n\nTerraform starts this binary itself. Options:\n  --debug    serve \
standalone and print TF_REATTACH_PROVIDERS\n  --install  copy this binary into \
~/.terraform.d/plugins so `terraform init` finds it offline\n  --version  print the version\n  --help     print this";

fn install_self() -> ExitCode {
    let version = env!("CARGO_PKG_VERSION");
    let result = std::env::current_exe()
        .map_err(|e| e.to_string())
        .and_then(|exe| {
            let home = std::env::var_os("HOME").ok_or("HOME is not set")?;
            install(&exe, home.as_ref(), ADDRESS, version).map_err(|e| e.to_string())
        });
    match result {
        Ok(path) => {
            println!(
                "Installed {}.\nUse it with:\n  terraform {{\n    required_providers {{\n      codespaces = {{\n        source  = \"codespaces-tools/codespaces\"\n        version = \"{version}\"\n      }}\n    }}\n  }}\nthen run `terraform init`.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("install failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut debug = false;
    for arg in &args {
        match arg.as_str() {
            "--debug" | "-debug" => debug = true,
            "--version" | "-version" => {
                println!(
                    "terraform-provider-codespaces {}",
                    env!("CARGO_PKG_VERSION")
                );
                return ExitCode::SUCCESS;
            }
            "--install" => return install_self(),
            "--help" | "-help" | "-h" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument {other:?}\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let opts = ServeOptions::new(ADDRESS, env!("CARGO_PKG_VERSION")).debug(debug);
    let result = runtime.block_on(serve(Arc::new(CodespacesProvider::new()), opts));
    // Do not wait for idle connection tasks: the host has asked us to go.
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
