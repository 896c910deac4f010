//! Process signals, handled as go-plugin plugins handle them.
//!
//! Ctrl-C in a terminal sends SIGINT to Terraform's whole process group, this plugin
//! included. Terraform then calls the `Stop` RPC and waits for the operations in flight to
//! return their results, so the plugin must outlive the signal: SIGINT is ignored (and
//! logged). SIGTERM ends the plugin as the host's Shutdown does. In `--debug` mode no host
//! manages the process, so Ctrl-C stops the standalone server.

use crate::services::ShutdownSignal;

/// Takes over SIGINT and SIGTERM. The handlers are registered before this returns, so call
/// it before the handshake line tells the host we are ready.
#[cfg(unix)]
pub(crate) fn install(debug: bool, shutdown: ShutdownSignal) -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};

    let mut interrupts = signal(SignalKind::interrupt())?;
    let mut terminations = signal(SignalKind::terminate())?;
    let on_term = shutdown.clone();
    tokio::spawn(async move {
        if terminations.recv().await.is_some() {
            tracing::debug!("received SIGTERM; shutting down");
            on_term.raise();
        }
    });
    tokio::spawn(async move {
        let mut count: u64 = 0;
        while interrupts.recv().await.is_some() {
            if debug {
                tracing::debug!("received an interrupt in debug mode; shutting down");
                shutdown.raise();
                return;
            }
            count += 1;
            tracing::info!(
                count,
                "plugin received an interrupt signal, ignoring it: Terraform stops plugins \
                 with the Stop and Shutdown calls"
            );
        }
    });
    Ok(())
}

/// Takes over Ctrl-C: ignored when Terraform runs us, the end of the server in debug mode.
#[cfg(not(unix))]
pub(crate) fn install(debug: bool, shutdown: ShutdownSignal) -> std::io::Result<()> {
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if debug {
                shutdown.raise();
                return;
            }
            tracing::info!("plugin received an interrupt signal, ignoring it");
        }
    });
    Ok(())
}
