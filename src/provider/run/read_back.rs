//! Reading secrets back after writing them (for the `updated_at` of the write), coalesced per
//! home. A lone read-back is one GET of its secret. Read-backs that come as a stream (the
//! last one less than [`STREAM`] ago: Terraform is writing many secrets of the home) share
//! listings of the home's secrets instead: the read-back that finds the stream waits, holding
//! the home's read-back lock, until [`TICK`] after the last read started, then lists, and
//! every read-back that queued behind it meanwhile takes its answer from that listing without
//! a request. So a stream costs at most one listing per [`TICK`], however many secrets it
//! writes, and no read-back waits longer than [`TICK`] for its turn. A listing serves only
//! the secrets written before it started, and is taken only while the home's secrets fit in
//! one page (else a listing could cost more than the GETs it replaces). A secret the listing
//! does not show yet (GitHub's read-after-write lag) is read with a GET, retried through the
//! lag.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use github_client::{Error, Secret, SecretHome};
use tokio::sync::Mutex as AsyncMutex;
use tokio::time::Instant;

use super::Run;

/// Secrets a listing page holds.
const PAGE: usize = 100;

/// Read-backs closer together than this are a stream.
const STREAM: Duration = Duration::from_secs(1);

/// In a stream, a listing is taken at most this often.
const TICK: Duration = Duration::from_millis(300);

/// What a home's read-backs share.
#[derive(Default)]
pub(super) struct ReadBacks {
    shared: AsyncMutex<Shared>,
    /// Read-backs waiting for the lock.
    waiting: AtomicUsize,
}

#[derive(Default)]
struct Shared {
    /// The last listing, and the number of this process's writes when it started.
    taken: Option<(Arc<Vec<Secret>>, u64)>,
    /// When the last read (a GET or a listing) started.
    last: Option<Instant>,
}

impl Run {
    /// Secret `name` of `home` as GitHub has it after this process wrote it: its own GET,
    /// or, in a stream of read-backs, a listing started after the write and shared.
    pub async fn read_back(&self, home: &SecretHome, name: &str) -> Result<Secret, Error> {
        let cache = self.home(home);
        cache.plans.touch(Instant::now());
        let written = {
            let writes = cache.writes();
            let upper = name.to_ascii_uppercase();
            writes.names.get(&upper).map_or(writes.count, |(n, _)| *n)
        };
        let read_backs = &cache.read_backs;
        read_backs.waiting.fetch_add(1, Ordering::SeqCst);
        let mut shared = read_backs.shared.lock().await;
        read_backs.waiting.fetch_sub(1, Ordering::SeqCst);
        let find = |secrets: &[Secret]| {
            secrets
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
                .cloned()
        };
        if let Some((secrets, at)) = &shared.taken {
            if let Some(found) = find(secrets).filter(|_| *at >= written) {
                return Ok(found);
            }
        }
        let one_page = shared.taken.as_ref().is_none_or(|(s, _)| s.len() < PAGE);
        let now = Instant::now();
        let stream = shared
            .last
            .filter(|last| now.duration_since(*last) < STREAM);
        if let (Some(last), true) = (stream, one_page) {
            tokio::time::sleep_until(last + TICK).await;
            let at = cache.writes().count;
            shared.last = Some(Instant::now());
            let secrets = Arc::new(self.client.list_secrets(home).await?);
            shared.taken = Some((secrets.clone(), at));
            drop(shared);
            let sharing = read_backs.waiting.load(Ordering::SeqCst);
            tracing::debug!(
                %home,
                secret_name = name,
                waiting = sharing,
                "secrets read back from one listing of their home"
            );
            if let Some(found) = find(&secrets) {
                return Ok(found);
            }
        } else {
            shared.last = Some(now);
            match self.client.get_secret(home, name).await {
                Err(e) if e.is_not_found() => drop(shared),
                other => return other,
            }
        }
        self.client.get_secret_after_write(home, name).await
    }
}
