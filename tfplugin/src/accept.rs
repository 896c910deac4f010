//! Accepting the host's connections for the gRPC server: the TCP accept loop and, under
//! AutoMTLS, each connection's TLS handshake.
//!
//! A persistent accept error (EMFILE when file descriptors run out, say) leaves the pending
//! connection queued, so retrying at once would spin a core: failures are retried after an
//! exponential backoff capped at one second, and logged. A handshake runs in its own task and
//! is dropped after [`HANDSHAKE_TIMEOUT`], so a client that connects and says nothing holds
//! no socket for long.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tonic::transport::server::Connected;

/// How long a client may take to complete the TLS handshake.
pub(crate) const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
const FIRST_BACKOFF: Duration = Duration::from_millis(5);
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// Where TCP connections come from: the listener, or in tests one that fails.
pub(crate) trait Listener: Send + Sync + 'static {
    /// The next connection.
    fn accept(&self) -> impl Future<Output = io::Result<(TcpStream, SocketAddr)>> + Send;
}

impl Listener for TcpListener {
    fn accept(&self) -> impl Future<Output = io::Result<(TcpStream, SocketAddr)>> + Send {
        TcpListener::accept(self)
    }
}

/// Accepts connections and hands them, handshaken, to the server through `tx`, until the
/// server stops listening.
pub(crate) async fn accept_loop(
    listener: impl Listener,
    tls: Option<TlsAcceptor>,
    handshake_timeout: Duration,
    tx: mpsc::Sender<io::Result<Conn>>,
) {
    let mut backoff = Duration::ZERO;
    while !tx.is_closed() {
        let (tcp, peer) = match listener.accept().await {
            Ok(accepted) => {
                backoff = Duration::ZERO;
                accepted
            }
            Err(e) => {
                backoff = (backoff * 2).clamp(FIRST_BACKOFF, MAX_BACKOFF);
                tracing::warn!(
                    error = %e,
                    retry_in_ms = u64::try_from(backoff.as_millis()).unwrap_or(u64::MAX),
                    "accepting a connection failed; retrying"
                );
                tokio::time::sleep(backoff).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let Some(tls) = &tls else {
            if tx.send(Ok(Conn::Plain(tcp))).await.is_err() {
                return;
            }
            continue;
        };
        let (tls, tx) = (tls.clone(), tx.clone());
        tokio::spawn(async move {
            let peer = peer.to_string();
            match tokio::time::timeout(handshake_timeout, tls.accept(tcp)).await {
                Ok(Ok(stream)) => {
                    let _ = tx.send(Ok(Conn::Tls(Box::new(stream)))).await;
                }
                Ok(Err(e)) => tracing::warn!(
                    peer,
                    error = %e,
                    "refused a connection that failed mutual TLS"
                ),
                Err(_) => tracing::warn!(
                    peer,
                    timeout_ms = u64::try_from(handshake_timeout.as_millis()).unwrap_or(u64::MAX),
                    "dropped a connection whose TLS handshake did not finish in time"
                ),
            }
        });
    }
}

/// An accepted connection, plain or TLS.
pub(crate) enum Conn {
    /// Debug mode: plaintext.
    Plain(TcpStream),
    /// AutoMTLS.
    Tls(Box<tokio_rustls::server::TlsStream<TcpStream>>),
}

impl Connected for Conn {
    type ConnectInfo = ();
    fn connect_info(&self) -> Self::ConnectInfo {}
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_flush(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

#[cfg(test)]
mod tests;
