//! Group commit of grant writes, per secret, for every secret home. Terraform applies up to
//! `-parallelism` grants at once; a grant that arrives while a write of its secret's
//! repositories is under way (sent, or waiting for its turn under the secondary limits)
//! joins the next write of that secret instead of making its own, so that one write adds or
//! removes every grant that queued behind the last. A grant that finds its secret idle goes
//! at once, so a small apply waits for nothing, unless more grants of its secret are coming:
//! Terraform plans each create again just before applying it, so a grant whose siblings were
//! planned a moment ago waits for them, and in a stream of grants of many secrets for a
//! pause of the stream (`grants/plans.rs`), at most [`LINGER`], and they make one write
//! together.
//!
//! Each secret has a queue. The caller that finds its queue idle leads: it takes every
//! grant waiting (itself first) up to the first that undoes one already taken, writes them
//! with the client's cheapest write ([`Client::change_selected_repositories`]: one
//! repository's own PUT or DELETE for one grant, else the listing, changed and sent back
//! whole, under the secret's lock), answers each grant of the batch with the write's result,
//! and hands the lead to the first grant still waiting. Each Terraform resource thus gets
//! its own answer: a batch that fails fails each of its grants with GitHub's error
//! ([`GrantError`] names the grants written with it). Every write a batch sends is safe to
//! send again, so the client's retries after lost answers hold. A leader whose call is
//! dropped puts its batch back at the head of the queue and hands the lead on, so no grant
//! is left without an answer. On Ctrl-C the batch in flight finishes (the client lets sent
//! requests finish); a grant still queued is sent with the next batch like any request not
//! yet sent, or answered the client's error if that batch would have to wait.
//!
//! What a batch may race with: another process changing the same secret's repositories
//! between the batch's listing and its PUT (one request apart) would see its change undone;
//! writes of this process never race, as every write of a secret's repositories holds the
//! client's per-secret lock. Grants made elsewhere before the listing are kept.

mod batch;
mod error;
mod plans;

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use github_client::{Client, Error, RepositoriesWritten, SecretHome};
use tokio::sync::oneshot;
use tokio::time::Instant;

use batch::Batch;
pub use error::GrantError;
pub(super) use plans::Plans;

/// The longest a batch waits for grants of its secret planned in this process a moment ago
/// (Terraform plans a change again just before applying it: a few milliseconds apart).
const LINGER: Duration = Duration::from_millis(500);

/// One grant's change: allow (`true`) or take away a repository's access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Grant {
    pub(super) repository: i64,
    pub(super) allow: bool,
}

/// What a waiting grant is told: its batch's result, or that it leads the next batch.
enum Turn {
    Lead,
    Done(Result<(), GrantError>),
}

/// A grant waiting in its secret's queue.
struct Waiting {
    grant: Grant,
    turn: oneshot::Sender<Turn>,
}

/// One secret's queue.
#[derive(Default)]
pub(super) struct Queue {
    state: Mutex<QueueState>,
}

#[derive(Default)]
struct QueueState {
    waiting: VecDeque<Waiting>,
    /// A batch is being written: a new grant waits for the next.
    busy: bool,
    /// Grants planned in this process that have not arrived yet, with when.
    expected: Vec<(Grant, Instant)>,
}

impl QueueState {
    /// Forgets the expected grants planned more than [`LINGER`] ago; answers whether any
    /// remain.
    fn expecting(&mut self, now: Instant) -> bool {
        self.expected
            .retain(|(_, at)| now.duration_since(*at) < LINGER);
        !self.expected.is_empty()
    }
}

impl Queue {
    fn state(&self) -> MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A grant of `repository` was planned in this process `now`: its apply comes in a
    /// moment.
    fn expect(&self, repository: i64, now: Instant) {
        let mut state = self.state();
        state.expecting(now);
        let grant = Grant {
            repository,
            allow: true,
        };
        state.expected.push((grant, now));
    }

    /// Hands the lead to the first grant still waiting whose call was not dropped, or marks
    /// the queue idle.
    fn hand_on(&self) {
        let mut state = self.state();
        while let Some(next) = state.waiting.pop_front() {
            if next.turn.send(Turn::Lead).is_ok() {
                return;
            }
        }
        state.busy = false;
    }
}

/// A grant of `repository`'s access to secret `name` was planned: its queue expects it, and
/// the home's plans note it.
pub(super) fn expect(plans: &Plans, queue: &Queue, name: &str, repository: i64) {
    let now = Instant::now();
    queue.expect(repository, now);
    plans.note(&name.to_ascii_uppercase(), now);
}

/// A removal of one of `to`'s grants arrived at `now`: the home's plans note it.
fn expect_removal(to: &Target<'_>, now: Instant) {
    to.plans.note(&to.name.to_ascii_uppercase(), now);
}

/// Where a secret's grants are made: its queue, the plans of its home, the client.
pub(super) struct Target<'a> {
    pub(super) client: &'a Client,
    pub(super) plans: &'a Plans,
    pub(super) queue: &'a Queue,
    pub(super) home: &'a SecretHome,
    pub(super) name: &'a str,
}

/// Makes `grant` through `to`, in the next batch of its secret's grants (at once when none
/// is being written and none is coming).
pub(super) async fn submit(to: &Target<'_>, grant: Grant) -> Result<(), GrantError> {
    loop {
        let (tx, rx) = oneshot::channel();
        let (leads, planned) = {
            let mut state = to.queue.state();
            let planned = match state.expected.iter().position(|(g, _)| *g == grant) {
                Some(i) => state.expected.swap_remove(i).1,
                None => Instant::now(),
            };
            if !grant.allow {
                // Terraform plans no destroy again before applying it: its arrival is its
                // plan, so removals of many secrets make a stream too.
                expect_removal(to, planned);
            }
            let leads = !state.busy;
            state.busy = true;
            if !leads {
                state.waiting.push_back(Waiting { grant, turn: tx });
            }
            (leads, planned)
        };
        to.plans.touch(Instant::now());
        if !leads {
            tracing::trace!(home = %to.home, secret_name = to.name, repository_id = grant.repository, "grant queued for the next write of its secret");
            match rx.await {
                Ok(Turn::Done(result)) => return result,
                Ok(Turn::Lead) => {}
                // Never sent today (a dropped leader puts its grants back); ask again.
                Err(_) => continue,
            }
        }
        return lead(to, grant, planned).await;
    }
}

/// Collects the batch `own` (planned at `planned`) leads, writes it, and answers it.
async fn lead(to: &Target<'_>, own: Grant, planned: Instant) -> Result<(), GrantError> {
    let mut batch = Batch::new(to.queue, own);
    let started = Instant::now();
    let until = started + LINGER;
    let upper = to.name.to_ascii_uppercase();
    let lingering = to
        .plans
        .in_stream(&upper, planned)
        .then(|| to.plans.linger(started));
    loop {
        let changed = to.plans.changed.notified();
        tokio::pin!(changed);
        changed.as_mut().enable();
        let expecting = {
            let mut state = to.queue.state();
            batch.take_waiting(&mut state);
            state.expecting(Instant::now())
        };
        let now = Instant::now();
        if now >= until {
            break;
        }
        // Woken by a plan or an arrival, at a pause, or at the end of the wait: look again.
        let wake = match (&lingering, expecting) {
            (_, true) => until,
            (None, false) => break,
            (Some(l), false) => match l.may_go(batch.len(), now) {
                Ok(()) => break,
                Err(at) => at.min(until),
            },
        };
        let _ = tokio::time::timeout_at(wake, changed).await;
    }
    drop(lingering);
    let changes = batch.changes();
    let result = to
        .client
        .change_selected_repositories(to.home, to.name, &changes)
        .await;
    log_batch(to, batch.len(), started, &result);
    batch.answer(result.map(drop))
}

fn log_batch(
    to: &Target<'_>,
    grants: usize,
    started: Instant,
    result: &Result<RepositoriesWritten, Error>,
) {
    let duration_ms = started.elapsed().as_millis() as u64;
    let (home, secret_name) = (to.home, to.name);
    match result {
        Ok(write) => tracing::debug!(
            %home,
            secret_name,
            grants,
            %write,
            duration_ms,
            "grant batch written"
        ),
        Err(e) => tracing::debug!(
            %home,
            secret_name,
            grants,
            error = %e,
            duration_ms,
            "grant batch failed; each of its grants reports the error"
        ),
    }
}

#[cfg(test)]
mod tests;
