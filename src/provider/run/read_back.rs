//! Reading secrets back after writing them (for the `updated_at` of the write), coalesced per
//! home: read-backs that wait while another is under way share one listing of the home's
//! secrets instead of one GET each. A read-back runs under the home's read-back lock; the one
//! holding it lists when others are waiting and the read-backs waiting, itself included,
//! are at least as many as the listing's pages (so a listing never costs more requests than
//! the GETs it replaces), else GETs its own secret: a lone read-back is one GET. A listing started after a
//! secret's write was recorded serves that secret's read-back, so read-backs queued behind
//! it, or coming later, take their answer from it without a request. A secret the
//! listing does not show yet (GitHub's read-after-write lag) is read with a GET, retried
//! through the lag.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use github_client::{Error, Secret, SecretHome};
use tokio::sync::Mutex as AsyncMutex;

use super::Run;

/// Secrets a listing page holds.
const PAGE: usize = 100;

/// What a home's read-backs share.
#[derive(Default)]
pub(super) struct ReadBacks {
    /// The last listing, and the number of this process's writes when it started.
    listing: AsyncMutex<Option<(Arc<Vec<Secret>>, u64)>>,
    /// Read-backs waiting for the lock.
    waiting: AtomicUsize,
}

impl Run {
    /// Secret `name` of `home` as GitHub has it after this process wrote it: from a listing
    /// started after the write, shared with concurrent read-backs, or its own GET.
    pub async fn read_back(&self, home: &SecretHome, name: &str) -> Result<Secret, Error> {
        let cache = self.home(home);
        cache.plans.touch(tokio::time::Instant::now());
        let written = {
            let writes = cache.writes();
            writes.names.get(&name.to_ascii_uppercase()).map_or(writes.count, |(n, _)| *n)
        };
        let shared = &cache.read_backs;
        shared.waiting.fetch_add(1, Ordering::SeqCst);
        let mut listing = shared.listing.lock().await;
        let behind = shared.waiting.fetch_sub(1, Ordering::SeqCst) - 1;
        let find = |secrets: &[Secret]| secrets.iter().find(|s| s.name.eq_ignore_ascii_case(name)).cloned();
        if let Some((secrets, at)) = listing.as_ref() {
            if *at >= written {
                if let Some(found) = find(secrets) {
                    return Ok(found);
                }
            }
        }
        let pages = listing
            .as_ref()
            .map_or(1, |(secrets, _)| secrets.len().div_ceil(PAGE).max(1));
        if behind > 0 && behind + 1 >= pages {
            let at = cache.writes().count;
            let secrets = Arc::new(self.client.list_secrets(home).await?);
            let found = find(&secrets);
            *listing = Some((secrets, at));
            drop(listing);
            tracing::debug!(%home, secret_name = name, waiting = behind, "secret read back from a listing of its home, shared with the read-backs waiting");
            if let Some(found) = found {
                return Ok(found);
            }
        } else {
            match self.client.get_secret(home, name).await {
                Err(e) if e.is_not_found() => drop(listing),
                other => return other,
            }
        }
        self.client.get_secret_after_write(home, name).await
    }
}
