//! `--debug`: the provider serves standalone and prints a `TF_REATTACH_PROVIDERS` value that
//! a real Terraform can attach to.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{provider_binary, Tf};

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
    let _ = child.kill();
    let _ = child.wait();
    assert!(plan.ok(), "{}", plan.text());
}
