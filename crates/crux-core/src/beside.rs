//! Work run beside the current thread when a thread can be had: a machine
//! out of threads (a process limit, a container) gets the same answer, a
//! little later, instead of a panic.

use std::thread::{Builder, Scope, ScopedJoinHandle};

/// The fewest claims a pass over them is worth a thread for: below this,
/// starting one costs about what it saves.
pub const CLAIMS_PER_THREAD: usize = 2_000;

/// Work started with [`beside`]: on its own thread, or already done.
pub enum Beside<'scope, T> {
    Running(ScopedJoinHandle<'scope, T>),
    Done(T),
}

/// Runs `work` on a new thread of `scope`, or here and now when no thread
/// can be started (a thread that fails to start drops what it was given,
/// hence the copy).
pub fn beside<'scope, T, F>(scope: &'scope Scope<'scope, '_>, work: F) -> Beside<'scope, T>
where
    T: Send + 'scope,
    F: FnOnce() -> T + Clone + Send + 'scope,
{
    let here = work.clone();
    match named_like_this_one().spawn_scoped(scope, work) {
        Ok(thread) => Beside::Running(thread),
        Err(_) => Beside::Done(here()),
    }
}

/// A builder of threads named as the current one is: a front end that
/// tells its threads apart by name (whose panics it shows, say) tells
/// their helpers apart too.
pub fn named_like_this_one() -> Builder {
    match std::thread::current().name() {
        Some(name) => Builder::new().name(name.to_string()),
        None => Builder::new(),
    }
}

impl<T> Beside<'_, T> {
    /// The work's result; a panic on its thread goes on here.
    pub fn join(self) -> T {
        match self {
            Beside::Running(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Beside::Done(result) => result,
        }
    }
}

/// Each of `jobs` run at once, the first on this thread and the others
/// [`beside`] it; their results in the jobs' order.
pub fn at_once<T, F>(jobs: impl IntoIterator<Item = F>) -> Vec<T>
where
    T: Send,
    F: FnOnce() -> T + Clone + Send,
{
    let mut jobs = jobs.into_iter();
    let Some(first) = jobs.next() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = jobs.map(|job| beside(scope, job)).collect();
        let mut results = vec![first()];
        results.extend(others.into_iter().map(Beside::join));
        results
    })
}
