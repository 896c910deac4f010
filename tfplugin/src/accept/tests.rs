//! Tests of the accept loop: a persistent accept error is retried with backoff instead of in
//! a tight loop, and a client that connects but never starts the TLS handshake is dropped.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use tokio::io::AsyncReadExt;

use super::*;
use crate::tls::auto_mtls;

/// A listener whose every accept fails, as with EMFILE. A loop without backoff would call it
/// without ever sleeping; past `SPIN` calls it hangs, so that such a loop lets time pass too.
struct OutOfDescriptors {
    calls: Arc<AtomicU32>,
}

const SPIN: u32 = 1000;

impl Listener for OutOfDescriptors {
    fn accept(&self) -> impl Future<Output = io::Result<(TcpStream, SocketAddr)>> + Send {
        let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        async move {
            if call > SPIN {
                std::future::pending::<()>().await;
            }
            Err(io::Error::other("Too many open files (os error 24)"))
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_persistent_accept_error_is_retried_at_most_once_a_second() {
    let calls = Arc::new(AtomicU32::new(0));
    let listener = OutOfDescriptors {
        calls: calls.clone(),
    };
    let (tx, _rx) = mpsc::channel(1);
    let ran = tokio::time::timeout(
        Duration::from_secs(30),
        accept_loop(listener, None, HANDSHAKE_TIMEOUT, tx),
    )
    .await;
    assert!(ran.is_err(), "the loop gave up instead of retrying");
    // 5, 10, 20, ... 640 ms (1.3 s in all), then one attempt a second.
    let calls = calls.load(Ordering::SeqCst);
    assert!(
        (30..=40).contains(&calls),
        "{calls} accept attempts in 30 s"
    );
}

fn tls_acceptor() -> TlsAcceptor {
    let key = rcgen::KeyPair::generate().expect("a key");
    let params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).expect("params");
    let host = params.self_signed(&key).expect("the host's certificate");
    let mtls = auto_mtls(&host.pem()).expect("AutoMTLS configuration");
    TlsAcceptor::from(mtls.config)
}

#[tokio::test]
async fn a_client_that_never_starts_the_handshake_is_dropped() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (tx, mut rx) = mpsc::channel(1);
    let timeout = Duration::from_millis(200);
    tokio::spawn(accept_loop(listener, Some(tls_acceptor()), timeout, tx));

    let mut silent = TcpStream::connect(addr).await.expect("connect");
    let mut buf = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(10), silent.read(&mut buf))
        .await
        .expect("the server kept a silent connection open");
    match read {
        Ok(0) => {}
        Ok(n) => panic!("the server sent {n} bytes to a client that sent nothing"),
        Err(e) => assert_eq!(e.kind(), io::ErrorKind::ConnectionReset, "{e}"),
    }
    assert!(
        rx.try_recv().is_err(),
        "a connection without a handshake reached the server"
    );
}
