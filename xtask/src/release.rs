//! The registry's per-release files: the manifest
//! (`terraform-provider-codespaces_VERSION_manifest.json`, naming the plugin protocol) and
//! `terraform-provider-codespaces_VERSION_SHA256SUMS`, one `<hex>  <file>` line for each zip
//! and for the manifest, sorted by file name, as the Registry and private registries expect.

use std::path::{Path, PathBuf};

use crate::hash::sha256_file;
use crate::{DistError, PACKAGE, PROTOCOL_VERSIONS};

/// The manifest's file name.
pub fn manifest_name(version: &str) -> String {
    format!("{PACKAGE}_{version}_manifest.json")
}

/// The checksum file's name.
pub fn sums_name(version: &str) -> String {
    format!("{PACKAGE}_{version}_SHA256SUMS")
}

/// Writes the manifest into `out_dir`; answers its path.
pub fn write_manifest(out_dir: &Path, version: &str) -> Result<PathBuf, DistError> {
    let manifest = serde_json::json!({
        "version": 1,
        "metadata": { "protocol_versions": PROTOCOL_VERSIONS },
    });
    let path = out_dir.join(manifest_name(version));
    let text = serde_json::to_string_pretty(&manifest).map_err(|source| DistError::Json {
        path: path.clone(),
        source,
    })?;
    std::fs::write(&path, format!("{text}\n")).map_err(DistError::io(&path))?;
    Ok(path)
}

/// Writes `SHA256SUMS` for `files` (all in `out_dir`) into `out_dir`; answers its path.
pub fn write_sums(out_dir: &Path, version: &str, files: &[PathBuf]) -> Result<PathBuf, DistError> {
    let mut entries = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        entries.push((name, sha256_file(file)?));
    }
    entries.sort();
    let text: String = entries
        .iter()
        .map(|(name, hex)| format!("{hex}  {name}\n"))
        .collect();
    let path = out_dir.join(sums_name(version));
    std::fs::write(&path, text).map_err(DistError::io(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_protocol_5() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_manifest(dir.path(), "0.1.0").unwrap();
        assert_eq!(
            path.file_name().unwrap(),
            "terraform-provider-codespaces_0.1.0_manifest.json"
        );
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"version": 1, "metadata": {"protocol_versions": ["5.0"]}})
        );
    }

    #[test]
    fn sums_are_sha256_lines_sorted_by_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let b = dir.path().join("b.zip");
        let a = dir.path().join("a.json");
        std::fs::write(&b, b"").unwrap();
        std::fs::write(&a, b"hello\n").unwrap();
        let path = write_sums(dir.path(), "0.1.0", &[b, a]).unwrap();
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  a.json\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b.zip\n"
        );
    }
}
