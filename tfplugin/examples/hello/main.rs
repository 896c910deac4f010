//! A minimal provider, with no network, that shows each kind of type tfplugin serves:
//!
//! - `greeting.rs`: the resource `hello_greeting` turns a name into a greeting; it reads
//!   states its schema version 0 wrote, imports by name, and takes the state of the older
//!   resource type `hello_salutation` that a `moved` block names;
//! - `greet.rs`: the function `provider::hello::greet(greeting, names...)`;
//! - `token.rs`: the ephemeral resource `hello_token`, renewed and closed;
//! - `shout.rs`: the action `hello_shout`, which reports its progress.
//!
//! Build it with `cargo build -p tfplugin --example hello`, copy the binary to a folder as
//! `terraform-provider-hello`, and point a `dev_overrides` CLI configuration at that folder
//! for `registry.terraform.io/example/hello`.

mod greet;
mod greeting;
mod shout;
mod token;

use std::sync::Arc;

use tfplugin::{
    async_trait, Action, Block, ConfigureRequest, Diagnostics, EphemeralResource, Function,
    Provider, Resource, Schema, ServeOptions,
};

/// The provider's address: the one its states and moves name.
pub const ADDRESS: &str = "registry.terraform.io/example/hello";

struct Hello;

#[async_trait]
impl Provider for Hello {
    fn schema(&self) -> Schema {
        Schema::new(Block::new().description("Greetings, offline."))
    }

    fn resources(&self) -> Vec<Arc<dyn Resource>> {
        vec![Arc::new(greeting::GreetingResource)]
    }

    fn functions(&self) -> Vec<Arc<dyn Function>> {
        vec![Arc::new(greet::Greet)]
    }

    fn ephemeral_resources(&self) -> Vec<Arc<dyn EphemeralResource>> {
        vec![Arc::new(token::Token::default())]
    }

    fn actions(&self) -> Vec<Arc<dyn Action>> {
        vec![Arc::new(shout::Shout)]
    }

    async fn configure(&self, _req: ConfigureRequest) -> Diagnostics {
        Diagnostics::new()
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opts = ServeOptions::new(ADDRESS, "0.1.0");
    let debug = std::env::args().any(|a| a == "--debug");
    match tfplugin::serve(Arc::new(Hello), opts.debug(debug)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
