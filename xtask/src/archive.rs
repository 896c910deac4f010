//! The registry zip: `terraform-provider-codespaces_VERSION_OS_ARCH.zip`, one file at its root,
//! `terraform-provider-codespaces_vVERSION` (`.exe` on windows), stored with mode 0755 so the
//! unpacked provider is executable. A fixed timestamp keeps the zip reproducible.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::platform::Platform;
use crate::{DistError, PACKAGE};

/// The zip's file name, e.g. `terraform-provider-codespaces_0.1.0_linux_amd64.zip`.
pub fn zip_name(version: &str, platform: &Platform) -> String {
    format!("{PACKAGE}_{version}_{}.zip", platform.name())
}

/// The binary's name inside the zip, e.g. `terraform-provider-codespaces_v0.1.0`.
pub fn binary_name(version: &str, platform: &Platform) -> String {
    format!("{PACKAGE}_v{version}{}", platform.exe_suffix())
}

/// Writes the zip for `binary` into `out_dir`; answers its path.
pub fn write_zip(
    binary: &Path,
    version: &str,
    platform: &Platform,
    out_dir: &Path,
) -> Result<PathBuf, DistError> {
    let bytes = std::fs::read(binary).map_err(DistError::io(binary))?;
    std::fs::create_dir_all(out_dir).map_err(DistError::io(out_dir))?;
    let path = out_dir.join(zip_name(version, platform));
    let zip_err = |source| DistError::Zip {
        path: path.clone(),
        source,
    };
    let file = File::create(&path).map_err(DistError::io(&path))?;
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o755)
        .last_modified_time(DateTime::default());
    zip.start_file(binary_name(version, platform), options)
        .map_err(zip_err)?;
    zip.write_all(&bytes).map_err(DistError::io(&path))?;
    let file = zip.finish().map_err(zip_err)?;
    file.sync_all().map_err(DistError::io(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    const LINUX: Platform = Platform {
        os: "linux",
        arch: "amd64",
    };

    #[test]
    fn the_zip_holds_the_binary_executable_under_its_versioned_name() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("bin");
        std::fs::write(&binary, b"\x7fELF not really").unwrap();
        let zip = write_zip(&binary, "1.2.3", &LINUX, &dir.path().join("out")).unwrap();
        assert_eq!(
            zip.file_name().unwrap(),
            "terraform-provider-codespaces_1.2.3_linux_amd64.zip"
        );
        let mut archive = zip::ZipArchive::new(File::open(&zip).unwrap()).unwrap();
        assert_eq!(archive.len(), 1);
        let mut entry = archive.by_index(0).unwrap();
        assert_eq!(
            entry.name().unwrap(),
            "terraform-provider-codespaces_v1.2.3"
        );
        assert_eq!(entry.unix_mode().unwrap() & 0o777, 0o755);
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        assert_eq!(content, b"\x7fELF not really");
    }

    #[test]
    fn the_same_binary_gives_the_same_zip() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("bin");
        std::fs::write(&binary, vec![7u8; 10_000]).unwrap();
        let a = write_zip(&binary, "1.0.0", &LINUX, &dir.path().join("a")).unwrap();
        let b = write_zip(&binary, "1.0.0", &LINUX, &dir.path().join("b")).unwrap();
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    }

    #[test]
    fn windows_binaries_end_in_exe() {
        let windows = Platform {
            os: "windows",
            arch: "arm64",
        };
        assert_eq!(
            binary_name("0.1.0", &windows),
            "terraform-provider-codespaces_v0.1.0.exe"
        );
        assert_eq!(
            zip_name("0.1.0", &windows),
            "terraform-provider-codespaces_0.1.0_windows_arm64.zip"
        );
    }
}
