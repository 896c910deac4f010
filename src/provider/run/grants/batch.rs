//! One batch of a secret's grants: the leader's own grant and those it took from the queue,
//! written together and answered together.

use github_client::{Error, RepositoryChanges};

use super::{Grant, GrantError, Queue, QueueState, Turn, Waiting};

/// The batch a leader writes. Dropped before [`Batch::answer`] (the leader's call was
/// dropped), it puts the grants it took back at the head of the queue and hands the lead on,
/// so that every grant still gets an answer.
pub(super) struct Batch<'a> {
    queue: &'a Queue,
    own: Grant,
    others: Vec<Waiting>,
    answered: bool,
}

impl<'a> Batch<'a> {
    /// A batch of `own`, led by its caller.
    pub(super) fn new(queue: &'a Queue, own: Grant) -> Self {
        Batch {
            queue,
            own,
            others: Vec::new(),
            answered: false,
        }
    }

    /// How many grants it carries.
    pub(super) fn len(&self) -> usize {
        self.others.len() + 1
    }

    fn grants(&self) -> impl Iterator<Item = Grant> + '_ {
        std::iter::once(self.own).chain(self.others.iter().map(|w| w.grant))
    }

    /// Takes the grants waiting in `state`, in order, up to the first that undoes one taken
    /// (the same repository the other way: it goes in the next batch). Grants whose calls
    /// were dropped are left out.
    pub(super) fn take_waiting(&mut self, state: &mut QueueState) {
        while let Some(next) = state.waiting.front() {
            let undoes = self
                .grants()
                .any(|g| g.repository == next.grant.repository && g.allow != next.grant.allow);
            if undoes {
                return;
            }
            if let Some(next) = state.waiting.pop_front() {
                if !next.turn.is_closed() {
                    self.others.push(next);
                }
            }
        }
    }

    /// The repository changes of the batch.
    pub(super) fn changes(&self) -> RepositoryChanges {
        let mut changes = RepositoryChanges::default();
        for grant in self.grants() {
            let set = if grant.allow {
                &mut changes.add
            } else {
                &mut changes.remove
            };
            set.insert(grant.repository);
        }
        changes
    }

    /// Answers every other grant of the batch with `result`, hands the lead on, and answers
    /// the leader's own result.
    pub(super) fn answer(mut self, result: Result<(), Error>) -> Result<(), GrantError> {
        self.answered = true;
        let all: Vec<i64> = self.grants().map(|g| g.repository).collect();
        let answer_of = |me: usize| {
            result.clone().map_err(|error| {
                let others = all
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != me)
                    .map(|(_, id)| *id)
                    .collect();
                GrantError::shared(error, others)
            })
        };
        for (i, waiting) in std::mem::take(&mut self.others).into_iter().enumerate() {
            // A grant whose call was dropped hears nothing; its write was made all the same.
            let _ = waiting.turn.send(Turn::Done(answer_of(i + 1)));
        }
        self.queue.hand_on();
        answer_of(0)
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if self.answered {
            return;
        }
        {
            let mut state = self.queue.state();
            for waiting in std::mem::take(&mut self.others).into_iter().rev() {
                state.waiting.push_front(waiting);
            }
        }
        self.queue.hand_on();
    }
}
