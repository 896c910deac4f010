//! AutoMTLS, as go-plugin does it: the host (Terraform) passes its client certificate in
//! `PLUGIN_CLIENT_CERT`; we generate a fresh self-signed server certificate, announce it in
//! the handshake line, and accept only TLS clients that present exactly the host's
//! certificate.
//!
//! go-plugin's client certificate is self-signed, flagged as a CA and keyed with ECDSA
//! P-521. WebPKI path building refuses a CA certificate as an end entity and ring cannot
//! verify P-521, so the verifier here pins the certificate's bytes and checks handshake
//! signatures itself: P-521 with the pure-Rust `p521` crate, everything else with ring.

use std::sync::Arc;

use base64::Engine;
use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{CertificateError, DigitallySignedStruct, DistinguishedName, SignatureScheme};

/// Why TLS could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// `PLUGIN_CLIENT_CERT` holds no PEM certificate.
    #[error("PLUGIN_CLIENT_CERT does not hold a PEM certificate")]
    BadClientCert,
    /// Generating our certificate failed.
    #[error("could not generate the server certificate: {0}")]
    Generate(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The TLS library refused the configuration.
    #[error("TLS configuration: {0}")]
    Rustls(#[source] Box<dyn std::error::Error + Send + Sync>),
}

fn generate(e: rcgen::Error) -> TlsError {
    TlsError::Generate(Box::new(e))
}

fn refused(e: rustls::Error) -> TlsError {
    TlsError::Rustls(Box::new(e))
}

/// The server side of AutoMTLS.
pub(crate) struct AutoMtls {
    /// The rustls configuration to accept connections with.
    pub(crate) config: Arc<rustls::ServerConfig>,
    /// Our certificate, base64 (standard alphabet, no padding) as the handshake line carries it.
    pub(crate) handshake_cert: String,
}

/// Builds the server configuration for a host whose certificate is `client_cert_pem`.
pub(crate) fn auto_mtls(client_cert_pem: &str) -> Result<AutoMtls, TlsError> {
    let expected = first_pem_certificate(client_cert_pem).ok_or(TlsError::BadClientCert)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(PinnedClientCert::new(expected, &provider)?);

    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(generate)?;
    let mut params =
        rcgen::CertificateParams::new(vec!["localhost".to_string()]).map_err(generate)?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "localhost");
    params.extended_key_usages = vec![
        rcgen::ExtendedKeyUsagePurpose::ServerAuth,
        rcgen::ExtendedKeyUsagePurpose::ClientAuth,
    ];
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::DigitalSignature,
        rcgen::KeyUsagePurpose::KeyEncipherment,
        rcgen::KeyUsagePurpose::KeyCertSign,
    ];
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).map_err(generate)?;
    let cert_der = cert.der().clone();
    let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));

    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(refused)?
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![cert_der.clone()], key_der)
        .map_err(refused)?;
    // gRPC clients (grpc-go among them) insist on HTTP/2 being negotiated by ALPN.
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(AutoMtls {
        config: Arc::new(config),
        handshake_cert: base64::engine::general_purpose::STANDARD_NO_PAD.encode(cert_der),
    })
}

/// The DER bytes of the first `CERTIFICATE` block of a PEM text.
pub(crate) fn first_pem_certificate(pem: &str) -> Option<CertificateDer<'static>> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let start = pem.find(BEGIN)? + BEGIN.len();
    let len = pem[start..].find(END)?;
    let body: String = pem[start..start + len].split_whitespace().collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .ok()?;
    Some(CertificateDer::from(der))
}

/// Accepts exactly one client certificate.
#[derive(Debug)]
struct PinnedClientCert {
    expected: CertificateDer<'static>,
    /// The expected certificate's public key, when it is ECDSA P-521.
    p521: Option<p521::ecdsa::VerifyingKey>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedClientCert {
    fn new(
        expected: CertificateDer<'static>,
        provider: &rustls::crypto::CryptoProvider,
    ) -> Result<Self, TlsError> {
        let (_, parsed) = x509_parser::parse_x509_certificate(expected.as_ref())
            .map_err(|_| TlsError::BadClientCert)?;
        let spki = parsed.public_key().subject_public_key.data.as_ref();
        let p521 = p521::ecdsa::VerifyingKey::from_sec1_bytes(spki).ok();
        Ok(PinnedClientCert {
            expected,
            p521,
            algorithms: provider.signature_verification_algorithms,
        })
    }

    fn verify_p521(
        &self,
        message: &[u8],
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        use p521::ecdsa::signature::Verifier;
        let bad = || rustls::Error::InvalidCertificate(CertificateError::BadSignature);
        let key = self.p521.as_ref().ok_or_else(bad)?;
        let signature = p521::ecdsa::Signature::from_der(dss.signature()).map_err(|_| bad())?;
        key.verify(message, &signature).map_err(|_| bad())?;
        Ok(HandshakeSignatureValid::assertion())
    }
}

/// rustls' check of a handshake signature for one TLS version.
type RingCheck = fn(
    &[u8],
    &CertificateDer<'_>,
    &DigitallySignedStruct,
    &WebPkiSupportedAlgorithms,
) -> Result<HandshakeSignatureValid, rustls::Error>;

impl PinnedClientCert {
    /// P-521 here, every other scheme with ring through `ring_check`.
    fn verify_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
        ring_check: RingCheck,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        if dss.scheme == SignatureScheme::ECDSA_NISTP521_SHA512 {
            return self.verify_p521(message, dss);
        }
        ring_check(message, cert, dss, &self.algorithms)
    }
}

impl ClientCertVerifier for PinnedClientCert {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.expected.as_ref() {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verify_signature(message, cert, dss, rustls::crypto::verify_tls12_signature)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verify_signature(message, cert, dss, rustls::crypto::verify_tls13_signature)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        let mut schemes = self.algorithms.supported_schemes();
        if self.p521.is_some() {
            schemes.insert(0, SignatureScheme::ECDSA_NISTP521_SHA512);
        }
        schemes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_certificates_are_read_and_garbage_refused() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let cert = rcgen::CertificateParams::new(vec!["localhost".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let der = first_pem_certificate(&cert.pem()).unwrap();
        assert_eq!(der.as_ref(), cert.der().as_ref());
        assert!(first_pem_certificate("not a certificate").is_none());
        assert!(auto_mtls("garbage").is_err());
        let mtls = auto_mtls(&cert.pem()).unwrap();
        assert!(!mtls.handshake_cert.ends_with('='));
    }
}
