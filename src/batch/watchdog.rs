//! The watchdog: gives up on a document still running at twice its budget
//! (`2 × --doc-timeout`), records it as failed, and cancels its deadline so
//! that its thread stops at its next deadline check. (A loop that never
//! checks, which would be a bug, cannot be stopped in Rust: that thread is
//! then lost to the run, which replaces it and is barred from letting it
//! write once the run has moved on.)

use std::collections::HashSet;
use std::time::Duration;

use super::walk;
use super::worker::{Ctx, Outcome};
use crate::document::Failure;
use crate::error::{Error, ErrorKind};

/// When documents are given up on.
pub(super) struct Watchdog {
    /// `None` without a budget (`--doc-timeout 0`): no watchdog.
    limit: Option<Duration>,
    budget: Duration,
}

impl Watchdog {
    pub(super) fn new(doc_timeout: Duration) -> Watchdog {
        Watchdog {
            limit: (!doc_timeout.is_zero()).then(|| doc_timeout.saturating_mul(2)),
            budget: doc_timeout,
        }
    }

    /// The failed outcomes of the documents in flight past the limit (not
    /// abandoned before), each added to `abandoned` and its deadline
    /// cancelled.
    pub(super) fn abandon_stuck(
        &self,
        ctx: &Ctx,
        inputs: &[walk::Input],
        abandoned: &mut HashSet<usize>,
    ) -> Vec<Outcome> {
        let Some(limit) = self.limit else {
            return Vec::new();
        };
        let Ok(in_flight) = ctx.in_flight.lock() else {
            return Vec::new();
        };
        let mut stuck: Vec<usize> = in_flight
            .iter()
            .filter(|(i, d)| d.started.elapsed() > limit && !abandoned.contains(*i))
            .map(|(i, _)| *i)
            .collect();
        stuck.sort_unstable();
        let mut outcomes = Vec::new();
        for index in stuck {
            let Some(input) = inputs.get(index) else {
                continue;
            };
            if let Some(d) = in_flight.get(&index) {
                d.deadline.cancel();
            }
            abandoned.insert(index);
            let error = Error::new(ErrorKind::Abandoned {
                budget: self.budget,
                after: limit,
            })
            .in_file(&input.name);
            outcomes.push(Outcome::failed(index, &input.name, &Failure::unread(error)));
        }
        outcomes
    }
}
