//! Installing this binary where `terraform init` finds it without a registry: Terraform's
//! implicit local mirror, `~/.terraform.d/plugins/<host>/<namespace>/<type>/<version>/<os>_<arch>/`.

use std::path::{Path, PathBuf};

/// Why the binary could not be installed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// `HOME` is not set.
    #[error(
        "HOME is not set, so Terraform's plugin directory (~/.terraform.d/plugins) is unknown"
    )]
    NoHome,
    /// This platform has no Terraform name.
    #[error("Terraform has no platform name for {0}")]
    Platform(String),
    /// Copying failed.
    #[error("could not install into {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Terraform's name for this platform, e.g. `linux_amd64`.
pub fn platform() -> Result<String, InstallError> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "arm" => "arm",
        other => return Err(InstallError::Platform(other.to_string())),
    };
    Ok(format!("{}_{arch}", std::env::consts::OS))
}

/// The directory the binary goes to under `home`.
pub fn mirror_dir(home: &Path, address: &str, version: &str) -> Result<PathBuf, InstallError> {
    Ok(home
        .join(".terraform.d")
        .join("plugins")
        .join(address)
        .join(version)
        .join(platform()?))
}

/// Copies `binary` into the mirror under `home`; answers the installed file.
pub fn install(
    binary: &Path,
    home: &Path,
    address: &str,
    version: &str,
) -> Result<PathBuf, InstallError> {
    let dir = mirror_dir(home, address, version)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InstallError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let name = address.rsplit('/').next().unwrap_or("provider");
    let target = dir.join(format!("terraform-provider-{name}_v{version}"));
    std::fs::copy(binary, &target).map_err(io(&target))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mirror_layout_is_terraforms() {
        let dir = mirror_dir(Path::new("/h"), "registry.terraform.io/a/b", "1.2.3").unwrap();
        let text = dir.display().to_string();
        assert!(
            text.starts_with("/h/.terraform.d/plugins/registry.terraform.io/a/b/1.2.3/"),
            "{text}"
        );
        assert!(text.ends_with(&platform().unwrap()));
    }
}
