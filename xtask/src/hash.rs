//! The two hashes Terraform checks a provider package with: `zh:` is the SHA-256 of the zip
//! (hex), the value in `SHA256SUMS`; `h1:` is the hash of the unpacked package, the "Hash1"
//! of Go's dirhash: SHA-256 over the sorted lines `"<sha256 hex of file>  <path>\n"`, one per
//! file, then base64 (standard, padded). Lock files record `h1:`.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::DistError;

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<String, DistError> {
    let file = File::open(path).map_err(DistError::io(path))?;
    sha256_reader(file).map_err(DistError::io(path))
}

/// The SHA-256 of everything `reader` yields, in hex.
fn sha256_reader(mut reader: impl Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(&buf[..n]);
    }
}

/// `zh:` followed by the zip's SHA-256.
pub fn zh(zip: &Path) -> Result<String, DistError> {
    Ok(format!("zh:{}", sha256_file(zip)?))
}

/// The `h1:` hash of the package inside `zip`, computed from the files as they unpack.
pub fn h1(zip: &Path) -> Result<String, DistError> {
    let zip_err = |source| DistError::Zip {
        path: zip.to_path_buf(),
        source,
    };
    let file = File::open(zip).map_err(DistError::io(zip))?;
    let mut archive = zip::ZipArchive::new(file).map_err(zip_err)?;
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(zip_err)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(zip_err)?.into_owned();
        let digest = sha256_reader(entry).map_err(DistError::io(zip))?;
        files.push((name, digest));
    }
    Ok(h1_of(files))
}

/// Hash1 of `(path, sha256 hex)` pairs, in any order.
pub fn h1_of(mut files: Vec<(String, String)>) -> String {
    files.sort();
    let mut summary = Sha256::new();
    for (name, digest) in &files {
        summary.update(format!("{digest}  {name}\n").as_bytes());
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(summary.finalize());
    format!("h1:{b64}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_and_zero_padded() {
        assert_eq!(hex(&[0, 10, 255]), "000aff");
    }

    #[test]
    fn h1_hashes_sorted_lines_of_file_digests() {
        // sha256("hello\n") and sha256("") are well known; the summary is the SHA-256 of
        // "<a>  a.txt\n<b>  b/c.txt\n", computed here by hand, in sorted order.
        let hello = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let lines = format!("{hello}  a.txt\n{empty}  b/c.txt\n");
        let expected = format!(
            "h1:{}",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(lines.as_bytes()))
        );
        let reversed = vec![
            ("b/c.txt".to_string(), empty.to_string()),
            ("a.txt".to_string(), hello.to_string()),
        ];
        assert_eq!(h1_of(reversed), expected);
    }
}
