//! Reading and anchoring the documents of the dataset the UI shows, on
//! other threads while the UI runs: each document comes back as soon as it
//! is ready, for the event loop to fill in. Dropping the [`Loader`] stops
//! it taking more documents.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use super::data::{Data, thousands};
use crate::load::{ANCHORING_THREAD, Anchored, Plan};

enum Message {
    Anchored(Box<Anchored>),
    Failed(String),
}

pub struct Loader {
    generation: u64,
    started: Instant,
    documents: usize,
    stop: Arc<AtomicBool>,
    messages: Receiver<Message>,
}

/// What arrived since it was last asked.
pub struct Arrived {
    pub documents: Vec<Anchored>,
    /// Why anchoring stopped before the end, if it did.
    pub failed: Option<String>,
}

impl Loader {
    /// Starts reading and anchoring the documents of `data`'s dataset,
    /// which the UI holds as its dataset `generation`, reusing those its
    /// cache kept unchanged from a load before.
    pub fn start(data: &mut Data, generation: u64) -> Loader {
        let started = Instant::now();
        let plan = Plan::cached(&data.dataset, &mut data.cache);
        let documents = plan.documents();
        let stop = Arc::new(AtomicBool::new(false));
        let (sender, messages) = mpsc::channel();
        let thread_stop = stop.clone();
        let thread_sender = sender.clone();
        let spawned = std::thread::Builder::new()
            .name(ANCHORING_THREAD.into())
            .spawn(move || {
                let sender = thread_sender;
                let run = catch_unwind(AssertUnwindSafe(|| {
                    plan.run(&thread_stop, |anchored| {
                        // The UI may have moved on to another dataset.
                        let _ = sender.send(Message::Anchored(Box::new(anchored)));
                    });
                }));
                if let Err(panic) = run {
                    let _ = sender.send(Message::Failed(panic_message(panic.as_ref())));
                }
            });
        if let Err(e) = spawned {
            let _ = sender.send(Message::Failed(format!("cannot start a thread: {e}")));
        }
        Loader {
            generation,
            started,
            documents,
            stop,
            messages,
        }
    }

    /// The dataset it anchors.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// "1,000 documents read and anchored in 0.52 s", said at the end.
    pub fn finished(&self) -> String {
        let documents = thousands(self.documents);
        let seconds = self.started.elapsed().as_secs_f64();
        format!("{documents} documents read and anchored in {seconds:.2} s")
    }

    pub fn arrived(&self) -> Arrived {
        let mut arrived = Arrived {
            documents: Vec::new(),
            failed: None,
        };
        for message in self.messages.try_iter() {
            match message {
                Message::Anchored(document) => arrived.documents.push(*document),
                Message::Failed(why) => arrived.failed = Some(why),
            }
        }
        arrived
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A panic's message, said as a bug.
pub(super) fn panic_message(panic: &(dyn Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    format!("internal error ({message}); please report it")
}

/// Whether this thread reads and anchors documents: a panic on it is shown
/// in the status bar, and leaves the terminal to the UI.
pub fn on_anchoring_thread() -> bool {
    std::thread::current().name() == Some(ANCHORING_THREAD)
}
