//! The GitHub workflows (`.github/workflows/`) pass actionlint, which also runs shellcheck on
//! every `run:` script, and actionlint really rejects a broken workflow. actionlint comes from
//! `$ACTIONLINT`, else `target/actionlint/` (set up by `.ci/actionlint`, which `.ci/run` runs),
//! else `PATH`; without it these tests say `NOT RUN`. The Terraform versions `.ci/terraform`
//! installs, the test workflow's matrix and the README's table stay the same list.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::say;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The actionlint to run, or `None` after saying that `test` is not run. A `$ACTIONLINT`
/// that names no file is a failure: whoever set it meant the workflows to be linted.
fn actionlint(test: &str) -> Option<PathBuf> {
    if let Some(set) = std::env::var_os("ACTIONLINT").filter(|v| !v.is_empty()) {
        let path = PathBuf::from(set);
        assert!(
            path.is_file(),
            "ACTIONLINT={} is not a file",
            path.display()
        );
        return Some(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let found = Some(target.join("actionlint/venv/bin/actionlint"))
        .filter(|p| p.is_file())
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(|d| d.join("actionlint"))
                .find(|p| p.is_file())
        });
    if found.is_none() {
        say(&format!(
            "NOT RUN: {test} needs actionlint ($ACTIONLINT, target/actionlint from \
             .ci/actionlint, or PATH), found none"
        ));
    }
    found
}

/// Runs `actionlint files...` in `dir`, with the shellcheck installed beside it when there
/// is one (else actionlint looks for shellcheck on `PATH`).
fn lint(actionlint: &Path, dir: &Path, files: &[PathBuf]) -> Output {
    let mut cmd = Command::new(actionlint);
    cmd.current_dir(dir).args(["-no-color", "-oneline"]);
    let shellcheck = actionlint.with_file_name("shellcheck");
    if shellcheck.is_file() {
        cmd.arg("-shellcheck").arg(shellcheck);
    }
    cmd.args(files)
        .output()
        .unwrap_or_else(|e| panic!("{} could not be started: {e}", actionlint.display()))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_workflows_pass_actionlint() {
    let Some(actionlint) = actionlint("the_workflows_pass_actionlint") else {
        return;
    };
    let dir = root().join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["release.yml", "test.yml"]);
    let out = lint(&actionlint, &root(), &files);
    assert!(
        out.status.success(),
        "actionlint found problems in .github/workflows:\n{}",
        text(&out)
    );
}

#[test]
fn actionlint_rejects_a_broken_workflow() {
    let Some(actionlint) = actionlint("actionlint_rejects_a_broken_workflow") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let workflows = dir.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    let broken = workflows.join("broken.yml");
    // An unknown key, a matrix value that does not exist, and an unquoted variable that
    // shellcheck warns about.
    std::fs::write(
        &broken,
        r#"name: broken
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        terraform: [1.6.6]
    steps:
      - uses: actions/checkout@v5.0.0
        wiht:
          fetch-depth: 0
      - run: echo ${{ matrix.terrafrom }}
      - run: cargo test --test $TEST
"#,
    )
    .unwrap();
    let out = lint(&actionlint, dir.path(), &[broken]);
    let said = text(&out);
    assert!(!out.status.success(), "actionlint passed a broken workflow");
    for problem in ["wiht", "terrafrom", "SC2086"] {
        assert!(
            said.contains(problem),
            "actionlint missed {problem}:\n{said}"
        );
    }
}

/// `(minor, exact version)` for every Terraform `.ci/terraform` installs.
fn ci_versions() -> Vec<(String, String)> {
    let script = std::fs::read_to_string(root().join(".ci/terraform")).unwrap();
    let table = script
        .split("releases=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect(".ci/terraform has a releases table");
    table
        .lines()
        .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
            [minor, _package, version] => Some((minor.to_string(), version.to_string())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_terraform_matrix_is_the_same_in_ci_the_workflow_and_the_readme() {
    let versions = ci_versions();
    let minors: Vec<&str> = versions.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        minors,
        ["1.6", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "1.15"]
    );
    for (minor, version) in &versions {
        assert!(
            version.starts_with(&format!("{minor}.")),
            "{minor} -> {version}"
        );
    }
    let exact: Vec<&str> = versions.iter().map(|(_, v)| v.as_str()).collect();
    let workflow = std::fs::read_to_string(root().join(".github/workflows/test.yml")).unwrap();
    let matrix = format!("terraform: [{}]", exact.join(", "));
    assert!(
        workflow.contains(&matrix),
        "test.yml's matrix should read `{matrix}`"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for version in exact {
        assert!(
            readme.contains(&format!("| {version} | tested")),
            "README's Terraform table has no row `| {version} | tested ...`"
        );
    }
}
