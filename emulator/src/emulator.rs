//! [`Emulator`]: a running emulator and everything a test does with it. Starting and
//! stopping are here; the rest is grouped by what a test asks (its children):
//! `secrets.rs` (what arrived in each home, sealed boxes opened, changes "outside
//! Terraform"), `accounts.rs` (organizations, users, repositories), `traffic.rs` (the
//! request log and tally, faults and limits, held answers), `apps.rs` (GitHub Apps).

mod accounts;
mod apps;
mod secrets;
mod traffic;

use std::net::SocketAddr;
use std::sync::Arc;

pub use accounts::RepoSnapshot;
pub use secrets::SecretSnapshot;

use crate::config::{EmulatorConfig, EmulatorError};
use crate::shared::Shared;

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    user: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Emulator {
    /// Starts on an ephemeral loopback port, on its own thread and runtime.
    pub fn start(config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
        Emulator::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), config)
    }

    /// Starts on `addr`.
    pub fn start_on(addr: SocketAddr, config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(&config));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = crate::routes::router(shared.clone());
        let thread = std::thread::Builder::new()
            .name("github-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })?;
        Ok(Emulator {
            shared,
            addr,
            user: config.user,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` plus the path prefix.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.addr, self.shared.prefix)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shared.holds.release();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
