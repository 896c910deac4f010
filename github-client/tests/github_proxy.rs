//! A loopback API is reached directly, never through the proxy the environment names:
//! with `HTTP_PROXY`, `http_proxy`, `ALL_PROXY` and `HTTPS_PROXY` all pointing at a
//! recording listener, every request still goes straight to the emulator. Alone in its test
//! binary, since it sets the process's environment.

#[path = "client/common.rs"]
mod common;

use std::sync::Arc;

use common::{put_value, NoWait, ORG, TOKEN};
use github_client::{Client, ClientConfig, Credentials, Visibility};
use github_emulator::{Emulator, EmulatorConfig, Recorder};

#[tokio::test]
async fn a_loopback_api_is_never_reached_through_a_proxy() {
    let proxy = Recorder::start().unwrap();
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
    ] {
        std::env::set_var(name, proxy.origin());
    }
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    for base in [
        emu.base_url(),
        emu.base_url().replace("127.0.0.1", "localhost"),
    ] {
        let config = ClientConfig::new(base, Credentials::token(TOKEN));
        let c = Client::with_sleeper(config, Arc::new(NoWait::default())).unwrap();
        put_value(&c, "DIRECT", b"v", Visibility::All, None)
            .await
            .unwrap();
    }
    assert!(proxy.lines().is_empty(), "{:?}", proxy.lines());
    assert_eq!(emu.secret(ORG, "DIRECT").unwrap().put_count, 2);
}
