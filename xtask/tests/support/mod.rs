//! The harness of the dist tests: the real `terraform` (never a mock; missing is a failure),
//! the provider binary packaged once per test run, and a working directory with its own `HOME`
//! and CLI configuration, so nothing from the developer's machine leaks in.
#![allow(dead_code)]

pub mod https;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use xtask::dist::{self, Release};
use xtask::platform::Platform;

/// The terraform binary: `$TERRAFORM`, the first on `PATH`, or /usr/local/bin/terraform.
pub fn terraform() -> PathBuf {
    if let Some(p) = std::env::var_os("TERRAFORM") {
        return PathBuf::from(p);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("terraform"))
        .chain([PathBuf::from("/usr/local/bin/terraform")])
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "terraform was not found ($TERRAFORM, $PATH, /usr/local/bin/terraform): the \
                 dist tests need Terraform 1.11 or later installed"
            )
        })
}

/// gpg: the first on `PATH`, or /usr/bin/gpg. Missing is a failure, never a skip.
pub fn gpg() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("gpg"))
        .chain([PathBuf::from("/usr/bin/gpg")])
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("gpg was not found ($PATH, /usr/bin/gpg): the signing test needs GnuPG 2")
        })
}

/// The provider version, from cargo.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| xtask::cargo::metadata().unwrap().version)
}

/// The release binary, built once for all tests here (the same build `cargo xtask dist` uses,
/// so the end-to-end test costs no second build).
pub fn provider_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| xtask::cargo::build_provider(true, None).unwrap())
}

/// Packages `binary` for the host and writes the release files into `out_dir`.
pub fn release(binary: &Path, out_dir: &Path) -> Release {
    dist::package(binary, version(), &Platform::host().unwrap(), out_dir).unwrap();
    dist::finish(out_dir, version(), None).unwrap()
}

/// The hashes `VERSION.json` lists for the host platform: (h1, zh).
pub fn mirror_hashes(release: &Release) -> (String, String) {
    let dir = xtask::mirror::package_dir(&release.mirror);
    let text = std::fs::read_to_string(dir.join(format!("{}.json", version()))).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let platform = Platform::host().unwrap().name();
    let hashes = json["archives"][&platform]["hashes"].as_array().unwrap();
    let h1 = hashes
        .iter()
        .filter_map(|h| h.as_str())
        .find(|h| h.starts_with("h1:"));
    let zh = hashes
        .iter()
        .filter_map(|h| h.as_str())
        .find(|h| h.starts_with("zh:"));
    (h1.unwrap().to_string(), zh.unwrap().to_string())
}

/// The hashes a lock file records, in order.
pub fn locked_hashes(lock: &str) -> Vec<String> {
    lock.lines()
        .map(|l| l.trim().trim_end_matches(',').trim_matches('"'))
        .filter(|l| l.starts_with("h1:") || l.starts_with("zh:"))
        .map(String::from)
        .collect()
}

/// What a command did.
pub struct Run {
    pub code: i32,
    pub text: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            text: format!(
                "{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
}

/// A terraform working directory requiring our provider at this version, with a temporary
/// `HOME` and the CLI configuration given.
pub struct Tf {
    pub dir: tempfile::TempDir,
    home: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl Tf {
    pub fn new(cli_config: &str) -> Tf {
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("cli.tfrc"), cli_config).unwrap();
        std::fs::write(
            dir.path().join("main.tf"),
            format!(
                "terraform {{\n  required_providers {{\n    codespaces = {{\n      source  = \
                 \"codespaces-tools/codespaces\"\n      version = \"{}\"\n    }}\n  }}\n}}\n\n\
                 provider \"codespaces\" {{}}\n",
                version()
            ),
        )
        .unwrap();
        Tf {
            dir,
            home,
            env: Vec::new(),
        }
    }

    /// A directory whose CLI configuration installs from a filesystem mirror at `mirror`.
    pub fn filesystem_mirror(mirror: &Path) -> Tf {
        Tf::new(&format!(
            "provider_installation {{\n  filesystem_mirror {{\n    path    = {:?}\n    include = \
             [\"{}\"]\n  }}\n}}\n",
            mirror.display().to_string(),
            xtask::ADDRESS
        ))
    }

    pub fn env(mut self, key: &str, value: &str) -> Tf {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The lock file `init` wrote.
    pub fn lock(&self) -> String {
        std::fs::read_to_string(self.path().join(".terraform.lock.hcl")).unwrap()
    }

    /// Runs `terraform args... -no-color`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(terraform());
        cmd.args(args)
            .arg("-no-color")
            .current_dir(self.path())
            .env("HOME", self.home.path())
            .env("TF_CLI_CONFIG_FILE", self.home.path().join("cli.tfrc"))
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env_remove("TF_PLUGIN_CACHE_DIR")
            .env_remove("TF_LOG");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("terraform could not be started"))
    }

    /// Runs and requires success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "terraform {args:?} failed:\n{}", run.text);
        run
    }
}
