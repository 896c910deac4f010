//! The provider mirror tree, laid out as `terraform providers mirror` writes it, which serves
//! both as a filesystem mirror (packed layout) and, over HTTPS, as a network mirror:
//!
//! ```text
//! mirror/registry.terraform.io/codespaces-tools/codespaces/
//!   index.json                                       {"versions":{"0.1.0":{}}}
//!   0.1.0.json                                       {"archives":{"linux_amd64":{"url":..,"hashes":[h1,zh]}}}
//!   terraform-provider-codespaces_0.1.0_linux_amd64.zip
//! ```
//!
//! Other versions already in the tree stay, and `index.json` lists them all, so one tree can
//! carry several releases.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::{DistError, ADDRESS, PACKAGE};

/// One packaged platform of a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// Terraform's `OS_ARCH`, e.g. `linux_amd64`.
    pub platform: String,
    /// The zip.
    pub path: PathBuf,
    /// `h1:` of the unpacked package, what lock files record.
    pub h1: String,
    /// `zh:` of the zip, its SHA-256.
    pub zh: String,
}

impl Archive {
    /// The zip's file name.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The directory of our provider inside a mirror rooted at `root`.
pub fn package_dir(root: &Path) -> PathBuf {
    root.join(ADDRESS)
}

/// Writes `version` with `archives` into the mirror at `root`, replacing that version's
/// previous archives, and refreshes `index.json`.
pub fn write_mirror(root: &Path, version: &str, archives: &[Archive]) -> Result<(), DistError> {
    let dir = package_dir(root);
    std::fs::create_dir_all(&dir).map_err(DistError::io(&dir))?;
    let prefix = format!("{PACKAGE}_{version}_");
    for entry in std::fs::read_dir(&dir).map_err(DistError::io(&dir))? {
        let path = entry.map_err(DistError::io(&dir))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".zip")) {
            std::fs::remove_file(&path).map_err(DistError::io(&path))?;
        }
    }
    let mut listed = Map::new();
    for archive in archives {
        let copy = dir.join(archive.file_name());
        std::fs::copy(&archive.path, &copy).map_err(DistError::io(&copy))?;
        listed.insert(
            archive.platform.clone(),
            json!({ "url": archive.file_name(), "hashes": [archive.h1, archive.zh] }),
        );
    }
    write_json(
        &dir.join(format!("{version}.json")),
        &json!({ "archives": listed }),
    )?;
    let mut versions = Map::new();
    for entry in std::fs::read_dir(&dir).map_err(DistError::io(&dir))? {
        let path = entry.map_err(DistError::io(&dir))?.path();
        let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned());
        match (stem, path.extension()) {
            (Some(stem), Some(ext)) if ext == "json" && stem != "index" => {
                versions.insert(stem, json!({}));
            }
            _ => {}
        }
    }
    write_json(&dir.join("index.json"), &json!({ "versions": versions }))
}

fn write_json(path: &Path, value: &Value) -> Result<(), DistError> {
    let text = serde_json::to_string_pretty(value).map_err(|source| DistError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    std::fs::write(path, format!("{text}\n")).map_err(DistError::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: PathBuf) -> Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn archive(dir: &Path, version: &str, platform: &str) -> Archive {
        let path = dir.join(format!("{PACKAGE}_{version}_{platform}.zip"));
        std::fs::write(&path, platform).unwrap();
        Archive {
            platform: platform.into(),
            path,
            h1: format!("h1:{platform}"),
            zh: format!("zh:{platform}"),
        }
    }

    #[test]
    fn the_tree_lists_each_archive_with_both_hashes() {
        let dist = tempfile::tempdir().unwrap();
        let root = dist.path().join("mirror");
        let archives = [
            archive(dist.path(), "0.1.0", "linux_amd64"),
            archive(dist.path(), "0.1.0", "darwin_arm64"),
        ];
        write_mirror(&root, "0.1.0", &archives).unwrap();
        let dir = root.join("registry.terraform.io/codespaces-tools/codespaces");
        assert_eq!(
            read(dir.join("index.json")),
            json!({"versions": {"0.1.0": {}}})
        );
        assert_eq!(
            read(dir.join("0.1.0.json")),
            json!({"archives": {
                "linux_amd64": {
                    "url": "terraform-provider-codespaces_0.1.0_linux_amd64.zip",
                    "hashes": ["h1:linux_amd64", "zh:linux_amd64"]
                },
                "darwin_arm64": {
                    "url": "terraform-provider-codespaces_0.1.0_darwin_arm64.zip",
                    "hashes": ["h1:darwin_arm64", "zh:darwin_arm64"]
                }
            }})
        );
        assert_eq!(
            std::fs::read_to_string(dir.join(archives[1].file_name())).unwrap(),
            "darwin_arm64"
        );
    }

    #[test]
    fn a_new_version_joins_the_tree_and_a_rebuilt_one_replaces_its_archives() {
        let dist = tempfile::tempdir().unwrap();
        let root = dist.path().join("mirror");
        write_mirror(
            &root,
            "0.1.0",
            &[archive(dist.path(), "0.1.0", "linux_amd64")],
        )
        .unwrap();
        write_mirror(
            &root,
            "0.2.0",
            &[archive(dist.path(), "0.2.0", "linux_amd64")],
        )
        .unwrap();
        write_mirror(
            &root,
            "0.2.0",
            &[archive(dist.path(), "0.2.0", "linux_arm64")],
        )
        .unwrap();
        let dir = package_dir(&root);
        assert_eq!(
            read(dir.join("index.json")),
            json!({"versions": {"0.1.0": {}, "0.2.0": {}}})
        );
        assert!(dir
            .join(format!("{PACKAGE}_0.1.0_linux_amd64.zip"))
            .is_file());
        assert!(!dir
            .join(format!("{PACKAGE}_0.2.0_linux_amd64.zip"))
            .exists());
        assert!(dir
            .join(format!("{PACKAGE}_0.2.0_linux_arm64.zip"))
            .is_file());
    }
}
