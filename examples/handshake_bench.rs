//! `cargo run --release --example handshake_bench [-- RUNS]`: how long Terraform waits for
//! the provider. Starts the provider binary RUNS times (default 50) as go-plugin does, and
//! measures from spawn to the handshake line on stdout, both in plaintext and with AutoMTLS
//! (a fresh client certificate in `PLUGIN_CLIENT_CERT`, so the provider also generates its
//! own). Prints min, median and 90th percentile, and the binary's size.

use std::error::Error;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tfplugin::testing::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};

mod common;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    let runs: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 50,
    };
    if !common::is_release() {
        eprintln!("note: a debug build; use --release for the figures that matter");
    }
    let binary = common::build_provider(Path::new(env!("CARGO_MANIFEST_DIR")))?
        .join("terraform-provider-codespaces");
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let client_cert = rcgen::CertificateParams::new(vec!["localhost".into()])?
        .self_signed(&key)?
        .pem();
    println!(
        "{} ({} bytes), {runs} runs each",
        binary.display(),
        std::fs::metadata(&binary)?.len()
    );
    for (label, cert) in [
        ("plaintext", None),
        ("AutoMTLS", Some(client_cert.as_str())),
    ] {
        let mut times = (0..runs)
            .map(|_| time_to_handshake(&binary, cert))
            .collect::<Result<Vec<_>>>()?;
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "{label:<10} min {:>7.2} ms  median {:>7.2} ms  p90 {:>7.2} ms",
            ms(times[0]),
            ms(at(0.5)),
            ms(at(0.9))
        );
    }
    Ok(())
}

/// Spawn to first stdout line, then stop the process.
fn time_to_handshake(binary: &Path, client_cert: Option<&str>) -> Result<Duration> {
    let mut command = Command::new(binary);
    command
        .env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "5")
        .env_remove("PLUGIN_CLIENT_CERT")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(pem) = client_cert {
        command.env("PLUGIN_CLIENT_CERT", pem);
    }
    let start = Instant::now();
    let mut child = command.spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let elapsed = start.elapsed();
    child.kill()?;
    child.wait()?;
    if !line.starts_with("1|5|tcp|127.0.0.1:") {
        return Err(format!("unexpected handshake line {line:?}").into());
    }
    Ok(elapsed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
