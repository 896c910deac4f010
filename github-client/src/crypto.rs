//! Sealing values for GitHub: a libsodium sealed box (`crypto_box_seal`) to the Curve25519
//! public key of the secrets' home, base64-encoded both ways as GitHub expects.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Why a value could not be sealed.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The key is not 32 bytes of base64.
    #[error("GitHub's public key is not a base64 Curve25519 key")]
    BadPublicKey,
    /// The sealed box could not be made.
    #[error("sealing the value failed")]
    Seal,
}

/// Seals `plaintext` to `public_key_b64` and returns the box as base64.
pub fn seal(public_key_b64: &str, plaintext: &[u8]) -> Result<String, CryptoError> {
    let bytes = STANDARD
        .decode(public_key_b64.trim())
        .map_err(|_| CryptoError::BadPublicKey)?;
    let key: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::BadPublicKey)?;
    let public = crypto_box::PublicKey::from(key);
    let sealed = public
        .seal(&mut crypto_box::aead::OsRng, plaintext)
        .map_err(|_| CryptoError::Seal)?;
    Ok(STANDARD.encode(sealed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_boxes_open_with_the_secret_key_only() {
        let secret = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        let public_b64 = STANDARD.encode(secret.public_key().as_bytes());
        let sealed = seal(&public_b64, b"hunter2").unwrap();
        let raw = STANDARD.decode(&sealed).unwrap();
        assert_eq!(raw.len(), 7 + 48, "ephemeral key (32) + MAC (16) + text");
        assert_eq!(secret.unseal(&raw).unwrap(), b"hunter2");
        let other = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        assert!(other.unseal(&raw).is_err());
        assert_ne!(
            seal(&public_b64, b"hunter2").unwrap(),
            sealed,
            "each box is fresh"
        );
    }

    #[test]
    fn bad_keys_are_refused() {
        assert_eq!(seal("not base64!", b"x"), Err(CryptoError::BadPublicKey));
        assert_eq!(
            seal(&STANDARD.encode([0u8; 16]), b"x"),
            Err(CryptoError::BadPublicKey)
        );
    }
}
