//! Authentication through a real Terraform: as a GitHub App installation (from the
//! `app_auth` block or the environment, with or without the installation id, on
//! GitHub Enterprise's `/api/v3` prefix, through an apply that outlives many one-second
//! tokens), refusals before anything is written, the `gh` CLI's token as the last resort,
//! and trace logs without a JWT, a token or a line of the key.

use std::time::{Duration, Instant};

use crate::common::{emulator, with_stub_gh, Tf, ORG};
use github_emulator::{AppInfo, AppSpec, Emulator, EmulatorConfig, Faults};

const TOKENS: &str = "POST /app/installations/{installation_id}/access_tokens";
const LOOKUP: &str = "GET /orgs/{org}/installation";

/// A directory whose provider reaches `emu` with no token, the App's key in `app.pem`.
fn app_dir(emu: &Emulator, app: &AppInfo) -> Tf {
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_OWNER", ORG);
    tf.write("app.pem", &app.private_key_pem);
    tf
}

/// A provider block with `app_auth`; ids as number literals, as the GitHub provider's
/// configurations often have them.
fn app_block(app: &AppInfo, with_installation: bool) -> String {
    let installation = match app.installation_id {
        Some(id) if with_installation => format!("    installation_id = {id}\n"),
        _ => String::new(),
    };
    format!(
        "provider \"codespaces\" {{\n  app_auth {{\n    id       = {}\n{installation}    pem_file = file(\"app.pem\")\n  }}\n}}\n",
        app.app_id
    )
}

fn secrets(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "resource \"codespaces_org_secret\" \"s{i}\" {{\n  secret_name = \"APP_{i}\"\n  value       = \"value-{i}\"\n  visibility  = \"private\"\n}}\n"
            )
        })
        .collect()
}

fn folded(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_apply_outliving_many_installation_tokens_succeeds() {
    let emu = emulator();
    let app = emu.app().unwrap();
    emu.set_installation_token_lifetime(Duration::from_secs(1));
    emu.set_faults(Faults {
        latency_ms: 300,
        ..Faults::default()
    });
    let tf = app_dir(&emu, &app);
    tf.config(&format!("{}{}", app_block(&app, true), secrets(20)));
    let started = Instant::now();
    tf.ok(&[
        "apply",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-parallelism=4",
    ]);
    let took = started.elapsed();
    let minted = emu.installation_tokens_issued();
    // A 401 is allowed (a token may expire in flight on a loaded machine), and renewed once.
    let refused = emu.requests().iter().filter(|r| r.status == 401).count();
    eprintln!(
        "apply of 20 secrets took {took:?}: {minted} installation tokens minted, {refused} calls answered 401"
    );
    assert!(
        took > Duration::from_secs(3),
        "the apply outlived several tokens"
    );
    assert!(
        minted >= 2,
        "tokens were renewed during the apply: {minted}"
    );
    let stored = emu.secrets(ORG);
    assert_eq!(stored.len(), 20);
    assert!(stored.iter().any(|s| s.plaintext == b"value-7"));
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);
}

#[test]
fn the_installation_is_looked_up_when_its_id_is_left_out() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let tf = app_dir(&emu, &app);
    tf.config(&format!("{}{}", app_block(&app, false), secrets(1)));
    tf.apply();
    assert!(emu.count(LOOKUP) >= 1);
    assert!(emu.secret(ORG, "APP_0").is_some());
}

#[test]
fn the_environment_variables_configure_the_app() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let tf = app_dir(&emu, &app)
        .env("GITHUB_APP_ID", &app.app_id.to_string())
        .env(
            "GITHUB_APP_INSTALLATION_ID",
            &app.installation_id.unwrap().to_string(),
        )
        .env("GITHUB_APP_PEM_FILE", &app.private_key_pem);
    tf.config(&format!("provider \"codespaces\" {{}}\n{}", secrets(1)));
    tf.apply();
    assert!(emu.installation_tokens_issued() >= 1);
    assert_eq!(
        emu.count(LOOKUP),
        0,
        "the installation id came from the environment"
    );
    assert!(emu.secret(ORG, "APP_0").is_some());
}

#[test]
fn a_malformed_key_is_refused_at_plan_without_a_request() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let tf = app_dir(&emu, &app);
    let broken: String = app
        .private_key_pem
        .lines()
        .take(6)
        .collect::<Vec<_>>()
        .join("\n");
    tf.write("app.pem", &broken);
    tf.config(&format!("{}{}", app_block(&app, true), secrets(1)));
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok());
    let text = folded(&r.text());
    assert!(
        text.contains("Invalid app_auth.pem_file") && text.contains("cannot be used"),
        "{}",
        r.text()
    );
    for line in broken.lines().skip(1) {
        assert!(!r.text().contains(line), "a line of the key was shown");
    }
    assert_eq!(emu.total_requests(), 0, "{:?}", emu.requests());
}

#[test]
fn the_key_of_another_app_gets_the_401_advice() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let other = emu.register_app(AppSpec::not_installed()).unwrap();
    let tf = app_dir(&emu, &app);
    tf.write("app.pem", &other.private_key_pem);
    tf.config(&format!("{}{}", app_block(&app, true), secrets(1)));
    let r = tf.run(&["apply", "-auto-approve", "-no-color", "-input=false"]);
    assert!(!r.ok());
    let text = folded(&r.text());
    for expected in [
        "HTTP 401".to_string(),
        format!("App {}", app.app_id),
        format!("installation {}", app.installation_id.unwrap()),
        "check that the private key is this App's".into(),
        "the App is installed".into(),
    ] {
        assert!(
            text.contains(&expected),
            "{expected:?} missing:\n{}",
            r.text()
        );
    }
    assert!(emu.secrets(ORG).is_empty());
    assert_eq!(emu.installation_tokens_issued(), 0);
}

#[test]
fn token_and_app_auth_together_are_refused() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let tf = app_dir(&emu, &app);
    let block = app_block(&app, true).replacen(
        "  app_auth {",
        "  token = \"ghp_example\"\n  app_auth {",
        1,
    );
    tf.config(&format!("{block}{}", secrets(1)));
    let r = tf.run(&["validate", "-no-color"]);
    assert!(!r.ok());
    let text = folded(&r.text());
    assert!(
        text.contains("Conflicting credentials") && text.contains("`token` and `app_auth`"),
        "{}",
        r.text()
    );
    assert_eq!(emu.total_requests(), 0);
}

#[test]
fn the_gh_clis_token_is_used_when_nothing_else_is_set() {
    let emu = Emulator::start(EmulatorConfig {
        tokens: vec!["gho_from-the-cli".into()],
        ..EmulatorConfig::default()
    })
    .unwrap();
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_OWNER", ORG)
        .env("TF_LOG", "trace");
    let script = "if [ \"$*\" = \"auth token --hostname 127.0.0.1\" ]; then echo gho_from-the-cli; exit 0; fi\necho \"unexpected: $*\" >&2\nexit 1\n";
    let path = with_stub_gh(tf.path(), script);
    let tf = tf.env("PATH", &path.to_string_lossy());
    tf.config(&secrets(1));
    let r = tf.apply();
    assert!(emu.secret(ORG, "APP_0").is_some());
    assert!(r.stderr.contains("using the GitHub CLI's token"), "logged");
    assert!(
        !r.text().contains("gho_from-the-cli"),
        "the token is not logged"
    );
}

#[test]
fn trace_logs_hold_no_jwt_installation_token_or_key() {
    let emu = emulator();
    let app = emu.app().unwrap();
    emu.set_installation_token_lifetime(Duration::from_secs(1));
    let tf = app_dir(&emu, &app).env("TF_LOG", "trace");
    let log_file = tf.path().join("trace.log");
    let tf = tf.env("TF_LOG_PATH", &log_file.to_string_lossy());
    tf.config(&format!("{}{}", app_block(&app, true), secrets(3)));
    let apply = tf.apply();
    let plan = tf.run(&["plan", "-no-color"]);
    let file = std::fs::read_to_string(&log_file).unwrap_or_default();
    let all = format!("{}{}{}", apply.text(), plan.text(), file);
    assert!(all.contains("provider.codespaces"), "trace logging was on");
    assert!(emu.installation_tokens_issued() >= 1);
    // Every JWT the provider signs starts with this header.
    let jwt_header = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";
    assert!(!all.contains(jwt_header), "a JWT was logged");
    assert!(!all.contains("ghs_"), "an installation token was logged");
    for line in app.private_key_pem.lines().skip(1) {
        if line.starts_with("-----") {
            continue;
        }
        assert!(!all.contains(line), "a line of the key was logged");
    }
}

#[test]
fn github_enterprise_serves_the_app_endpoints_under_api_v3() {
    let emu = Emulator::start(EmulatorConfig {
        path_prefix: "/api/v3".into(),
        ..EmulatorConfig::default()
    })
    .unwrap();
    let app = emu.app().unwrap();
    let tf = app_dir(&emu, &app);
    tf.config(&format!("{}{}", app_block(&app, false), secrets(1)));
    tf.apply();
    assert!(emu.base_url().ends_with("/api/v3"));
    let paths: Vec<String> = emu.requests().into_iter().map(|r| r.path).collect();
    assert!(
        paths.contains(&"/api/v3/orgs/acme/installation".to_string()),
        "{paths:?}"
    );
    let token_path = format!(
        "/api/v3/app/installations/{}/access_tokens",
        app.installation_id.unwrap()
    );
    assert!(paths.contains(&token_path), "{paths:?}");
    assert!(emu.count(TOKENS) >= 1);
    assert!(emu.secret(ORG, "APP_0").is_some());
}
