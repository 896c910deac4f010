//! `--debug`: the provider serves standalone and prints a `TF_REATTACH_PROVIDERS` value that
//! a real Terraform can attach to; Ctrl-C stops it, as the printed instructions say.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{provider_binary, Tf};

#[test]
fn terraform_attaches_with_the_printed_reattach_value() {
    let mut child = Command::new(provider_binary())
        .arg("--debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut value = None;
    for _ in 0..20 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(rest) = line.trim().strip_prefix("export TF_REATTACH_PROVIDERS='") {
            value = rest.strip_suffix('\'').map(str::to_string);
            break;
        }
    }
    let value = value.expect("no TF_REATTACH_PROVIDERS line printed");
    let parsed: serde_json::Value = serde_json::from_str(&value).unwrap();
    assert_eq!(parsed[common::ADDRESS]["ProtocolVersion"], 5);

    let tf = Tf::new().env("TF_REATTACH_PROVIDERS", &value);
    tf.config("provider \"codespaces\" {\n  owner = \"acme\"\n}\n");
    let plan = tf.run(&["plan", "-no-color"]);
    assert!(plan.ok(), "{}", plan.text());

    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) only sends Ctrl-C's signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("Ctrl-C did not stop the debug server");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success(),
        "the debug server exits cleanly on Ctrl-C: {status}"
    );
}
