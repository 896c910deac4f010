//! The release matrix: which Rust target triples we ship and Terraform's `OS_ARCH` name for
//! each (`linux_amd64`, `darwin_arm64`, `windows_amd64`, ...).

use crate::DistError;

/// A Terraform platform: operating system and architecture as Terraform names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Platform {
    /// `linux`, `darwin` or `windows`.
    pub os: &'static str,
    /// `amd64` or `arm64`.
    pub arch: &'static str,
}

/// The targets of a full release, one per Terraform platform.
pub const RELEASE_MATRIX: &[&str] = &[
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
    "aarch64-pc-windows-msvc",
];

impl Platform {
    /// The platform of a Rust target triple such as `aarch64-apple-darwin`.
    pub fn from_triple(triple: &str) -> Result<Platform, DistError> {
        let unsupported = || DistError::Target(triple.to_string());
        let (arch, rest) = triple.split_once('-').ok_or_else(unsupported)?;
        let arch = terraform_arch(arch).ok_or_else(unsupported)?;
        let os = if rest.contains("-linux") {
            "linux"
        } else if rest.contains("-darwin") {
            "darwin"
        } else if rest.contains("-windows") {
            "windows"
        } else {
            return Err(unsupported());
        };
        Ok(Platform { os, arch })
    }

    /// The platform this program was built for, which is cargo's default target.
    pub fn host() -> Result<Platform, DistError> {
        let unsupported = || {
            DistError::Target(format!(
                "{}-{}",
                std::env::consts::ARCH,
                std::env::consts::OS
            ))
        };
        let arch = terraform_arch(std::env::consts::ARCH).ok_or_else(unsupported)?;
        let os = match std::env::consts::OS {
            "linux" => "linux",
            "macos" => "darwin",
            "windows" => "windows",
            _ => return Err(unsupported()),
        };
        Ok(Platform { os, arch })
    }

    /// `OS_ARCH`, as in zip names and the mirror's `archives` keys.
    pub fn name(&self) -> String {
        format!("{}_{}", self.os, self.arch)
    }

    /// `.exe` on windows, nothing elsewhere.
    pub fn exe_suffix(&self) -> &'static str {
        if self.os == "windows" {
            ".exe"
        } else {
            ""
        }
    }
}

fn terraform_arch(rust_arch: &str) -> Option<&'static str> {
    match rust_arch {
        "x86_64" => Some("amd64"),
        "aarch64" => Some("arm64"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_of_the_matrix_has_its_own_platform() {
        let names: Vec<String> = RELEASE_MATRIX
            .iter()
            .map(|t| Platform::from_triple(t).unwrap().name())
            .collect();
        assert_eq!(
            names,
            [
                "linux_amd64",
                "linux_arm64",
                "darwin_amd64",
                "darwin_arm64",
                "windows_amd64",
                "windows_arm64"
            ]
        );
        assert_eq!(
            Platform::from_triple("x86_64-unknown-linux-musl")
                .unwrap()
                .name(),
            "linux_amd64"
        );
        assert_eq!(
            Platform::from_triple("x86_64-pc-windows-gnu")
                .unwrap()
                .exe_suffix(),
            ".exe"
        );
    }

    #[test]
    fn targets_outside_the_matrix_are_refused() {
        for triple in [
            "i686-unknown-linux-gnu",
            "wasm32-unknown-unknown",
            "x86_64",
            "",
        ] {
            let err = Platform::from_triple(triple).unwrap_err();
            assert!(err.to_string().contains(triple), "{err}");
        }
    }

    #[test]
    fn the_host_is_named_like_terraform_names_it() {
        let host = Platform::host().unwrap();
        assert!(["linux", "darwin", "windows"].contains(&host.os));
        assert!(["amd64", "arm64"].contains(&host.arch));
    }
}
