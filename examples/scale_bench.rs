//! `cargo run --release --example scale_bench`: a real terraform against github-emulator with
//! 100 secrets and 500 `codespaces_org_secret_repository` grants. Prints requests and wall
//! time for the apply, the no-change plan, an apply through faults (10 % of requests answer
//! 502 before the write, 5 % 502 after it, 5 % 429 with `Retry-After: 1`) and an apply under
//! GitHub's secondary limits (100 requests in flight, 900 points a minute per endpoint), next
//! to the least time those limits allow, with the 403 and 429 answers counted.
//!
//! The secondary limits run with GitHub's real one-minute window, so this takes a few
//! minutes. Goals: the plan makes 101 requests; the faulted apply completes in one run; the
//! limited apply takes at most 1.1 × the least time and at most 1 % of its requests are
//! refused.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use github_emulator::{Emulator, EmulatorConfig, Faults, RequestRecord, SecondaryLimits};

mod common;

const ORG: &str = "acme";
const TOKEN: &str = "bench-token";
const SECRETS: usize = 100;
const GRANTS_PER_SECRET: usize = 5;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// One terraform working directory wired to one emulator.
struct Run<'a> {
    terraform: &'a Path,
    cli_config: PathBuf,
    dir: tempfile::TempDir,
    emulator: Emulator,
}

impl Run<'_> {
    fn tf(&self, args: &[&str]) -> Result<(bool, Duration, String)> {
        let started = Instant::now();
        let out = Command::new(self.terraform)
            .args(args)
            .current_dir(self.dir.path())
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env("GITHUB_BASE_URL", self.emulator.base_url())
            .env("GITHUB_TOKEN", TOKEN)
            .env("GITHUB_OWNER", ORG)
            .output()?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Ok((out.status.success(), started.elapsed(), text))
    }

    /// Applies; fails with terraform's output if the apply failed.
    fn apply(&self) -> Result<Duration> {
        self.emulator.reset_counts();
        let (ok, took, text) = self.tf(&["apply", "-auto-approve", "-input=false", "-no-color"])?;
        if !ok {
            return Err(format!("terraform apply failed:\n{text}").into());
        }
        Ok(took)
    }

    /// Checks every value and grant arrived, none twice, and the next plan is empty.
    fn check(&self) -> Result<()> {
        let granted: Vec<i64> = self
            .emulator
            .repositories(ORG)
            .iter()
            .take(GRANTS_PER_SECRET)
            .map(|r| r.id)
            .collect();
        let secrets = self.emulator.secrets(ORG);
        if secrets.len() != SECRETS {
            return Err(format!("{} secrets at the emulator", secrets.len()).into());
        }
        for i in 0..SECRETS {
            let s = self
                .emulator
                .secret(ORG, &format!("S{i}"))
                .ok_or("a secret is missing")?;
            let grants: Vec<i64> = s.selected_repository_ids.iter().copied().collect();
            if s.plaintext != format!("value-{i}").as_bytes() || grants != granted {
                return Err(format!("S{i} does not hold its value and grants").into());
            }
        }
        let (ok, _, text) =
            self.tf(&["plan", "-detailed-exitcode", "-input=false", "-no-color"])?;
        if !ok {
            return Err(format!("the next plan is not empty:\n{text}").into());
        }
        Ok(())
    }
}

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !common::is_release() {
        println!("(a debug build: run with --release for figures worth comparing)");
    }
    let terraform = common::find_terraform()?;
    let provider_dir = common::build_provider(root)?;
    let work = tempfile::tempdir()?;
    let cli_config = work.path().join("terraform.rc");
    std::fs::write(&cli_config, common::cli_config_text(&provider_dir))?;
    let fresh = |faults: Faults| -> Result<Run<'_>> {
        let emulator = Emulator::start(EmulatorConfig {
            orgs: vec![ORG.into()],
            tokens: vec![TOKEN.into()],
            ..EmulatorConfig::default()
        })?;
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("main.tf"), config(&emulator))?;
        emulator.set_faults(faults);
        Ok(Run {
            terraform: &terraform,
            cli_config: cli_config.clone(),
            dir,
            emulator,
        })
    };
    println!(
        "{SECRETS} secrets and {} grants\n",
        SECRETS * GRANTS_PER_SECRET
    );
    println!(
        "{:<34} {:>9} {:>10} {:>6} {:>6}",
        "run", "requests", "wall time", "403", "429"
    );

    let plain = fresh(Faults::default())?;
    let took = plain.apply()?;
    let applied = plain.emulator.requests();
    row(&plain, "apply", took);
    plain.emulator.reset_counts();
    let (ok, took, text) =
        plain.tf(&["plan", "-detailed-exitcode", "-input=false", "-no-color"])?;
    if !ok {
        return Err(format!("the no-change plan is not empty:\n{text}").into());
    }
    row(&plain, "no-change plan (goal: 101)", took);
    drop(plain);

    let faulted = fresh(Faults {
        server_error_per_mille: 100,
        lost_answer_per_mille: 50,
        rate_limited_per_mille: 50,
        retry_after_secs: 1,
        seed: 2026,
        ..Faults::default()
    })?;
    let took = faulted.apply()?;
    row(&faulted, "faulted apply (one run)", took);
    let stats = faulted.emulator.fault_stats();
    faulted.emulator.set_faults(Faults::default());
    faulted.check()?;
    println!(
        "{:<34} {} 502 before the write, {} answers lost after it, {} 429; values, grants and the next plan checked",
        "", stats.server_errors, stats.lost_answers, stats.refused_429
    );
    drop(faulted);

    let limits = SecondaryLimits::default();
    let limited = fresh(Faults {
        secondary_limits: Some(limits.clone()),
        ..Faults::default()
    })?;
    let took = limited.apply()?;
    row(&limited, "apply under the secondary limits", took);
    limited.check()?;
    let least = least_time(&applied, &limits);
    let refused = limited.emulator.fault_stats();
    let total = limited.emulator.total_requests();
    let share = (refused.refused_403 + refused.refused_429) as f64 / total.max(1) as f64;
    println!(
        "{:<34} least time the limits allow: {:.1}s; ratio {:.2} (goal ≤ 1.10); refused {:.2} % (goal ≤ 1 %)",
        "",
        least.as_secs_f64(),
        took.as_secs_f64() / least.as_secs_f64().max(f64::MIN_POSITIVE),
        share * 100.0
    );
    Ok(())
}

fn row(run: &Run<'_>, what: &str, took: Duration) {
    let stats = run.emulator.fault_stats();
    println!(
        "{what:<34} {:>9} {:>9.1}s {:>6} {:>6}",
        run.emulator.total_requests(),
        took.as_secs_f64(),
        stats.refused_403,
        stats.refused_429
    );
}

/// The least time GitHub's per-endpoint budget allows for `requests`: an endpoint needing
/// `p` points gets `points` of them per window, so its last request cannot go before
/// `(ceil(p / points) - 1)` windows have passed. (At 10 operations in parallel, the limit
/// of 100 requests in flight never binds.)
fn least_time(requests: &[RequestRecord], limits: &SecondaryLimits) -> Duration {
    let mut points: BTreeMap<&str, u32> = BTreeMap::new();
    for r in requests {
        *points.entry(&r.route).or_default() += if r.method == "GET" { 1 } else { 5 };
    }
    let windows = points
        .values()
        .map(|p| p.div_ceil(limits.points).saturating_sub(1))
        .max()
        .unwrap_or(0);
    limits.window * windows
}

/// `SECRETS` selected secrets `S{i}` (value `value-{i}`), each granted to the first
/// `GRANTS_PER_SECRET` repositories through `codespaces_org_secret_repository`.
fn config(emulator: &Emulator) -> String {
    let repos: Vec<i64> = emulator.repositories(ORG).iter().map(|r| r.id).collect();
    let mut text = String::from(
        "terraform {\n  required_providers {\n    codespaces = {\n      source = \"codespaces-tools/codespaces\"\n    }\n  }\n}\n",
    );
    for i in 0..SECRETS {
        text.push_str(&format!(
            "resource \"codespaces_org_secret\" \"s{i}\" {{\n  secret_name = \"S{i}\"\n  value = \"value-{i}\"\n  visibility = \"selected\"\n}}\n"
        ));
        for (g, repo) in repos.iter().enumerate().take(GRANTS_PER_SECRET) {
            text.push_str(&format!(
                "resource \"codespaces_org_secret_repository\" \"g{i}_{g}\" {{\n  secret_name = codespaces_org_secret.s{i}.secret_name\n  repository_id = {repo}\n}}\n"
            ));
        }
    }
    text
}
