//! `cargo run --release --example scale_bench [-- plain secondary content]`: a real terraform
//! against github-emulator with 100 `selected` secrets and 500
//! `codespaces_org_secret_repository` grants (five per secret, each naming its secret by
//! reference). For the apply, the no-change plan and the destroy it prints the requests, the
//! writes, the requests refused by a limit and the wall time, beside the wall time of the same
//! commands on the same count of `terraform_data` resources, with the same dependencies, run
//! just before: the floor Terraform itself sets.
//!
//! Three scenarios, each on a fresh emulator (name them to run fewer):
//! - `plain`: no limits at the emulator;
//! - `secondary`: GitHub's secondary limits (100 requests in flight, 900 points a minute per
//!   endpoint, a write costing 5);
//! - `content`: those, and GitHub's content-creation limit of 80 writes a minute across
//!   endpoints (its 500 an hour left off: a phase of more than 500 writes would wait an hour).
//!
//! Under limits it also prints the least time they allow for the writes and reads the phase
//! made (the windows its busiest endpoint, or its writes, need), and the phase's time over
//! the larger of that and the same phase's time without limits. The limits' windows start
//! afresh for each phase, as if each ran on its own.
//!
//! `SCALE_BENCH_PROVIDER_DIR=DIR` runs the provider binary in DIR (a build of another commit,
//! to compare) instead of building this tree's. The limited scenarios use GitHub's real
//! windows (a minute, an hour), so a whole run takes several minutes.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use github_emulator::{ContentCreation, Emulator, EmulatorConfig, Faults, SecondaryLimits};

mod common;

const ORG: &str = "acme";
const TOKEN: &str = "bench-token";
const SECRETS: usize = 100;
const GRANTS_PER_SECRET: usize = 5;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// A scenario: its name and the limits switched on at the emulator.
struct Scenario {
    name: &'static str,
    faults: Faults,
}

fn scenarios() -> Vec<Scenario> {
    let secondary = Some(SecondaryLimits::default());
    vec![
        Scenario {
            name: "plain",
            faults: Faults::default(),
        },
        Scenario {
            name: "secondary",
            faults: Faults {
                secondary_limits: secondary.clone(),
                ..Faults::default()
            },
        },
        Scenario {
            name: "content",
            faults: Faults {
                secondary_limits: secondary,
                // 80 writes a minute, as the issue asks; GitHub's 500 an hour would hold
                // any phase of more than 500 writes for an hour.
                content_creation: Some(ContentCreation {
                    per_hour: u32::MAX,
                    ..ContentCreation::default()
                }),
                ..Faults::default()
            },
        },
    ]
}

/// One terraform working directory, with the environment every command gets.
struct Dir<'a> {
    terraform: &'a Path,
    cli_config: &'a Path,
    dir: tempfile::TempDir,
    env: Vec<(&'static str, String)>,
}

impl Dir<'_> {
    /// Runs `terraform args...`: whether it succeeded, how long it took, what it printed.
    fn tf(&self, args: &[&str]) -> Result<(bool, Duration, String)> {
        let started = Instant::now();
        let out = Command::new(self.terraform)
            .args(args)
            .current_dir(self.dir.path())
            .env("TF_CLI_CONFIG_FILE", self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .output()?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Ok((out.status.success(), started.elapsed(), text))
    }

    /// Runs a phase, required to succeed (a plan: to plan no change); answers its time.
    fn phase(&self, phase: Phase) -> Result<Duration> {
        let (ok, took, text) = self.tf(phase.args())?;
        if !ok {
            let tail: Vec<&str> = text.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!("terraform {} failed:\n{}", phase.name(), tail.join("\n")).into());
        }
        Ok(took)
    }
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    Apply,
    Plan,
    Destroy,
}

impl Phase {
    const ALL: [Phase; 3] = [Phase::Apply, Phase::Plan, Phase::Destroy];

    fn args(self) -> &'static [&'static str] {
        match self {
            Phase::Apply => &["apply", "-auto-approve", "-input=false", "-no-color"],
            Phase::Plan => &["plan", "-detailed-exitcode", "-input=false", "-no-color"],
            Phase::Destroy => &["destroy", "-auto-approve", "-input=false", "-no-color"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Phase::Apply => "apply",
            Phase::Plan => "no-change plan",
            Phase::Destroy => "destroy",
        }
    }
}

/// What one phase of one scenario measured.
struct Figures {
    requests: u64,
    writes: u64,
    refused: u64,
    took: Duration,
    least: Duration,
    by_route: BTreeMap<String, u64>,
}

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !common::is_release() {
        println!("(a debug build: run with --release for figures worth comparing)");
    }
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let terraform = common::find_terraform()?;
    let provider_dir = match std::env::var_os("SCALE_BENCH_PROVIDER_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => common::build_provider(root)?,
    };
    println!(
        "provider: {}",
        provider_dir.join("terraform-provider-codespaces").display()
    );
    let work = tempfile::tempdir()?;
    let cli_config = work.path().join("terraform.rc");
    std::fs::write(&cli_config, common::cli_config_text(&provider_dir))?;
    println!(
        "{SECRETS} secrets and {} grants; floor: {} terraform_data resources\n",
        SECRETS * GRANTS_PER_SECRET,
        SECRETS * (GRANTS_PER_SECRET + 1)
    );
    let mut unlimited: BTreeMap<&'static str, Duration> = BTreeMap::new();
    for scenario in scenarios() {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == scenario.name) {
            continue;
        }
        let floor = floor(&terraform, &cli_config)?;
        let emulator = Emulator::start(EmulatorConfig {
            orgs: vec![ORG.into()],
            tokens: vec![TOKEN.into()],
            ..EmulatorConfig::default()
        })?;
        let dir = directory(&terraform, &cli_config, &emulator)?;
        std::fs::write(dir.dir.path().join("main.tf"), config(&emulator))?;
        println!("== {} ==", scenario.name);
        println!(
            "{:<15} {:>8} {:>7} {:>8} {:>9} {:>14} {:>7}   by route",
            "phase", "requests", "writes", "refused", "wall", "terraform_data", "ratio"
        );
        for (phase, floor) in Phase::ALL.into_iter().zip(floor) {
            emulator.set_faults(scenario.faults.clone());
            emulator.reset_counts();
            let took = match dir.phase(phase) {
                Ok(took) => took,
                Err(e) => {
                    let f = figures(&emulator, &scenario.faults, Duration::ZERO);
                    println!(
                        "{:<15} FAILED after {} requests, {} writes, {} refused: {e}",
                        phase.name(),
                        f.requests,
                        f.writes,
                        f.refused
                    );
                    break;
                }
            };
            let f = figures(&emulator, &scenario.faults, took);
            print_row(phase, &f, floor);
            if scenario.faults == Faults::default() {
                unlimited.insert(phase.name(), took);
            } else {
                let without = unlimited.get(phase.name()).copied().unwrap_or_default();
                let bound = f.least.max(without);
                println!(
                    "{:<15} least time the limits allow: {:.1}s; without limits: {:.1}s; ratio to the larger: {:.2} (goal <= 1.10); refused {:.2} % (goal <= 1 %)",
                    "",
                    f.least.as_secs_f64(),
                    without.as_secs_f64(),
                    ratio(f.took, bound),
                    f.refused as f64 * 100.0 / f.requests.max(1) as f64
                );
            }
            emulator.set_faults(Faults::default());
            if let Phase::Apply = phase {
                check_arrived(&emulator)?;
            }
        }
        if emulator.secrets(ORG).is_empty() {
            println!("(destroyed: no secret left)\n");
        } else {
            println!("({} secrets left)\n", emulator.secrets(ORG).len());
        }
    }
    Ok(())
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn print_row(phase: Phase, f: &Figures, floor: Duration) {
    let routes: Vec<String> = f
        .by_route
        .iter()
        .map(|(route, n)| format!("{route} {n}"))
        .collect();
    println!(
        "{:<15} {:>8} {:>7} {:>8} {:>8.1}s {:>13.1}s {:>7.2}   {}",
        phase.name(),
        f.requests,
        f.writes,
        f.refused,
        f.took.as_secs_f64(),
        floor.as_secs_f64(),
        ratio(f.took, floor),
        routes.join(", ")
    );
}

/// A working directory wired to the provider (and, with `emulator`, to it).
fn directory<'a>(
    terraform: &'a Path,
    cli_config: &'a Path,
    emulator: &Emulator,
) -> Result<Dir<'a>> {
    Ok(Dir {
        terraform,
        cli_config,
        dir: tempfile::tempdir()?,
        env: vec![
            ("GITHUB_BASE_URL", emulator.base_url()),
            ("GITHUB_TOKEN", TOKEN.into()),
            ("GITHUB_OWNER", ORG.into()),
        ],
    })
}

/// The same phases on `terraform_data` resources of the same count and shape: their times.
fn floor(terraform: &Path, cli_config: &Path) -> Result<Vec<Duration>> {
    let dir = Dir {
        terraform,
        cli_config,
        dir: tempfile::tempdir()?,
        env: Vec::new(),
    };
    let mut text = String::new();
    for i in 0..SECRETS {
        text.push_str(&format!(
            "resource \"terraform_data\" \"s{i}\" {{\n  input = \"S{i}\"\n}}\n"
        ));
        for g in 0..GRANTS_PER_SECRET {
            text.push_str(&format!(
                "resource \"terraform_data\" \"g{i}_{g}\" {{\n  input = \"${{terraform_data.s{i}.output}}:{g}\"\n}}\n"
            ));
        }
    }
    std::fs::write(dir.dir.path().join("main.tf"), text)?;
    Phase::ALL.into_iter().map(|p| dir.phase(p)).collect()
}

/// What the emulator counted since the last reset, for a phase that took `took`.
fn figures(emulator: &Emulator, faults: &Faults, took: Duration) -> Figures {
    let tally = emulator.tally();
    let total: github_emulator::RouteTally = tally.values().copied().sum();
    let by_route = tally
        .iter()
        .map(|(route, t)| (short(route), t.requests))
        .collect();
    Figures {
        requests: total.requests,
        writes: total.writes,
        refused: total.refused,
        took,
        least: least_time(emulator, faults),
        by_route,
    }
}

/// A route shortened to its method and last two segments: `PUT repositories/{id}`.
fn short(route: &str) -> String {
    let (method, path) = route.split_once(' ').unwrap_or(("", route));
    let tail: Vec<&str> = path.rsplit('/').take(2).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    format!("{method} {}", tail.join("/"))
        .replace("{secret_name}", "{name}")
        .replace("{repository_id}", "{id}")
}

/// The least time the limits switched on allow for the requests carried out: an endpoint
/// needing `p` points gets `points` of them per window, so its last request cannot go before
/// `ceil(p / points) - 1` windows have passed; likewise `w` writes under the content-creation
/// limit. (At 10 operations at once, the limit of 100 in flight never binds.)
fn least_time(emulator: &Emulator, faults: &Faults) -> Duration {
    let done: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.refused.is_none())
        .collect();
    let mut least = Duration::ZERO;
    if let Some(limits) = &faults.secondary_limits {
        let mut points: BTreeMap<&str, u32> = BTreeMap::new();
        for r in &done {
            *points.entry(&r.route).or_default() += if r.is_write() { 5 } else { 1 };
        }
        for p in points.values() {
            least = least.max(limits.window * p.div_ceil(limits.points).saturating_sub(1));
        }
    }
    if let Some(content) = &faults.content_creation {
        let writes = done.iter().filter(|r| r.is_write()).count() as u32;
        least = least.max(content.minute * writes.div_ceil(content.per_minute).saturating_sub(1));
        least = least.max(content.hour * writes.div_ceil(content.per_hour).saturating_sub(1));
    }
    least
}

/// Every value and grant arrived, none twice.
fn check_arrived(emulator: &Emulator) -> Result<()> {
    let granted: Vec<i64> = emulator
        .repositories(ORG)
        .iter()
        .take(GRANTS_PER_SECRET)
        .map(|r| r.id)
        .collect();
    if emulator.secrets(ORG).len() != SECRETS {
        return Err(format!("{} secrets at the emulator", emulator.secrets(ORG).len()).into());
    }
    for i in 0..SECRETS {
        let s = emulator
            .secret(ORG, &format!("S{i}"))
            .ok_or("a secret is missing")?;
        let grants: Vec<i64> = s.selected_repository_ids.iter().copied().collect();
        if s.plaintext != format!("value-{i}").as_bytes() || grants != granted {
            return Err(format!("S{i} does not hold its value and grants").into());
        }
    }
    Ok(())
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
