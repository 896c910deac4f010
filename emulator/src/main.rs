//! `github-emulator`: serve the emulated GitHub API until killed. The first stdout line is
//! the base URL to use as the provider's `base_url` (or `GITHUB_BASE_URL`).

use std::net::SocketAddr;
use std::process::ExitCode;

use github_emulator::{Emulator, EmulatorConfig};

const HELP: &str =
    "github-emulator: a local stand-in for GitHub's Codespaces secrets API, in every scope.

Usage: github-emulator [--addr 127.0.0.1:0] [--org NAME]... [--token TOKEN]...
                       [--user LOGIN] [--user-repo NAME]... [--fixture FILE.json]
                       [--path-prefix /api/v3] [--app-key FILE.pem]

Prints its base URL on the first line once it accepts requests, then serves until killed.
Defaults: --org acme --token test-token --user octocat --user-repo dotfiles. Each
organization gets a dozen repositories (acme/api, acme/web, ...). Every token is the
user's, and the user is a member of every organization.

Secrets it serves, each home with its own key pair (GET .../public-key):
  organization  /orgs/ORG/codespaces/secrets[/NAME[/repositories[/ID]]]
  repository    /repos/OWNER/REPO/codespaces/secrets[/NAME]   (e.g. /repos/acme/api/...)
  user          /user/codespaces/secrets[/NAME[/repositories[/ID]]]   (the token's user)
A user secret may be granted the repositories the user reaches: its own and those of its
organizations. GitHub App installation tokens are refused on user secrets (403).

A fixture is {\"orgs\": [...], \"tokens\": [...], \"path_prefix\": \"...\", \"repos_per_org\": N,
\"limited_tokens\": [...], \"user\": \"...\", \"user_repos\": [...]} (limited tokens carry the
repo scope alone: repository secrets only).
--app-key registers a GitHub App installed on the first organization, writes its private key
to FILE.pem and prints its App id and installation id on stderr.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("github-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut addr: SocketAddr = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut config = EmulatorConfig::default();
    let (mut orgs, mut tokens, mut user_repos) = (Vec::new(), Vec::new(), Vec::new());
    let mut user = None;
    let mut app_key = None;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--addr" => addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--org" => orgs.push(value()?),
            "--token" => tokens.push(value()?),
            "--user" => user = Some(value()?),
            "--user-repo" => user_repos.push(value()?),
            "--path-prefix" => config.path_prefix = value()?,
            "--app-key" => app_key = Some(value()?),
            "--fixture" => {
                let text = std::fs::read_to_string(value()?).map_err(|e| e.to_string())?;
                config = EmulatorConfig::from_fixture_json(&text).map_err(|e| e.to_string())?;
            }
            "--help" | "-h" => {
                println!("{HELP}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}; see --help")),
        }
    }
    if !orgs.is_empty() {
        config.orgs = orgs;
    }
    if !tokens.is_empty() {
        config.tokens = tokens;
    }
    if let Some(user) = user {
        config.user = user;
    }
    if !user_repos.is_empty() {
        config.user_repos = user_repos;
    }
    let emulator = Emulator::start_on(addr, config).map_err(|e| e.to_string())?;
    if let Some(file) = app_key {
        let app = emulator.app().map_err(|e| e.to_string())?;
        std::fs::write(&file, &app.private_key_pem).map_err(|e| format!("{file}: {e}"))?;
        let installation = app.installation_id.map_or("none".into(), |i| i.to_string());
        eprintln!(
            "GitHub App {} (installation {installation}); its private key is in {file}",
            app.app_id
        );
    }
    println!("{}", emulator.base_url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
