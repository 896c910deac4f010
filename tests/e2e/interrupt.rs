//! Ctrl-C during an apply, through a real Terraform: the terminal sends SIGINT to the whole
//! process group, provider included. The provider must survive it (as go-plugin plugins do),
//! answer Terraform's `Stop`, and finish the operations in flight, so that every secret
//! created at GitHub is in the state and the next apply simply carries on.

use std::collections::BTreeSet;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use crate::common::{emulator, Tf, ORG};
use github_emulator::Faults;

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";
const SECRETS: usize = 60;
const PUTS_BEFORE_CTRL_C: u64 = 10;
/// Every answer is this late, so that writes are on the wire when the signal lands.
const LATENCY_MS: u64 = 400;
const VALUE_PREFIX: &str = "interrupted-value-";
const BOUND: Duration = Duration::from_secs(180);

/// Sends `signal` to every process of the group `leader` leads.
pub(crate) fn signal_group(leader: &Child, signal: libc::c_int) {
    let pgid = libc::pid_t::try_from(leader.id()).expect("pid fits pid_t");
    // SAFETY: kill(2) with a negative pid only sends a signal to that process group.
    let rc = unsafe { libc::kill(-pgid, signal) };
    assert_eq!(rc, 0, "kill(-{pgid}): {}", std::io::Error::last_os_error());
}

/// Whether any process of the group `leader` led is still running, once given `BOUND` to end.
pub(crate) fn group_outlives(leader_pid: u32) -> bool {
    let pgid = libc::pid_t::try_from(leader_pid).expect("pid fits pid_t");
    let start = Instant::now();
    // SAFETY: signal 0 only asks whether the group has a process left.
    while unsafe { libc::kill(-pgid, 0) } == 0 {
        if start.elapsed() > BOUND {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

pub(crate) fn wait_bounded(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for terraform") {
            return status;
        }
        if start.elapsed() > BOUND {
            signal_group(child, libc::SIGKILL);
            let _ = child.wait();
            panic!("terraform did not exit within {BOUND:?} of Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The secret names recorded in the state, upper-cased as GitHub reports them.
fn names_in_state(tf: &Tf) -> BTreeSet<String> {
    tf.attributes("codespaces_org_secret", "secret_name")
        .iter()
        .filter_map(|name| Some(name.as_str()?.to_ascii_uppercase()))
        .collect()
}

#[test]
fn ctrl_c_during_an_apply_keeps_every_created_secret_in_state() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&format!(
        r#"
resource "codespaces_org_secret" "s" {{
  count       = {SECRETS}
  secret_name = "INTERRUPTED_${{count.index}}"
  value       = "{VALUE_PREFIX}${{count.index}}"
  visibility  = "all"
}}
"#
    ));
    emu.set_faults(Faults {
        latency_ms: LATENCY_MS,
        ..Faults::default()
    });

    let log_path = tf.path().join("interrupted-apply.log");
    let provider_log_path = tf.path().join("provider.log");
    let log = File::create(&log_path).expect("creating the apply log");
    let mut child = tf
        .command(&["apply", "-auto-approve", "-input=false", "-no-color"])
        .env("TF_LOG_PROVIDER", "debug")
        .env("TF_LOG_PATH", &provider_log_path)
        .stdout(log.try_clone().expect("sharing the apply log"))
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect("terraform could not be started");

    // Terraform creates 10 at a time: a PUT past the first 10 means one of them was written
    // and read back, and the PUTs that follow are answered only after the latency.
    let start = Instant::now();
    while emu.count(PUT_SECRET) <= PUTS_BEFORE_CTRL_C {
        if let Some(status) = child.try_wait().expect("waiting for terraform") {
            let text = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("terraform exited ({status}) before more than {PUTS_BEFORE_CTRL_C} secrets were written:\n{text}");
        }
        if start.elapsed() > BOUND {
            signal_group(&child, libc::SIGKILL);
            let _ = child.wait();
            panic!("fewer than {PUTS_BEFORE_CTRL_C} PUTs within {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    signal_group(&child, libc::SIGINT);
    let status = wait_bounded(&mut child);
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    if group_outlives(child.id()) {
        signal_group(&child, libc::SIGKILL);
        panic!("the provider kept running after Terraform exited");
    }
    println!("interrupted apply ({status}):\n{text}");

    assert!(
        text.contains("Interrupt received"),
        "Terraform did not report the interrupt ({status}):\n{text}"
    );
    assert!(
        !text.contains("Plugin did not respond"),
        "the provider died on Ctrl-C instead of finishing its operations:\n{text}"
    );
    // Terraform parses the provider's hclog lines: `[INFO]  provider...: message: count=1`.
    let provider_log = std::fs::read_to_string(&provider_log_path).unwrap_or_default();
    let ignored = provider_log
        .lines()
        .find(|l| l.contains("received an interrupt signal"));
    assert!(
        ignored.is_some_and(|l| l.contains("[INFO]") && !l.contains("@message")),
        "the provider did not log, as hclog, that it ignored SIGINT:\n{provider_log}"
    );
    assert!(
        provider_log.contains("Stop requested by Terraform"),
        "Terraform did not call Stop:\n{provider_log}"
    );
    assert!(
        !provider_log.contains(VALUE_PREFIX),
        "a secret value reached the log"
    );
    let at_github: BTreeSet<String> = emu.secrets(ORG).into_iter().map(|s| s.name).collect();
    assert!(
        at_github.len() < SECRETS,
        "the apply finished before Ctrl-C took effect, so nothing was interrupted:\n{text}"
    );
    let in_state = names_in_state(&tf);
    let orphans: Vec<&String> = at_github.difference(&in_state).collect();
    assert!(
        orphans.is_empty(),
        "secrets created at GitHub but missing from the state: {orphans:?}\n{text}"
    );
    assert_eq!(
        in_state, at_github,
        "the state records secrets GitHub does not have"
    );

    emu.set_faults(Faults::default());
    tf.apply();
    assert_eq!(emu.secrets(ORG).len(), SECRETS);
    let (changes, plan) = tf.plan_changes();
    assert!(
        !changes,
        "the plan after the resumed apply is not empty:\n{}",
        plan.text()
    );
}
