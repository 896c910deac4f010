//! Everything that can stop `cargo xtask dist`, each with the file or command involved.

use std::path::PathBuf;

/// Why a release could not be built or written.
#[derive(Debug, thiserror::Error)]
pub enum DistError {
    /// The command line was not understood.
    #[error("{0}\n\nusage: cargo xtask dist [--target TRIPLE]... [--sign KEY_ID] [--out-dir DIR]")]
    Usage(String),
    /// A Rust target with no Terraform platform name.
    #[error(
        "no Terraform platform for target {0}: the release matrix is linux, darwin and windows \
         on x86_64 (amd64) and aarch64 (arm64)"
    )]
    Target(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// There is nothing to release.
    #[error("no {package}_{version}_OS_ARCH.zip in {dir}")]
    NoArchive {
        /// The file name prefix.
        package: &'static str,
        /// The version.
        version: String,
        /// Where none was found.
        dir: PathBuf,
    },
    /// A command could not be started.
    #[error("could not run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// Why.
        source: std::io::Error,
    },
    /// cargo failed or answered something unexpected.
    #[error("cargo: {0}")]
    Cargo(String),
    /// Writing or reading a zip failed.
    #[error("zip {path}: {source}")]
    Zip {
        /// The archive.
        path: PathBuf,
        /// Why.
        source: zip::result::ZipError,
    },
    /// JSON could not be written or parsed.
    #[error("{path}: {source}")]
    Json {
        /// The file (or the command whose output it was).
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// gpg is not installed.
    #[error("--sign needs gpg, which was not found on PATH ({0})")]
    GpgMissing(std::io::Error),
    /// gpg refused to sign.
    #[error("gpg cannot sign with secret key {key_id} ({status}):\n{stderr}")]
    Gpg {
        /// The key asked for.
        key_id: String,
        /// gpg's exit status.
        status: String,
        /// What gpg said.
        stderr: String,
    },
}

impl DistError {
    /// A closure turning an I/O error at `path` into a [`DistError::Io`].
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> DistError {
        let path = path.into();
        move |source| DistError::Io { path, source }
    }
}
