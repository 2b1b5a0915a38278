//! Panic isolation: a panic while one document is processed becomes that
//! document's [`ErrorKind::Internal`] error (with its message and where it
//! happened), and the default panic report is kept off stderr for it.
//!
//! Also the thread settings a document runs under ([`WORKER_STACK`]), and the
//! fault injection the isolation tests use (debug builds only).

use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;

use crate::error::{Error, ErrorKind};

/// Name prefix of the threads that process documents (the batch's workers):
/// a panic on one of them is a document's, not the program's.
pub const WORKER_PREFIX: &str = "rapporteur-worker-";

/// Stack size of the threads that process documents: deep (but bounded)
/// recursion in a parser on hostile input must not overflow.
pub const WORKER_STACK: usize = 64 << 20;

thread_local! {
    static IN_DOCUMENT: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that keeps panics inside document
/// processing quiet (their message becomes the document's `internal` error)
/// and leaves every other panic to the default hook.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Quiet inside a document, and on the batch's workers (a panic in
            // a rayon job runs the hook on the thread that ran the job, and
            // reaches the document's catch_unwind through the join).
            let on_worker = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if IN_DOCUMENT.with(Cell::get) || on_worker {
                let at = info
                    .location()
                    .map(|l| panic_site(l.file(), l.line()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(at));
            } else {
                default(info);
            }
        }));
    });
}

/// ` at <file>:<line>`, a dependency's absolute path cut to its last three
/// components (no absolute paths in outputs).
fn panic_site(file: &str, line: u32) -> String {
    let p = std::path::Path::new(file);
    let file = if p.is_absolute() {
        let parts: Vec<String> = p.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        parts[parts.len().saturating_sub(3)..].join("/")
    } else {
        file.to_string()
    };
    format!(" at {file}:{line}")
}

/// The message a panic was raised with.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Runs `f` so that a panic becomes [`ErrorKind::Internal`] with its message
/// (and where it happened, when the panic was on this thread).
pub fn isolate<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    install_panic_hook();
    let was_inside = IN_DOCUMENT.with(|c| c.replace(true));
    LAST_PANIC.with(|p| p.borrow_mut().take());
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    IN_DOCUMENT.with(|c| c.set(was_inside));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let at = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
            Err(Error::new(ErrorKind::Internal(format!(
                "panic: {}{at}",
                panic_message(payload.as_ref())
            ))))
        }
    }
}

/// Runs `f` on a new thread with the workers' stack ([`WORKER_STACK`]) and
/// waits for it (`rapporteur extract` runs its one document this way).
pub fn on_worker_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> std::io::Result<T> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(f)?
        .join()
        .map_err(|_| std::io::Error::other("the worker thread panicked"))
}

/// Fault injection for the tests of isolation (debug builds only):
/// `RAPPORTEUR_FAULT=panic:<name>` makes that document panic in the
/// pipeline, `hang:<name>` makes it spin without checking its deadline.
#[cfg(debug_assertions)]
pub fn injected_fault(name: &str) {
    let Some(spec) = std::env::var_os("RAPPORTEUR_FAULT") else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    if spec.strip_prefix("panic:") == Some(name) {
        panic!("injected fault in {name}");
    }
    if spec.strip_prefix("hang:") == Some(name) {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Fault injection is compiled out of release builds.
#[cfg(not(debug_assertions))]
pub fn injected_fault(_name: &str) {}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let r: Result<(), Error> = isolate(|| panic!("boom {}", 42));
        let e = r.unwrap_err();
        assert_eq!(e.code(), "internal");
        assert!(e.to_string().contains("boom 42"), "{e}");
        // And the thread is usable afterwards.
        assert_eq!(isolate(|| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn a_panic_in_a_parallel_job_is_caught_with_its_message() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
            .build()
            .unwrap();
        let r: Result<(), Error> = pool.install(|| {
            isolate(|| {
                (0..100u32).into_par_iter().for_each(|i| {
                    if i == 77 {
                        panic!("job {i}");
                    }
                });
                Ok(())
            })
        });
        let e = r.unwrap_err();
        assert!(e.to_string().contains("panic: job 77"), "{e}");
    }
}
