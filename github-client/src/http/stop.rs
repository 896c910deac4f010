//! The client's stop signal. Once the client is stopped (its caller is shutting down), no
//! retry or rate-limit wait starts and the waits under way end early; requests already sent
//! are left to finish, so that what GitHub did is returned to the caller.

use tokio::sync::watch;

/// Set once, seen by every wait of the client.
pub(super) struct Stop(watch::Sender<bool>);

impl Default for Stop {
    fn default() -> Self {
        Stop(watch::Sender::new(false))
    }
}

impl Stop {
    /// Asks every wait to end and no new one to start.
    pub(super) fn stop(&self) {
        self.0.send_replace(true);
    }

    /// Whether [`Stop::stop`] was called.
    pub(super) fn is_stopped(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves once [`Stop::stop`] is called (at once if it was).
    pub(super) async fn stopped(&self) {
        let mut rx = self.0.subscribe();
        // The sender lives as long as `self`, so the only answer is "stopped".
        let _ = rx.wait_for(|stopped| *stopped).await;
    }
}
