//! A batch's edge cases: it stops before a grant that undoes one it took, a batch dropped
//! unanswered hands its grants back, and the error names the grants that shared the write.

use tokio::sync::oneshot;

use super::batch::Batch;
use super::{Grant, GrantError, Queue, Turn, Waiting};

fn grant(repository: i64, allow: bool) -> Grant {
    Grant { repository, allow }
}

/// Queues `grants` behind a busy leader; answers their receivers.
fn queued(queue: &Queue, grants: &[Grant]) -> Vec<oneshot::Receiver<Turn>> {
    let mut state = queue.state();
    state.busy = true;
    grants
        .iter()
        .map(|g| {
            let (turn, rx) = oneshot::channel();
            state.waiting.push_back(Waiting { grant: *g, turn });
            rx
        })
        .collect()
}

#[test]
fn a_batch_stops_before_a_grant_that_undoes_one_it_took() {
    let queue = Queue::default();
    let _rx = queued(&queue, &[grant(2, true), grant(3, false), grant(1, false)]);
    let mut batch = Batch::new(&queue, grant(1, true));
    batch.take_waiting(&mut queue.state());
    assert_eq!(batch.len(), 3);
    let changes = batch.changes();
    assert_eq!(changes.add.iter().copied().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(changes.remove.iter().copied().collect::<Vec<_>>(), [3]);
    assert_eq!(queue.state().waiting.len(), 1, "the undoing grant waits");
}

#[test]
fn a_batch_dropped_unanswered_hands_its_grants_back() {
    let queue = Queue::default();
    let mut rx = queued(&queue, &[grant(2, true), grant(3, true)]);
    let mut batch = Batch::new(&queue, grant(1, true));
    batch.take_waiting(&mut queue.state());
    drop(batch);
    assert!(
        matches!(rx[0].try_recv(), Ok(Turn::Lead)),
        "the first leads"
    );
    assert!(rx[1].try_recv().is_err(), "the second waits for it");
    assert_eq!(queue.state().waiting.len(), 1);
}

#[test]
fn every_grant_of_a_failed_batch_gets_the_error_naming_the_others() {
    let queue = Queue::default();
    let mut rx = queued(&queue, &[grant(2, true), grant(3, true)]);
    let mut batch = Batch::new(&queue, grant(1, true));
    batch.take_waiting(&mut queue.state());
    let error = github_client::Error::Setup("refused".into());
    let own = batch.answer(Err(error)).unwrap_err();
    assert!(own.shared_with().unwrap().contains("repositories 2 and 3"));
    for (rx, others) in rx.iter_mut().zip(["1 and 3", "1 and 2"]) {
        let Ok(Turn::Done(Err(e))) = rx.try_recv() else {
            panic!("no error")
        };
        assert!(
            e.shared_with().unwrap().contains(others),
            "{:?}",
            e.shared_with()
        );
    }
    assert!(!queue.state().busy, "the queue is idle again");
    assert_eq!(
        GrantError::alone(github_client::Error::Setup("refused".into())).shared_with(),
        None
    );
}
