//! A GitHub App's private key and the JWTs it signs (RS256, as GitHub requires: `iat` a
//! minute in the past for clock drift, `exp` under ten minutes ahead, `iss` the App id).
//!
//! The key is parsed once, up front, so a PEM that does not parse or is not RSA is reported
//! before anything is sent. Signing uses `ring` (already the TLS stack's crypto); the JWT's
//! three parts are assembled here. Neither the key nor a JWT ever appears in `Debug` output
//! or in an error.

use std::fmt;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::PrivateKeyDer;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;

use crate::error::KeyError;

/// How far back `iat` is set, for clocks that run ahead of GitHub's.
const IAT_BACKDATE_SECS: u64 = 60;
/// How long a JWT is valid after `iat` (GitHub allows at most ten minutes ahead of now).
const JWT_LIFETIME_SECS: u64 = 9 * 60;

/// An App's RSA private key, ready to sign. Cheap to clone; compared by its public half.
#[derive(Clone)]
pub struct AppKey(Arc<RsaKeyPair>);

impl fmt::Debug for AppKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AppKey(***)")
    }
}

impl PartialEq for AppKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.public().as_ref() == other.0.public().as_ref()
    }
}

impl Eq for AppKey {}

impl AppKey {
    /// Parses a PEM private key: PKCS#1 (`RSA PRIVATE KEY`, as GitHub downloads it) or
    /// PKCS#8 (`PRIVATE KEY`).
    pub fn from_pem(pem: &SecretString) -> Result<AppKey, KeyError> {
        let der = PrivateKeyDer::from_pem_slice(pem.expose_secret().trim().as_bytes())
            .map_err(|_| KeyError::NotPem)?;
        let pair = match &der {
            PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
            PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
            _ => return Err(KeyError::NotRsa),
        };
        pair.map(|p| AppKey(Arc::new(p))).map_err(|e| {
            let why = e.to_string();
            if why.contains("WrongAlgorithm") {
                KeyError::NotRsa
            } else {
                KeyError::Rejected(why)
            }
        })
    }

    /// A JWT for App `app_id`, issued at unix time `now`.
    pub fn jwt(&self, app_id: &str, now: u64) -> Result<SecretString, KeyError> {
        let iat = now.saturating_sub(IAT_BACKDATE_SECS);
        // Numeric App ids go as numbers, as GitHub's examples do; client ids as strings.
        let iss = app_id
            .parse::<u64>()
            .map_or_else(|_| json!(app_id), |n| json!(n));
        let header = json!({ "alg": "RS256", "typ": "JWT" });
        let claims = json!({ "iat": iat, "exp": iat + JWT_LIFETIME_SECS, "iss": iss });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                signed.as_bytes(),
                &mut signature,
            )
            .map_err(|_| KeyError::Sign)?;
        Ok(SecretString::from(format!(
            "{signed}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        )))
    }
}

#[cfg(test)]
mod tests;
