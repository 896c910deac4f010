//! Holding answers back: a test names a route whose requests are carried out (and counted)
//! as usual, but whose answers are then kept back until the test releases them. The client
//! is thereby stopped, for as long as the test needs, between GitHub doing a write and the
//! client hearing of it: the moment to kill a provider, with no timing involved.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use crate::sync::lock;

/// The held route and the answers held so far.
pub(crate) struct Holds {
    route: watch::Sender<Option<String>>,
    held: Mutex<u64>,
    arrived: Condvar,
}

impl Default for Holds {
    fn default() -> Self {
        Holds {
            route: watch::channel(None).0,
            held: Mutex::new(0),
            arrived: Condvar::new(),
        }
    }
}

impl Holds {
    /// Called once a request on `route` was carried out: waits while that route is held.
    pub(crate) async fn wait(&self, route: &str) {
        let mut current = self.route.subscribe();
        if current.borrow_and_update().as_deref() != Some(route) {
            return;
        }
        *lock(&self.held) += 1;
        self.arrived.notify_all();
        while current.borrow_and_update().as_deref() == Some(route) {
            if current.changed().await.is_err() {
                return;
            }
        }
    }

    /// From now on, answers on `route` are held until [`Holds::release`].
    pub(crate) fn hold(&self, route: &str) {
        *lock(&self.held) = 0;
        self.route.send_replace(Some(route.to_string()));
    }

    /// Lets every held answer go, and holds no more.
    pub(crate) fn release(&self) {
        self.route.send_replace(None);
    }

    /// Blocks until `n` answers are held since [`Holds::hold`], or `timeout` passes;
    /// answers whether they are.
    pub(crate) fn wait_until_held(&self, n: u64, timeout: Duration) -> bool {
        let held = lock(&self.held);
        let (held, _) = self
            .arrived
            .wait_timeout_while(held, timeout, |held| *held < n)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *held >= n
    }
}
