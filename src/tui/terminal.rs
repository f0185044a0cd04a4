//! The terminal the review UI takes over, and giving it back however crux
//! ends: a quit, Ctrl-C, SIGINT, SIGTERM, SIGHUP or a panic, even while the
//! UI is busy. Given back means raw mode off, bracketed paste off, the
//! alternate screen left and the cursor shown.

use std::io::{self, Write, stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::{DefaultTerminal, Terminal};
use signal_hook::SigId;
use signal_hook::consts::{SIGINT, SIGTERM};

/// How the review UI ended, and the exit code that says so (128 + the
/// signal number, as shells report a process killed by that signal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit = 0,
    Interrupted = 130,
    HungUp = 129,
    Terminated = 143,
}

impl Exit {
    pub fn code(self) -> ExitCode {
        ExitCode::from(self as u8)
    }

    fn from_code(code: usize) -> Option<Exit> {
        [Exit::Interrupted, Exit::HungUp, Exit::Terminated]
            .into_iter()
            .find(|exit| *exit as usize == code)
    }
}

/// Whether the UI holds the terminal: a panic then gives it back first.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Whether a child program (the editor) has the terminal: the event loop
/// then waits for it on purpose, and the watchdog leaves SIGINT and SIGTERM
/// to the loop.
static SUSPENDED: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and bracketed paste (so that pasted text
/// arrives as text, not as keys), with a panic hook that gives the terminal
/// back before the panic message is printed.
pub fn take() -> io::Result<DefaultTerminal> {
    install_panic_hook();
    TAKEN.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Gives the terminal back; does nothing when the UI does not hold it.
pub fn give_back() {
    if TAKEN.swap(false, Ordering::SeqCst) {
        // Nothing more can be done if the terminal is gone (SIGHUP).
        let _ = terminal::disable_raw_mode();
        let _ = execute!(
            stdout(),
            DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
    }
}

/// Gives the terminal to a child program as the shell had it, and takes it
/// back when the child ends.
pub fn suspend<T>(terminal: &mut DefaultTerminal, child: impl FnOnce() -> T) -> io::Result<T> {
    SUSPENDED.store(true, Ordering::SeqCst);
    terminal::disable_raw_mode()?;
    execute!(
        stdout(),
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    )?;
    let result = child();
    terminal::enable_raw_mode()?;
    execute!(
        stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    stdout().flush()?;
    terminal.clear()?;
    SUSPENDED.store(false, Ordering::SeqCst);
    Ok(result)
}

fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let print_panic = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // The PDF reader catches its own panics; the UI goes on. So it
            // does after a panic while anchoring, and says in its status bar
            // that anchoring stopped. A panic while reading the claims file
            // ends the UI, which gives the terminal back and says why.
            if crux_core::pdf::in_pdf_reader()
                || super::loading::on_anchoring_thread()
                || super::reading::on_reading_thread()
            {
                return;
            }
            give_back();
            print_panic(info);
        }));
    });
}

/// Test hook (only in `test-hooks` builds): with `CRUX_TEST_PANIC` set, a key press
/// panics, so that the end-to-end tests can see the terminal given back.
pub fn panic_if_asked_by_test() {
    if crux_core::hooks::var("CRUX_TEST_PANIC").is_some() {
        panic!("CRUX_TEST_PANIC is set: panicking on a key press");
    }
}

/// Test hook (only in `test-hooks` builds): with `CRUX_TEST_BUSY=SECONDS`, a key press
/// keeps the UI busy that long, so that the end-to-end tests can send a
/// signal while the event loop cannot look at it.
pub fn busy_if_asked_by_test() {
    let seconds = crux_core::hooks::var("CRUX_TEST_BUSY").and_then(|s| s.to_str()?.parse().ok());
    if let Some(seconds) = seconds {
        std::thread::sleep(Duration::from_secs(seconds));
    }
}

/// Termination signals noted while the UI runs, for an orderly exit from
/// the event loop instead of dying with the terminal in raw mode.
pub struct Signals {
    received: Arc<AtomicUsize>,
    registered: Vec<SigId>,
    stop: Arc<AtomicBool>,
}

impl Signals {
    pub fn watch() -> io::Result<Signals> {
        let mut signals = Signals {
            received: Arc::new(AtomicUsize::new(0)),
            registered: Vec::new(),
            stop: Arc::new(AtomicBool::new(false)),
        };
        #[cfg(unix)]
        let watched = [
            (SIGINT, Exit::Interrupted),
            (SIGTERM, Exit::Terminated),
            (signal_hook::consts::SIGHUP, Exit::HungUp),
        ];
        #[cfg(not(unix))]
        let watched = [(SIGINT, Exit::Interrupted), (SIGTERM, Exit::Terminated)];
        for (signal, exit) in watched {
            let id =
                signal_hook::flag::register_usize(signal, signals.received.clone(), exit as usize)?;
            signals.registered.push(id);
        }
        watchdog(signals.received.clone(), signals.stop.clone());
        Ok(signals)
    }

    /// Forgets a SIGINT: one sent while a child program (the editor) ran
    /// was Ctrl-C typed for that program.
    pub fn forget_interrupt(&self) {
        let interrupted = Exit::Interrupted as usize;
        let _ = self
            .received
            .compare_exchange(interrupted, 0, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// The exit asked for by the latest signal, if one came.
    pub fn received(&self) -> Option<Exit> {
        Exit::from_code(self.received.load(Ordering::SeqCst))
    }
}

/// How long a signal may wait for the event loop before the watchdog acts.
const GRACE: Duration = Duration::from_secs(1);

/// Gives the terminal back and ends the process when a signal is not acted
/// on within [`GRACE`]: the event loop may be busy (a long computation) or,
/// after a hangup, stuck in a read of the gone terminal. While the editor
/// runs, SIGINT and SIGTERM wait for it: the loop acts on them afterwards
/// (a Ctrl-C typed in the editor was meant for the editor). Stops when
/// `stop` is set (the signals are no longer watched).
fn watchdog(received: Arc<AtomicUsize>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut pending_since: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if stop.load(Ordering::SeqCst) {
                return;
            }
            let exit = Exit::from_code(received.load(Ordering::SeqCst));
            let waits_for_editor = SUSPENDED.load(Ordering::SeqCst) && exit != Some(Exit::HungUp);
            match exit {
                Some(exit) if !waits_for_editor => {
                    let since = *pending_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= GRACE && !stop.load(Ordering::SeqCst) {
                        // Held until the exit, so no frame is written after the restore.
                        let _stdout = stdout().lock();
                        give_back();
                        std::process::exit(exit as i32);
                    }
                }
                _ => pending_since = None,
            }
        }
    });
}

impl Drop for Signals {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for id in self.registered.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_128_plus_the_signal_number() {
        assert_eq!(Exit::Interrupted as i32, 128 + SIGINT);
        assert_eq!(Exit::Terminated as i32, 128 + SIGTERM);
        #[cfg(unix)]
        assert_eq!(Exit::HungUp as i32, 128 + signal_hook::consts::SIGHUP);
        assert_eq!(Exit::from_code(143), Some(Exit::Terminated));
        assert_eq!(Exit::from_code(0), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_is_noted_instead_of_killing() {
        let signals = Signals::watch().unwrap();
        assert_eq!(signals.received(), None);
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).unwrap();
        assert_eq!(signals.received(), Some(Exit::HungUp));
        signals.forget_interrupt();
        assert_eq!(
            signals.received(),
            Some(Exit::HungUp),
            "only SIGINT is forgotten"
        );
        signal_hook::low_level::raise(SIGINT).unwrap();
        assert_eq!(signals.received(), Some(Exit::Interrupted));
        signals.forget_interrupt();
        assert_eq!(signals.received(), None);
    }
}
