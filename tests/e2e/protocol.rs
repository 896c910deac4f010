//! The binary as go-plugin sees it: the refusal when run by hand, protocol negotiation, the
//! port range, the handshake line, AutoMTLS (only the host's certificate gets in), health,
//! Shutdown ending the process, SIGINT ignored (Ctrl-C reaches the whole process group) and
//! SIGTERM ending it cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tfplugin::testing::goplugin::{health, plugin};
use tfplugin::testing::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};

fn binary() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_terraform-provider-codespaces"));
    c.env_remove(MAGIC_COOKIE_KEY)
        .env_remove("PLUGIN_CLIENT_CERT")
        .env_remove("PLUGIN_PROTOCOL_VERSIONS")
        .env_remove("PLUGIN_MIN_PORT")
        .env_remove("PLUGIN_MAX_PORT");
    c
}

/// Starts the plugin as Terraform would; returns it and its handshake line.
fn start(envs: &[(&str, &str)]) -> (Child, String) {
    let mut cmd = binary();
    cmd.env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "5")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Some(s) = child.try_wait().unwrap() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// How the plugin exited, waited for off the async threads; `None` (and killed) if it is
/// still running after 30 s.
async fn exit_of(mut child: Child) -> Option<std::process::ExitStatus> {
    tokio::task::spawn_blocking(move || {
        let s = wait_exit(&mut child, Duration::from_secs(30));
        if s.is_none() {
            let _ = child.kill();
        }
        s
    })
    .await
    .unwrap()
}

struct Identity {
    pem: String,
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

fn identity() -> Identity {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["localhost".into()]).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).unwrap();
    Identity {
        pem: cert.pem(),
        cert: cert.der().clone(),
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    }
}

/// Trusts exactly the server certificate announced in the handshake, as go-plugin does.
#[derive(Debug)]
struct Pinned(Vec<u8>);

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        ee: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if ee.as_ref() == self.0.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "unexpected server certificate".into(),
            ))
        }
    }
    fn verify_tls12_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            m,
            c,
            d,
            &rustls::crypto::ring::default_provider().signature_verification_algorithms,
        )
    }
    fn verify_tls13_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            m,
            c,
            d,
            &rustls::crypto::ring::default_provider().signature_verification_algorithms,
        )
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        rustls::crypto::ring::default_provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn parse_handshake(line: &str) -> (String, Vec<u8>) {
    let parts: Vec<&str> = line.split('|').collect();
    assert_eq!(parts.len(), 6, "{line}");
    assert_eq!(&parts[..3], ["1", "5", "tcp"], "{line}");
    assert!(parts[3].starts_with("127.0.0.1:"), "{line}");
    assert_eq!(parts[4], "grpc");
    let cert = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(parts[5])
        .unwrap_or_default();
    (parts[3].to_string(), cert)
}

/// Calls grpc.health.v1 Check over TLS, presenting `client` (or no certificate).
async fn health_over_tls(
    addr: &str,
    server_cert: Vec<u8>,
    client: Option<&Identity>,
) -> Result<i32, String> {
    let builder = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .dangerous()
    .with_custom_certificate_verifier(Arc::new(Pinned(server_cert)));
    let mut config = match client {
        Some(id) => builder
            .with_client_auth_cert(vec![id.cert.clone()], id.key.clone_key())
            .unwrap(),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let addr = addr.to_string();
    let channel = tonic::transport::Endpoint::from_static("http://localhost")
        .connect_with_connector(tower::service_fn(move |_| {
            let connector = connector.clone();
            let addr = addr.clone();
            async move {
                let tcp = tokio::net::TcpStream::connect(addr).await?;
                let tls = connector
                    .connect(ServerName::try_from("localhost").unwrap(), tcp)
                    .await?;
                Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(tls))
            }
        }))
        .await
        .map_err(|e| format!("connect: {e:?}"))?;
    let mut client = health::health_client::HealthClient::new(channel);
    let reply = client
        .check(health::HealthCheckRequest {
            service: "plugin".into(),
        })
        .await
        .map_err(|e| format!("check: {e}"))?;
    Ok(reply.into_inner().status)
}

#[test]
fn run_by_hand_it_says_what_it_is_and_exits_1() {
    let out = binary().output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("Terraform provider plugin") && text.trim().lines().count() == 1,
        "{text}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_host_without_protocol_5_gets_a_clear_error() {
    let out = binary()
        .env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "4,6")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("protocol 5") && text.contains("4,6"),
        "{text}"
    );
}

#[test]
fn the_handshake_line_respects_the_port_range() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let (mut child, line) = start(&[("PLUGIN_MIN_PORT", &port), ("PLUGIN_MAX_PORT", &port)]);
    child.kill().unwrap();
    child.wait().unwrap();
    let (addr, cert) = parse_handshake(&line);
    assert_eq!(addr, format!("127.0.0.1:{port}"));
    assert!(cert.is_empty(), "no certificate without AutoMTLS");
}

#[tokio::test]
async fn automtls_admits_only_the_hosts_certificate() {
    let host = identity();
    let (mut child, line) = start(&[("PLUGIN_CLIENT_CERT", &host.pem)]);
    let (addr, server_cert) = parse_handshake(&line);
    assert!(
        !server_cert.is_empty(),
        "the handshake carries our certificate"
    );
    let parsed =
        x509_parser::parse_x509_certificate(&server_cert).map(|(_, c)| c.subject().to_string());
    assert!(parsed.is_ok_and(|s| s.contains("localhost")));

    let ok = health_over_tls(&addr, server_cert.clone(), Some(&host)).await;
    assert_eq!(
        ok,
        Ok(health::health_check_response::ServingStatus::Serving as i32)
    );

    let stranger = identity();
    assert!(
        health_over_tls(&addr, server_cert.clone(), Some(&stranger))
            .await
            .is_err(),
        "another certificate"
    );
    assert!(
        health_over_tls(&addr, server_cert, None).await.is_err(),
        "no certificate"
    );

    let plain = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await;
    let plain_ok = match plain {
        Ok(ch) => health::health_client::HealthClient::new(ch)
            .check(health::HealthCheckRequest {
                service: "plugin".into(),
            })
            .await
            .is_ok(),
        Err(_) => false,
    };
    assert!(!plain_ok, "a plaintext client is refused");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn shutdown_makes_the_process_exit() {
    let (child, line) = start(&[]);
    let (addr, _) = parse_handshake(&line);
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut stdio = plugin::grpc_stdio_client::GrpcStdioClient::new(channel.clone());
    let _open_stream = stdio.stream_stdio(plugin::Empty {}).await.unwrap();
    let mut controller = plugin::grpc_controller_client::GrpcControllerClient::new(channel);
    controller.shutdown(plugin::Empty {}).await.unwrap();
    let status = exit_of(child).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "the plugin exits cleanly after Shutdown: {status:?}"
    );
}

fn send(child: &Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) only sends a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
}

async fn plain_health(addr: &str) -> Result<i32, String> {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let reply = health::health_client::HealthClient::new(channel)
        .check(health::HealthCheckRequest {
            service: "plugin".into(),
        })
        .await
        .map_err(|e| format!("check: {e}"))?;
    Ok(reply.into_inner().status)
}

#[tokio::test]
async fn sigint_is_ignored_and_logged_and_sigterm_ends_the_plugin_cleanly() {
    let mut child = binary()
        .env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "5")
        .env("TF_LOG_PROVIDER", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let (addr, _) = parse_handshake(line.trim());
    let mut log = BufReader::new(child.stderr.take().unwrap()).lines();

    send(&child, libc::SIGINT);
    let logged = log
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("interrupt signal"));
    let logged = logged.expect("no log line about the interrupt");
    let entry: serde_json::Value = serde_json::from_str(&logged).unwrap();
    assert_eq!(entry["@level"], "info", "{logged}");
    assert_eq!(
        plain_health(&addr).await,
        Ok(health::health_check_response::ServingStatus::Serving as i32),
        "the plugin still serves after SIGINT"
    );

    send(&child, libc::SIGTERM);
    let status = exit_of(child).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "the plugin exits cleanly on SIGTERM: {status:?}"
    );
}
