//! Reading the whole claims file on another thread while the UI shows its
//! first claims (see [`crate::load::begin`]). The UI fills the whole file
//! in when it arrives, or waits for it before a key that needs it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use super::app::{self, App};
use super::loading::panic_message;
use crate::load::Begun;
use crate::model::Dataset;
use crate::shared_text::SharedText;

/// The name of the thread reading the claims file.
const READING_THREAD: &str = "crux-claims";

/// The stack the main thread, which read the file before, has: the toml
/// parser recurses once per nesting level (to a limit of its own).
const STACK_BYTES: usize = 8 * 1024 * 1024;

type Read = Result<Dataset, String>;

/// The UI on the claims file at `path`: on the whole file when it is small,
/// else on its first claims, with the reader of the whole; the exit code
/// when it cannot be read.
pub fn open(path: &Path) -> Result<(App, Option<RestReader>), ExitCode> {
    let large = match crate::load::begin(path) {
        Begun::Large(large) => large,
        Begun::Whole(dataset) => {
            if let Some(refusal) = crate::load::refusal(&dataset) {
                eprintln!("{refusal}");
                return Err(ExitCode::from(2));
            }
            return Ok((App::anchoring(*dataset), None));
        }
    };
    // Read whole beside its first claims, from the start.
    let reader = RestReader::start(path, large.text.clone(), app::FIRST_GENERATION);
    if let Some(first) = large.first_claims(path) {
        return Ok((App::first_claims(first), Some(reader)));
    }
    match reader.wait() {
        Ok(whole) => Ok((App::anchoring(whole), None)),
        Err(why) => {
            eprintln!("error: reading the claims file: {why}");
            Err(ExitCode::from(1))
        }
    }
}

/// Fills in the whole claims file once read, waiting for it up to `wait`,
/// in place of the first claims `app` shows; whether it did. Reading it
/// failed when this fails.
pub fn keep_reading(
    app: &mut App,
    reader: &mut Option<RestReader>,
    wait: Duration,
) -> std::io::Result<bool> {
    if !app.data.first_claims_only {
        *reader = None;
    }
    let Some(rest) = reader else {
        if app.data.first_claims_only {
            return Err(std::io::Error::other(
                "the claims file is shown in part and no longer read; please report it",
            ));
        }
        return Ok(false);
    };
    let read = rest.arrived(wait);
    let Some(read) = read else {
        return Ok(false);
    };
    let whole =
        read.map_err(|why| std::io::Error::other(format!("reading the claims file: {why}")))?;
    app.read_whole(rest.generation(), whole);
    *reader = None;
    Ok(true)
}

pub struct RestReader {
    generation: u64,
    read: Receiver<Read>,
}

impl RestReader {
    /// Starts reading `text`, the claims file at `path`, whose first claims
    /// the UI shows as its dataset `generation`. Read on this thread when
    /// no other can be started.
    pub fn start(path: &Path, text: SharedText, generation: u64) -> RestReader {
        let (sender, read) = mpsc::channel();
        let spawned = {
            let (path, text, sender) = (path.to_path_buf(), text.clone(), sender.clone());
            std::thread::Builder::new()
                .name(READING_THREAD.into())
                .stack_size(STACK_BYTES)
                .spawn(move || {
                    // The UI may have moved on to another dataset.
                    let _ = sender.send(read_whole(&path, text));
                })
        };
        if spawned.is_err() {
            let _ = sender.send(read_whole(path, text));
        }
        RestReader { generation, read }
    }

    /// The dataset whose first claims it reads the rest of.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The whole file once read, waiting for it up to `wait`.
    pub fn arrived(&self, wait: Duration) -> Option<Read> {
        match self.read.recv_timeout(wait) {
            Ok(read) => Some(read),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(ended())),
        }
    }

    /// The whole file, waiting until it is read.
    pub fn wait(&self) -> Read {
        self.read.recv().unwrap_or_else(|_| Err(ended()))
    }
}

fn read_whole(path: &Path, text: SharedText) -> Read {
    catch_unwind(AssertUnwindSafe(|| {
        hold_if_asked_by_test();
        crate::load::str_without_documents(path, text)
    }))
    .map_err(|panic| panic_message(panic.as_ref()))
}

/// Test hook (only in `test-hooks` builds): with
/// `CRUX_TEST_CLAIMS_GATE=<file>`, the rest of the claims is read once
/// `<file>` exists, and reading it panics, as a bug would, when the file
/// says `panic`.
fn hold_if_asked_by_test() {
    let Some(gate) = crate::hooks::var("CRUX_TEST_CLAIMS_GATE") else {
        return;
    };
    let gate = Path::new(&gate);
    while !gate.exists() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    if std::fs::read_to_string(gate).is_ok_and(|s| s.trim() == "panic") {
        panic!("CRUX_TEST_CLAIMS_GATE says panic: reading the claims file panics");
    }
}

/// Whether this thread reads the claims file (or helps to): a panic on it
/// ends the UI with its message once the terminal is given back.
pub fn on_reading_thread() -> bool {
    std::thread::current().name() == Some(READING_THREAD)
}

fn ended() -> String {
    "the thread reading it ended without a word; please report it".to_string()
}
