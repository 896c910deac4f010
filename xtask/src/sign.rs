//! The detached signature the Registry requires: `SHA256SUMS.sig`, a binary (not armored)
//! OpenPGP signature made by `gpg --detach-sign` with the key the caller names. gpg runs with
//! our environment, so `GNUPGHOME` selects the keyring.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::DistError;

/// The signature's path for a checksum file: the same name with `.sig` added.
pub fn sig_path(sums: &Path) -> PathBuf {
    let mut name = sums.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// Signs `sums` with `key_id` (an id, fingerprint or user id gpg knows); answers the
/// signature's path.
pub fn sign(sums: &Path, key_id: &str) -> Result<PathBuf, DistError> {
    let sig = sig_path(sums);
    let out = Command::new("gpg")
        .args([
            "--batch",
            "--yes",
            "--local-user",
            key_id,
            "--detach-sign",
            "--output",
        ])
        .arg(&sig)
        .arg(sums)
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error)?;
    if !out.status.success() {
        return Err(gpg_failed(key_id, &out));
    }
    Ok(sig)
}

/// Fails early, before a long build, when gpg cannot be started or has no secret key
/// `key_id`.
pub fn check_key(key_id: &str) -> Result<(), DistError> {
    let out = Command::new("gpg")
        .args(["--batch", "--list-secret-keys", key_id])
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error)?;
    if !out.status.success() {
        return Err(gpg_failed(key_id, &out));
    }
    Ok(())
}

fn spawn_error(source: std::io::Error) -> DistError {
    if source.kind() == std::io::ErrorKind::NotFound {
        DistError::GpgMissing(source)
    } else {
        DistError::Spawn {
            program: "gpg".into(),
            source,
        }
    }
}

/// What a gpg run that exited unsuccessfully said.
fn gpg_failed(key_id: &str, out: &std::process::Output) -> DistError {
    DistError::Gpg {
        key_id: key_id.to_string(),
        status: out.status.to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_sits_beside_the_sums() {
        assert_eq!(
            sig_path(Path::new("/d/p_1.0.0_SHA256SUMS")),
            PathBuf::from("/d/p_1.0.0_SHA256SUMS.sig")
        );
    }
}
