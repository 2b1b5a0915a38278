//! The time budget of one document (`--doc-timeout`) as a token that every
//! long loop can check, and that the batch's watchdog can cancel.
//!
//! A [`Deadline`] is an instant (or none) plus a cancel flag shared by every
//! clone. While a document is processed its deadline is *entered* on the
//! thread doing the work ([`Deadline::enter`]; the PDF reader enters it again
//! on the threads that read its pages), so a loop deep in a stage checks it
//! without the deadline being threaded through every signature:
//! [`expired`], or a [`Ticker`] in a hot loop (one clock read every
//! [`Ticker::EVERY`] steps).
//!
//! A loop that sees the deadline passed stops early and returns what it has;
//! the stage boundary after it ([`Deadline::check`], in the pipeline and in
//! [`crate::document::extract`]) turns that into [`ErrorKind::Timeout`], so a
//! partial result never leaves as a report.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind};

/// One document's deadline, shared by the threads working on it.
#[derive(Debug, Clone, Default)]
pub struct Deadline {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    at: Option<Instant>,
    /// The budget the instant came from (for the message).
    budget: Duration,
    cancelled: AtomicBool,
}

impl Deadline {
    /// A deadline at `at` (none: only a cancel stops the document).
    pub fn at(at: Option<Instant>, budget: Duration) -> Deadline {
        Deadline {
            inner: Arc::new(Inner {
                at,
                budget,
                cancelled: AtomicBool::new(false),
            }),
        }
    }

    /// A deadline `budget` from now (zero: none).
    pub fn after(budget: Duration) -> Deadline {
        let at = (!budget.is_zero())
            .then(|| Instant::now().checked_add(budget))
            .flatten();
        Deadline::at(at, budget)
    }

    /// Makes every check of this deadline (and its clones) fail from now on:
    /// the watchdog's way to stop a document it has given up on.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    /// The instant, if there is one.
    pub fn instant(&self) -> Option<Instant> {
        self.inner.at
    }

    /// Has the instant passed, or was the deadline cancelled?
    pub fn expired(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed) || self.inner.at.is_some_and(|at| Instant::now() >= at)
    }

    /// `Err(limit.timeout)` once [`Deadline::expired`].
    pub fn check(&self) -> Result<(), Error> {
        match self.expired() {
            true => Err(Error::new(self.timeout())),
            false => Ok(()),
        }
    }

    /// The error of a document over this budget.
    pub fn timeout(&self) -> ErrorKind {
        ErrorKind::Timeout {
            budget: self.inner.budget,
        }
    }

    /// Makes this the deadline [`expired`] checks on this thread until the
    /// guard is dropped (which restores the one entered before, so nested
    /// work stolen by a rayon thread checks its own document's deadline).
    pub fn enter(&self) -> Entered {
        let previous = CURRENT.with(|c| c.replace(Some(self.clone())));
        Entered { previous }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Deadline>> = const { RefCell::new(None) };
}

/// While alive, a [`Deadline`] is the one [`expired`] checks on this thread.
#[must_use = "the deadline is entered only while the guard lives"]
pub struct Entered {
    previous: Option<Deadline>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// The deadline entered on this thread, if any.
pub fn current() -> Option<Deadline> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Has the deadline entered on this thread passed (or been cancelled)?
/// False when none is entered.
pub fn expired() -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_some_and(Deadline::expired))
}

/// A cheap check for hot loops: [`expired`] every [`Ticker::EVERY`] calls.
#[derive(Debug, Default)]
pub struct Ticker {
    steps: u32,
}

impl Ticker {
    /// Steps between two real checks (about a microsecond of work each).
    pub const EVERY: u32 = 1024;

    pub fn new() -> Ticker {
        Ticker::default()
    }

    /// True once the entered deadline has passed (checked every
    /// [`Ticker::EVERY`] calls, so it may answer up to that many steps late).
    pub fn expired(&mut self) -> bool {
        self.steps += 1;
        if self.steps < Self::EVERY {
            return false;
        }
        self.steps = 0;
        expired()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entering_nests_and_restores() {
        assert!(!expired());
        let past = Deadline::at(Some(Instant::now()), Duration::from_secs(1));
        let never = Deadline::at(None, Duration::ZERO);
        {
            let _a = past.enter();
            assert!(expired());
            {
                let _b = never.enter();
                assert!(!expired());
            }
            assert!(expired());
        }
        assert!(!expired());
    }

    #[test]
    fn a_cancel_reaches_every_clone() {
        let d = Deadline::at(None, Duration::ZERO);
        let clone = d.clone();
        assert!(d.check().is_ok());
        clone.cancel();
        assert_eq!(d.check().unwrap_err().code(), "limit.timeout");
    }

    #[test]
    fn a_ticker_checks_within_its_period() {
        let d = Deadline::at(Some(Instant::now()), Duration::from_secs(1));
        let _e = d.enter();
        let mut t = Ticker::new();
        assert!((0..=Ticker::EVERY).any(|_| t.expired()));
    }

    /// A long transcript: 3,000 speaker turns.
    fn long_text() -> crate::text::RawText {
        let mut text = String::new();
        for i in 0..3000 {
            let speaker = ["Mr. Jones", "Ms. Tanaka"][i % 2];
            text.push_str(&format!("{speaker}: I rise to speak on item {i} of the agenda.\n\n"));
        }
        crate::text::RawText {
            pages: vec![text],
            paged: false,
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn normalize_and_segment_stop_at_an_expired_deadline() {
        let raw = long_text();
        let full = crate::normalize::normalize(&raw);
        let turns = crate::segment::segment(&full).turns.len();
        assert!(full.blocks.len() >= 3000 && turns > 0, "{} blocks", full.blocks.len());
        let past = Deadline::at(Some(Instant::now()), Duration::from_secs(1));
        let _entered = past.enter();
        let cut = crate::normalize::normalize(&raw);
        assert!(cut.blocks.len() < full.blocks.len() / 2, "{} blocks", cut.blocks.len());
        assert!(
            crate::segment::segment(&full).turns.is_empty(),
            "the segmentation stopped at once"
        );
    }
}
