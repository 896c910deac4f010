//! Running Terraform against the example provider: the example built once (its binary as
//! cargo reports it, so the same code works in the workspace, in the packaged crate and
//! under any `CARGO_TARGET_DIR`), a folder per test with the CLI configuration, and a
//! Terraform log per command, where the provider's lines go (`TF_LOG_PATH`, which a
//! command's provisioners see too).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use tfplugin::testing::{
    build_example, log_field, provider_log_lines, terraform_cli, TerraformVersion,
};

fn terraform() -> PathBuf {
    terraform_cli().expect("terraform not found ($TERRAFORM, $PATH, /usr/local/bin/terraform)")
}

/// True when the Terraform found is at least `major.minor`; otherwise `test` says, visibly,
/// that it did not run.
pub fn terraform_at_least(major: u32, minor: u32, test: &str) -> bool {
    static VERSION: OnceLock<TerraformVersion> = OnceLock::new();
    let version = VERSION.get_or_init(|| TerraformVersion::of(&terraform()).unwrap());
    version.at_least(major, minor, test)
}

/// Builds the example once and answers the path of its binary.
fn example() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        build_example(&manifest, "hello").unwrap_or_else(|e| panic!("{e}"))
    })
}

/// A folder where Terraform runs the example provider.
pub struct Workspace {
    dir: tempfile::TempDir,
    commands: AtomicUsize,
}

/// What a terraform command did.
pub struct Run {
    /// Its exit code.
    pub code: Option<i32>,
    /// Its stdout, then its stderr.
    pub text: String,
    /// Its Terraform log, with the provider's lines.
    pub log: String,
}

impl Run {
    /// Asserts that the command's output shows each of `texts`, in any order.
    pub fn shows(&self, texts: &[&str]) -> &Run {
        for text in texts {
            assert!(
                self.text.contains(text),
                "{text:?} not shown:\n{}",
                self.text
            );
        }
        self
    }

    /// The provider's log lines with `message`, in order, each as its fields `keys`.
    pub fn logged(&self, message: &str, keys: &[&str]) -> Vec<Vec<String>> {
        provider_log_lines(&self.log, "terraform-provider-hello", message)
            .into_iter()
            .map(|line| {
                keys.iter()
                    .map(|k| log_field(line, k).unwrap_or_default())
                    .collect()
            })
            .collect()
    }
}

impl Workspace {
    /// A folder with `main_tf` (after the `required_providers` block) as configuration.
    pub fn new(main_tf: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let plugins = dir.path().join("plugins");
        std::fs::create_dir(&plugins).unwrap();
        std::fs::copy(example(), plugins.join("terraform-provider-hello")).unwrap();
        std::fs::write(
            dir.path().join("cli.tfrc"),
            format!(
                "provider_installation {{\n  dev_overrides {{\n    \"example/hello\" = {:?}\n  }}\n  direct {{}}\n}}\n",
                plugins.display().to_string()
            ),
        )
        .unwrap();
        let workspace = Workspace {
            dir,
            commands: AtomicUsize::new(0),
        };
        workspace.write("main.tf", &format!("{REQUIRED}{main_tf}"));
        workspace
    }

    /// Writes `text` to `name` in the folder.
    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).unwrap();
    }

    /// The text of `name` in the folder.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    /// Runs `terraform args...` (with `-no-color` and `-input=false` added where they
    /// apply), whatever its outcome.
    pub fn try_run(&self, args: &[&str]) -> Run {
        let flags: &[&str] = match args[0] {
            "plan" | "apply" | "destroy" => &["-no-color", "-input=false"],
            "validate" | "show" => &["-no-color"],
            _ => &[],
        };
        let mut all = vec![args[0]];
        all.extend(flags);
        all.extend(&args[1..]);
        let n = self.commands.fetch_add(1, Ordering::SeqCst);
        let log = self.dir.path().join(format!("terraform-{n}.log"));
        let out: Output = Command::new(terraform())
            .args(&all)
            .current_dir(self.dir.path())
            .env("TF_CLI_CONFIG_FILE", self.dir.path().join("cli.tfrc"))
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env("TF_LOG_PROVIDER", "INFO")
            .env("TF_LOG_PATH", &log)
            .env_remove("TF_LOG")
            .output()
            .expect("terraform could not be started");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Run {
            code: out.status.code(),
            text,
            log: std::fs::read_to_string(&log).unwrap_or_default(),
        }
    }

    /// Runs `terraform args...`, which must succeed.
    pub fn run(&self, args: &[&str]) -> Run {
        let run = self.try_run(args);
        assert_eq!(
            run.code,
            Some(0),
            "terraform {args:?} failed:\n{}",
            run.text
        );
        run
    }

    /// Runs `terraform args...`, which must fail.
    pub fn fail(&self, args: &[&str]) -> Run {
        let run = self.try_run(args);
        assert_eq!(
            run.code,
            Some(1),
            "terraform {args:?} did not fail:\n{}",
            run.text
        );
        run
    }

    /// The state file, parsed.
    pub fn state(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("terraform.tfstate")).unwrap()
    }
}

const REQUIRED: &str =
    "terraform {\n  required_providers {\n    hello = { source = \"example/hello\" }\n  }\n}\n\n";
