//! SIGINT and SIGTERM during a run: stop cleanly instead of dying mid-write.
//!
//! The first signal only raises a flag ([`requested`]): workers take no
//! new document, the main thread waits for the outputs being written to
//! be complete, writes a manifest marked incomplete and returns
//! [`super::RunError::Interrupted`]; the lock and every temporary file are
//! removed on the way out. A second signal ends the process at once
//! (the default action), which is no worse than a SIGKILL: the next run
//! repairs it. Handlers come from `signal-hook`, which keeps the handler
//! async-signal-safe (a store to an atomic).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// The signals a run stops on.
#[cfg(unix)]
const SIGNALS: [i32; 2] = [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];

fn flag() -> &'static Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// Installs the handlers (once per process; later calls do nothing) and
/// clears a request left by an earlier run in this process.
pub fn install() {
    static INSTALLED: Mutex<bool> = Mutex::new(false);
    let mut installed = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    flag().store(false, Ordering::SeqCst);
    if *installed {
        return;
    }
    #[cfg(unix)]
    for signal in SIGNALS {
        // Order matters: the conditional default is armed by the flag the
        // first handler sets, so the second signal kills.
        let _ = signal_hook::flag::register_conditional_default(signal, flag().clone());
        let _ = signal_hook::flag::register(signal, flag().clone());
    }
    *installed = true;
}

/// True once SIGINT or SIGTERM arrived.
pub fn requested() -> bool {
    flag().load(Ordering::SeqCst)
}
