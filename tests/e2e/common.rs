//! The end-to-end harness: runs the real `terraform` binary in a temporary directory with a
//! CLI configuration whose `dev_overrides` point our source address at the provider cargo
//! built, optionally against an in-process github-emulator. Terraform missing is a failure
//! with a clear message, never a skip.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod grants;
pub mod incumbent;
pub mod logs;
pub mod scope;

use github_emulator::{Emulator, EmulatorConfig};
use tfplugin::testing::TerraformVersion;

pub const ORG: &str = "acme";
pub const TOKEN: &str = "test-token";
pub const ADDRESS: &str = "registry.terraform.io/codespaces-tools/codespaces";

/// The terraform binary: `$TERRAFORM`, the first `terraform` on `PATH`, or
/// /usr/local/bin/terraform. The first call prints which one runs, and its version, where
/// cargo's output capture does not hide it.
pub fn terraform() -> PathBuf {
    let found = tfplugin::testing::terraform_cli().unwrap_or_else(|| {
        panic!(
            "terraform was not found ($TERRAFORM, $PATH, /usr/local/bin/terraform): the \
             end-to-end tests need Terraform 1.11 or later installed"
        )
    });
    static ANNOUNCED: std::sync::Once = std::sync::Once::new();
    ANNOUNCED.call_once(|| {
        let version = terraform_version_of(&found);
        say(&format!(
            "end-to-end tests run Terraform {version} ({})",
            found.display()
        ));
    });
    found
}

/// Writes a line to the real stderr: cargo test captures `eprintln!` of passing tests, and
/// what a test skips must never be silent.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The version of the terraform at `path`, from `terraform version -json`.
fn terraform_version_of(path: &Path) -> TerraformVersion {
    TerraformVersion::of(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The version of the terraform the tests run.
fn version() -> TerraformVersion {
    static VERSION: std::sync::OnceLock<TerraformVersion> = std::sync::OnceLock::new();
    *VERSION.get_or_init(|| terraform_version_of(&terraform()))
}

/// The version of the terraform the tests run, as `(major, minor, patch)`.
pub fn terraform_version() -> (u32, u32, u32) {
    let v = version();
    (v.major, v.minor, v.patch)
}

/// True when the Terraform found is at least `major.minor`. Otherwise says, visibly, that
/// `test` needs a newer one (e.g. "needs Terraform >= 1.14, found 1.11.4"), so a test that
/// returns early never passes silently. CI runs such tests again on Terraform 1.15.
pub fn terraform_at_least(major: u32, minor: u32, test: &str) -> bool {
    version().at_least(major, minor, test)
}

/// The provider binary cargo built for these tests.
pub fn provider_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-codespaces"))
}

/// The `terraform { required_providers }` block every test configuration starts with.
pub const REQUIRED: &str = r#"terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
  }
}
"#;

/// What a terraform command did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == 0
    }

    pub fn text(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// Both outputs with Terraform's diagnostic frames and line wrapping folded away, for
    /// finding a sentence that Terraform may have wrapped.
    pub fn folded(&self) -> String {
        fold(&self.text())
    }
}

/// Terraform's output `text` with its diagnostic frames and line wrapping folded away.
pub fn fold(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A working directory for terraform.
pub struct Tf {
    pub dir: tempfile::TempDir,
    cli_config: PathBuf,
    env: Vec<(String, String)>,
}

impl Tf {
    /// An empty directory wired to our provider.
    pub fn new() -> Tf {
        let dir = tempfile::tempdir().unwrap();
        let cli_config = dir.path().join("cli.tfrc");
        let provider_dir = provider_binary().parent().unwrap().to_path_buf();
        let tf = Tf {
            dir,
            cli_config,
            env: Vec::new(),
        };
        tf.overrides(&[(ADDRESS, &provider_dir)]);
        tf
    }

    /// The same directory with integrations/github installed too: the test stand-in that
    /// serves its schemas (`common/incumbent.rs`), as Terraform needs it for `moved` blocks
    /// from its resources.
    pub fn with_incumbent(self) -> Tf {
        let ours = provider_binary().parent().unwrap().to_path_buf();
        self.overrides(&[
            (ADDRESS, &ours),
            (incumbent::ADDRESS, incumbent::stand_in_dir()),
        ]);
        self
    }

    /// Writes the CLI configuration: each provider address taken from its folder
    /// (`dev_overrides`), any other installed as usual.
    fn overrides(&self, providers: &[(&str, &Path)]) {
        let lines: String = providers
            .iter()
            .map(|(address, dir)| format!("    \"{address}\" = {:?}\n", dir.display().to_string()))
            .collect();
        let text = format!(
            "provider_installation {{\n  dev_overrides {{\n{lines}  }}\n  direct {{}}\n}}\n"
        );
        std::fs::write(&self.cli_config, text).unwrap();
    }

    /// A directory whose provider talks to `emu` (owner acme, the emulator's token).
    pub fn against(emu: &Emulator) -> Tf {
        Tf::against_as(emu, TOKEN)
    }

    /// A directory whose provider talks to `emu` as owner acme, with `token`.
    pub fn against_as(emu: &Emulator, token: &str) -> Tf {
        Tf::new()
            .env("GITHUB_BASE_URL", &emu.base_url())
            .env("GITHUB_TOKEN", token)
            .env("GITHUB_OWNER", ORG)
    }

    pub fn env(mut self, key: &str, value: &str) -> Tf {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `main.tf`: the required_providers block, then `body`.
    pub fn config(&self, body: &str) {
        self.write("main.tf", &format!("{REQUIRED}\n{body}"));
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).unwrap();
    }

    /// Runs `terraform args...`. Unless the test sets `PATH`, a `gh` that knows no token
    /// comes first on it, so a developer's own GitHub CLI login never reaches a test.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(
            self.command(args)
                .output()
                .expect("terraform could not be started"),
        )
    }

    /// The `terraform args...` command, with this directory's environment, not started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(terraform());
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env("NO_COLOR", "1")
            .env_remove("TF_LOG")
            .env_remove("TF_LOG_PROVIDER")
            .env_remove("GITHUB_TOKEN")
            .env_remove("GITHUB_OWNER")
            .env_remove("GITHUB_BASE_URL")
            .env_remove("GITHUB_APP_ID")
            .env_remove("GITHUB_APP_INSTALLATION_ID")
            .env_remove("GITHUB_APP_PEM_FILE");
        if !self.env.iter().any(|(k, _)| k == "PATH") {
            cmd.env("PATH", with_stub_gh(self.dir.path(), "exit 1\n"));
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Starts `terraform args...` without waiting for it, its output (both streams) going to
    /// the file `log` in this directory; answers the process and the log's path.
    pub fn start(&self, args: &[&str], log: &str) -> (std::process::Child, PathBuf) {
        let path = self.dir.path().join(log);
        let out = std::fs::File::create(&path).unwrap();
        let child = self
            .command(args)
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("terraform could not be started");
        (child, path)
    }

    /// Runs and requires success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert!(
            r.ok(),
            "terraform {args:?} failed ({}):\n{}",
            r.code,
            r.text()
        );
        r
    }

    /// `apply -auto-approve -no-color`, required to succeed.
    pub fn apply(&self) -> Run {
        self.ok(&["apply", "-auto-approve", "-input=false", "-no-color"])
    }

    /// `plan -detailed-exitcode`: Ok(true) when changes are planned, Ok(false) when none.
    pub fn plan_changes(&self) -> (bool, Run) {
        let r = self.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
        assert!(
            r.code == 0 || r.code == 2,
            "plan failed ({}):\n{}",
            r.code,
            r.text()
        );
        (r.code == 2, r)
    }

    /// Plans, requiring success and Terraform's summary line to contain `summary` (e.g.
    /// "1 to add" or "Plan: 0 to add, 1 to change, 0 to destroy.").
    pub fn plan_says(&self, summary: &str) -> Run {
        let plan = self.ok(&["plan", "-input=false", "-no-color"]);
        assert!(
            plan.stdout.contains(summary),
            "the plan does not say {summary:?}:\n{}",
            plan.stdout
        );
        plan
    }

    /// Plans into a saved plan and answers its `resource_changes` as `terraform show -json`
    /// gives them: each change's `address`, `previous_address` (set for a moved instance)
    /// and `change.actions` (`["no-op"]`, `["update"]`, `["delete","create"]`, ...).
    pub fn planned_changes(&self) -> Vec<serde_json::Value> {
        self.ok(&["plan", "-input=false", "-no-color", "-out=changes.tfplan"]);
        let shown = self.ok(&["show", "-json", "changes.tfplan"]);
        let plan: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
        plan["resource_changes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The state file, parsed.
    pub fn state(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.dir.path().join("terraform.tfstate")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// The raw state file.
    pub fn state_text(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("terraform.tfstate")).unwrap_or_default()
    }

    /// The attributes of resource `addr` (e.g. `codespaces_org_secret.db`) in state.
    /// Attribute `attr` of every instance of resource type `ty` in the state.
    pub fn attributes(&self, ty: &str, attr: &str) -> Vec<serde_json::Value> {
        let state = self.state();
        let resources = state["resources"].as_array().cloned().unwrap_or_default();
        resources
            .iter()
            .filter(|r| r["type"] == ty)
            .flat_map(|r| r["instances"].as_array().cloned().unwrap_or_default())
            .map(|i| i["attributes"][attr].clone())
            .collect()
    }

    pub fn resource(&self, addr: &str) -> serde_json::Value {
        self.instance(addr)["attributes"].clone()
    }

    /// The identity of resource `addr` in state (Terraform 1.12+).
    pub fn identity(&self, addr: &str) -> serde_json::Value {
        self.instance(addr)["identity"].clone()
    }

    /// The first instance of managed resource `addr` in state.
    fn instance(&self, addr: &str) -> serde_json::Value {
        let (ty, name) = addr.split_once('.').unwrap();
        let state = self.state();
        state["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == ty && r["name"] == name && r["mode"] == "managed")
            .map(|r| r["instances"][0].clone())
            .unwrap_or(serde_json::Value::Null)
    }

    /// The root module's outputs, by name, each their value.
    pub fn outputs(&self) -> serde_json::Value {
        let out = self.ok(&["output", "-json"]).stdout;
        let outputs: serde_json::Value = serde_json::from_str(&out).unwrap();
        let values = outputs
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v["value"].clone()));
        serde_json::Value::Object(values.collect())
    }

    /// Plans `config` in this directory, requiring the plan to fail with each of `expected`
    /// (whitespace folded, as Terraform wraps long diagnostics) in a diagnostic that points
    /// at the configuration; `what` names the case in messages.
    pub fn refused_at_plan(&self, what: &str, config: &str, expected: &[&str]) {
        self.config(config);
        let r = self.run(&["plan", "-no-color", "-input=false"]);
        assert!(!r.ok(), "{what}: plan succeeded");
        let folded = r.folded();
        for e in expected {
            assert!(
                folded.contains(e),
                "{what}: expected {e:?} in:\n{}",
                r.text()
            );
        }
        assert!(
            folded.contains("on main.tf line"),
            "{what}: the diagnostic points at the configuration:\n{}",
            r.text()
        );
    }
}

/// `PATH` with a directory under `dir` first that holds a `gh` script running `body`.
pub fn with_stub_gh(dir: &Path, body: &str) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("stub-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gh = bin.join("gh");
    std::fs::write(&gh, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&rest));
    std::env::join_paths(paths).unwrap()
}

/// An emulator with the default organization and token.
pub fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).unwrap()
}

/// An emulator with the default organization that accepts only `token`.
pub fn emulator_accepting(token: &str) -> Emulator {
    Emulator::start(EmulatorConfig {
        tokens: vec![token.into()],
        ..EmulatorConfig::default()
    })
    .unwrap()
}

/// Three secrets of resource type `ty`, one per way of giving a value: `plain` (`value`),
/// `wo` (`value_wo` from the ephemeral variable `token`, with `version`) and `sealed`
/// (`encrypted_value` and `key_id`, from `sealed`); `args` gives each its other arguments.
pub fn value_modes(
    ty: &str,
    args: impl Fn(&str) -> String,
    value: &str,
    version: u32,
    sealed: &(String, String),
) -> String {
    let (sealed, key_id) = sealed;
    format!(
        r#"
variable "token" {{
  type      = string
  sensitive = true
  ephemeral = true
}}
resource "{ty}" "plain" {{
{}  value = "{value}"
}}
resource "{ty}" "wo" {{
{}  value_wo         = var.token
  value_wo_version = {version}
}}
resource "{ty}" "sealed" {{
{}  encrypted_value = "{sealed}"
  key_id          = "{key_id}"
}}
"#,
        args("plain"),
        args("wo"),
        args("sealed")
    )
}

/// The id of the emulator's seeded repository `name`.
pub fn repo_id(emu: &Emulator, name: &str) -> i64 {
    emu.repositories(ORG)
        .iter()
        .find(|r| r.name == name)
        .unwrap()
        .id
}
