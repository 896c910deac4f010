//! Provider settings Terraform knows only at apply (`base_url` or `token` from a resource not
//! created yet) never fall back to the environment or a default: a refresh that needs GitHub
//! says which setting is not known yet, a plan of new secrets skips its check and says so, and
//! no request reaches the address or carries the token the environment offers.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::common::{emulator, Tf, ORG, TOKEN};

/// A listener that counts the connections made to it and answers each with 503.
struct Trap {
    url: String,
    hits: Arc<AtomicUsize>,
}

impl Trap {
    fn start() -> Trap {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        let counted = hits.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let _ = stream.read(&mut [0u8; 4096]);
                let _ = stream.write_all(
                    b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        Trap { url, hits }
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

const SECRET: &str = r#"
resource "codespaces_org_secret" "s" {
  secret_name = "KEPT"
  value       = "v"
  visibility  = "all"
}
"#;

/// A `terraform_data` whose `output` is unknown until it is created, and a provider block
/// taking `setting` from it.
fn late(setting: &str, value: &str) -> String {
    format!(
        "resource \"terraform_data\" \"late\" {{\n  input = \"{value}\"\n}}\n\nprovider \"codespaces\" {{\n  {setting} = terraform_data.late.output\n}}\n"
    )
}

#[test]
fn an_unknown_base_url_never_falls_back_to_github_base_url() {
    let emu = emulator();
    let trap = Trap::start();
    let first = Tf::against(&emu);
    first.config(SECRET);
    first.apply();

    // The environment now points at the trap; the block's base_url is not known yet.
    let tf = Tf::against(&emu).env("GITHUB_BASE_URL", &trap.url);
    copy_state(&first, &tf);
    tf.config(&format!("{}{SECRET}", late("base_url", &emu.base_url())));
    emu.reset_counts();
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("Provider configuration not known yet")
            && text.contains("The provider's `base_url` is not known yet"),
        "{text}"
    );
    assert_eq!(trap.hits(), 0, "a request went to GITHUB_BASE_URL");
    assert_eq!(emu.total_requests(), 0);

    // A plan of new secrets alone skips its check and says so; apply, with the value known,
    // checks and creates them at the configured address.
    let fresh = Tf::against(&emu).env("GITHUB_BASE_URL", &trap.url);
    fresh.config(&format!(
        "{}{}",
        late("base_url", &emu.base_url()),
        SECRET.replace("KEPT", "LATE")
    ));
    let r = fresh.ok(&["plan", "-no-color", "-input=false"]);
    let text = r.folded();
    assert!(
        text.contains("GitHub not checked while planning")
            && text.contains("The provider's `base_url` is not known yet"),
        "{text}"
    );
    assert_eq!((trap.hits(), emu.total_requests()), (0, 0));
    fresh.apply();
    assert_eq!(emu.secret(ORG, "LATE").unwrap().plaintext, b"v");
    assert_eq!(trap.hits(), 0, "a request went to GITHUB_BASE_URL");
}

#[test]
fn an_unknown_token_never_falls_back_to_github_token() {
    let emu = emulator();
    let first = Tf::against(&emu);
    first.config(SECRET);
    first.apply();
    let tf = Tf::against(&emu).env("GITHUB_TOKEN", "env-token-never-sent");
    copy_state(&first, &tf);
    tf.config(&format!("{}{SECRET}", late("token", TOKEN)));
    emu.reset_counts();
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok(), "{}", r.text());
    assert!(
        r.folded()
            .contains("The provider's `token` is not known yet"),
        "{}",
        r.text()
    );
    assert_eq!(emu.total_requests(), 0, "{:?}", emu.requests());

    // The way out the diagnostic gives: create what the token comes from, then plan as usual.
    tf.ok(&[
        "apply",
        "-auto-approve",
        "-no-color",
        "-target=terraform_data.late",
    ]);
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);
    assert!(
        emu.requests().iter().all(|r| r.status == 200),
        "{:?}",
        emu.requests()
    );
}

fn copy_state(from: &Tf, to: &Tf) {
    let state = "terraform.tfstate";
    std::fs::copy(from.path().join(state), to.path().join(state)).unwrap();
}
