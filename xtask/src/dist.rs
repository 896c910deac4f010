//! `cargo xtask dist`, step by step: build the release binary for each target, zip it, then
//! write the release files over every zip of this version in the output directory (so
//! releases built one target at a time add up): manifest, `SHA256SUMS`, its signature when
//! asked, and the mirror tree.

use std::path::{Path, PathBuf};

use crate::mirror::{self, Archive};
use crate::platform::Platform;
use crate::{archive, cargo, hash, release, sign, DistError, PACKAGE};

/// What the command line asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Rust target triples; none means the host.
    pub targets: Vec<String>,
    /// The GPG key to sign `SHA256SUMS` with.
    pub sign: Option<String>,
    /// Where to write; `<target dir>/dist` when not given.
    pub out_dir: Option<PathBuf>,
}

/// What a dist run wrote.
#[derive(Debug, Clone)]
pub struct Release {
    /// The provider version.
    pub version: String,
    /// The output directory.
    pub out_dir: PathBuf,
    /// Every platform packaged for this version.
    pub archives: Vec<Archive>,
    /// The manifest, `SHA256SUMS` and its signature when signed.
    pub files: Vec<PathBuf>,
    /// The mirror tree's root.
    pub mirror: PathBuf,
}

/// Runs the whole task: build, package, then the release files.
pub fn run(options: &Options) -> Result<Release, DistError> {
    let platforms = options
        .targets
        .iter()
        .map(|t| Ok((Some(t.as_str()), Platform::from_triple(t)?)))
        .collect::<Result<Vec<_>, DistError>>()?;
    let platforms = if platforms.is_empty() {
        vec![(None, Platform::host()?)]
    } else {
        platforms
    };
    if let Some(key) = &options.sign {
        sign::check_key(key)?;
    }
    let meta = cargo::metadata()?;
    let out_dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| meta.target_dir.join("dist"));
    for (target, platform) in &platforms {
        let binary = cargo::build_provider(true, *target)?;
        package(&binary, &meta.version, platform, &out_dir)?;
    }
    finish(&out_dir, &meta.version, options.sign.as_deref())
}

/// Zips `binary` as the package for `platform` into `out_dir`.
pub fn package(
    binary: &Path,
    version: &str,
    platform: &Platform,
    out_dir: &Path,
) -> Result<PathBuf, DistError> {
    archive::write_zip(binary, version, platform, out_dir)
}

/// Writes the manifest, `SHA256SUMS` (signed with `sign_key` when given) and the mirror tree
/// for every zip of `version` in `out_dir`.
pub fn finish(out_dir: &Path, version: &str, sign_key: Option<&str>) -> Result<Release, DistError> {
    let archives = archives(out_dir, version)?;
    if archives.is_empty() {
        return Err(DistError::NoArchive {
            package: PACKAGE,
            version: version.to_string(),
            dir: out_dir.to_path_buf(),
        });
    }
    let manifest = release::write_manifest(out_dir, version)?;
    let mut summed: Vec<PathBuf> = archives.iter().map(|a| a.path.clone()).collect();
    summed.push(manifest.clone());
    let sums = release::write_sums(out_dir, version, &summed)?;
    let mut files = vec![manifest, sums.clone()];
    let sig = sign::sig_path(&sums);
    if sig.exists() {
        // A signature of an earlier SHA256SUMS would not verify: never leave one behind.
        std::fs::remove_file(&sig).map_err(DistError::io(&sig))?;
    }
    if let Some(key) = sign_key {
        files.push(sign::sign(&sums, key)?);
    }
    let mirror = out_dir.join("mirror");
    mirror::write_mirror(&mirror, version, &archives)?;
    Ok(Release {
        version: version.to_string(),
        out_dir: out_dir.to_path_buf(),
        archives,
        files,
        mirror,
    })
}

/// Every `terraform-provider-codespaces_VERSION_OS_ARCH.zip` in `out_dir`, hashed, sorted.
fn archives(out_dir: &Path, version: &str) -> Result<Vec<Archive>, DistError> {
    let prefix = format!("{PACKAGE}_{version}_");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(out_dir).map_err(DistError::io(out_dir))? {
        let path = entry.map_err(DistError::io(out_dir))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(platform) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".zip"))
        else {
            continue;
        };
        found.push(Archive {
            platform: platform.to_string(),
            h1: hash::h1(&path)?,
            zh: hash::zh(&path)?,
            path,
        });
    }
    found.sort_by(|a, b| a.platform.cmp(&b.platform));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_packaged_one_run_at_a_time_add_up_to_one_release() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("bin");
        std::fs::write(&binary, b"provider").unwrap();
        let out = dir.path().join("dist");
        for triple in ["x86_64-unknown-linux-gnu", "aarch64-apple-darwin"] {
            let platform = Platform::from_triple(triple).unwrap();
            package(&binary, "1.0.0", &platform, &out).unwrap();
        }
        let release = finish(&out, "1.0.0", None).unwrap();
        let platforms: Vec<&str> = release
            .archives
            .iter()
            .map(|a| a.platform.as_str())
            .collect();
        assert_eq!(platforms, ["darwin_arm64", "linux_amd64"]);
        let sums =
            std::fs::read_to_string(out.join(format!("{PACKAGE}_1.0.0_SHA256SUMS"))).unwrap();
        let names: Vec<&str> = sums
            .lines()
            .filter_map(|l| l.split_once("  "))
            .map(|l| l.1)
            .collect();
        assert_eq!(
            names,
            [
                "terraform-provider-codespaces_1.0.0_darwin_arm64.zip",
                "terraform-provider-codespaces_1.0.0_linux_amd64.zip",
                "terraform-provider-codespaces_1.0.0_manifest.json",
            ]
        );
        let listed =
            std::fs::read_to_string(mirror::package_dir(&release.mirror).join("1.0.0.json"))
                .unwrap();
        assert!(
            listed.contains("darwin_arm64") && listed.contains("linux_amd64"),
            "{listed}"
        );
    }

    #[test]
    fn an_unsigned_run_removes_the_signature_of_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("bin");
        std::fs::write(&binary, b"provider").unwrap();
        let host = Platform::host().unwrap();
        package(&binary, "1.0.0", &host, dir.path()).unwrap();
        let stale = dir.path().join(format!("{PACKAGE}_1.0.0_SHA256SUMS.sig"));
        std::fs::write(&stale, b"old").unwrap();
        let release = finish(dir.path(), "1.0.0", None).unwrap();
        assert!(!stale.exists());
        assert_eq!(release.files.len(), 2);
    }

    #[test]
    fn finishing_with_no_zip_says_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let err = finish(dir.path(), "1.0.0", None).unwrap_err();
        assert!(
            err.to_string()
                .contains("terraform-provider-codespaces_1.0.0_OS_ARCH.zip"),
            "{err}"
        );
    }
}
