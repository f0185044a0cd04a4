//! The review UI: `crux [FILE]`. A pure core (`app`, `screen`, `update`,
//! `keymap`) drawn by `view`; this module owns the terminal, the event loop
//! and the effects (saving statuses, reloading, the editor, exports).

pub mod action;
pub mod app;
pub mod data;
mod editor;
pub mod effect;
pub mod export;
pub mod flow;
pub mod input;
pub mod keymap;
pub mod loading;
pub mod markup;
pub mod pair_lists;
mod reading;
pub mod save;
pub mod screen;
pub mod search;
pub mod selection;
mod terminal;
pub mod timeline;
mod update;
pub mod view;
pub mod widget;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::watch::{Changed, FileWatcher, content_differs};
use app::App;
use effect::Effect;
use loading::Loader;
use reading::RestReader;
use terminal::{Exit, Signals, suspend};

/// Runs the review UI on the claims file at `path`.
pub fn run(path: &Path) -> ExitCode {
    let not_a_terminal = match (
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    ) {
        (true, true) => None,
        (false, true) => Some("stdin is not a terminal"),
        (true, false) => Some("stdout is not a terminal"),
        (false, false) => Some("stdin and stdout are not terminals"),
    };
    if let Some(what) = not_a_terminal {
        eprintln!(
            "error: {what}, and the review UI needs one\n  \
             help: without a terminal use `crux check {0}`, `crux list {0}`, `crux show ID {0}` or `crux report {0}`",
            crate::text::visible_line(&path.to_string_lossy())
        );
        return ExitCode::from(2);
    }
    let (mut app, reader) = match reading::open(path) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let signals = Signals::watch();
    if let Err(e) = &signals {
        app.warn(format!(
            "SIGTERM and SIGHUP may leave the terminal raw: {e}"
        ));
    }
    let mut terminal = match terminal::take() {
        Ok(terminal) => terminal,
        Err(e) => {
            terminal::give_back();
            eprintln!("error: cannot set up the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let result = event_loop(&mut terminal, &mut app, path, signals.as_ref().ok(), reader);
    terminal::give_back();
    match result {
        Ok(exit) => exit.code(),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

struct Watch {
    _watcher: Option<FileWatcher>,
    changes: Option<Receiver<Changed>>,
}

fn watch(app: &mut App) -> Watch {
    let dataset = app.dataset();
    let base = dataset.path.parent().unwrap_or(Path::new(""));
    let sources: Vec<PathBuf> = dataset.sources.iter().map(|s| base.join(&s.path)).collect();
    match FileWatcher::start(&dataset.path, &sources) {
        Ok((watcher, changes)) => Watch {
            _watcher: Some(watcher),
            changes: Some(changes),
        },
        Err(e) => {
            app.warn(format!("not watching the files for outside changes: {e}"));
            Watch {
                _watcher: None,
                changes: None,
            }
        }
    }
}

/// How long the loop waits for the first event before it looks at the
/// files and signals again.
const IDLE: Duration = Duration::from_millis(150);

/// How long the loop waits for the first event while documents are being
/// anchored, before it fills in what has arrived: about a frame.
const ANCHORING_TICK: Duration = Duration::from_millis(16);

/// How long the loop waits for a next event once one came. Not zero:
/// crossterm's reader only looks for more input when given time.
const DRAIN: Duration = Duration::from_millis(1);

/// How long the loop works between keys before it looks for one: the
/// claim list being completed. A key waits at most this for its turn.
const SLICE: Duration = Duration::from_millis(4);

/// Starts anchoring the documents of the dataset `app` shows when it is
/// one not yet anchored, and fills in what has arrived; whether anything
/// changed.
fn keep_anchoring(app: &mut App, loader: &mut Option<Loader>) -> bool {
    let wanted = !app.data.first_claims_only
        && app
            .data
            .anchoring
            .as_ref()
            .is_some_and(|a| a.failed.is_none());
    if !wanted {
        *loader = None;
        return false;
    }
    if loader.as_ref().map(Loader::generation) != Some(app.generation) {
        *loader = Some(Loader::start(&mut app.data, app.generation));
    }
    let Some(loader) = loader else {
        return false;
    };
    let arrived = loader.arrived();
    if arrived.documents.is_empty() && arrived.failed.is_none() {
        return false;
    }
    app.anchored(loader.generation(), arrived.documents, arrived.failed);
    // Said unless a key's message would be hidden by it.
    if app.data.anchoring.is_none() && app.message.is_none() {
        app.say(loader.finished());
    }
    true
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    path: &Path,
    signals: Option<&Signals>,
    mut reader: Option<RestReader>,
) -> std::io::Result<Exit> {
    let mut loader = None;
    keep_anchoring(app, &mut loader);
    app.page_rows = view::page_rows(terminal.size()?.height);
    terminal.draw(|frame| view::draw(frame, app))?;
    // Watching a thousand documents takes a few milliseconds the first
    // frame need not wait for; a save compares the file with what it read
    // whether or not a change was seen. It starts once the whole claims
    // file is read, and is drawn with what it may have said.
    let mut watcher: Option<Watch> = None;
    let read_beside = reader.is_some();
    let mut dirty = true;
    loop {
        if let Some(exit) = signals.and_then(Signals::received) {
            return Ok(exit);
        }
        dirty |= reading::keep_reading(app, &mut reader, Duration::ZERO)?;
        // The documents are anchored while the watch is set up.
        dirty |= keep_anchoring(app, &mut loader);
        if watcher.is_none() && !app.data.first_claims_only {
            watcher = Some(start_watching(app, path, read_beside));
            dirty = true;
        }
        if dirty {
            app.page_rows = view::page_rows(terminal.size()?.height);
            terminal.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        // Every event already sent is handled before the next frame: the
        // screen shows the state after all the keys read, and a key acts
        // on what the screen shows.
        let mut wait = match (&loader, &reader) {
            _ if app.has_work_between_keys() => Duration::ZERO,
            (Some(_), _) | (_, Some(_)) => ANCHORING_TICK,
            (None, None) => IDLE,
        };
        let mut keys = false;
        while event::poll(wait)? {
            wait = DRAIN;
            keys = true;
            let event = event::read()?;
            if matches!(&event, Event::Key(key) if key.kind == KeyEventKind::Press) {
                terminal::panic_if_asked_by_test();
                terminal::busy_if_asked_by_test();
            }
            dirty = true;
            let Some(action) = input::action(app, event, terminal.size()?) else {
                continue;
            };
            if app.data.first_claims_only && action.needs_whole_file() {
                // Decided on the whole file, never on its first claims.
                app.say("that key waits for the rest of the claims…");
                terminal.draw(|frame| view::draw(frame, app))?;
                // A signal still ends the UI meanwhile.
                while app.data.first_claims_only {
                    if let Some(exit) = signals.and_then(Signals::received) {
                        return Ok(exit);
                    }
                    reading::keep_reading(app, &mut reader, ANCHORING_TICK)?;
                }
                app.message = None;
            }
            for effect in app::update(app, action) {
                match effect {
                    Effect::Quit => return Ok(Exit::Quit),
                    Effect::Interrupt => return Ok(Exit::Interrupted),
                    Effect::OpenEditor { line } => {
                        editor::open(terminal, path, line, app)?;
                        if let Some(signals) = signals {
                            signals.forget_interrupt();
                        }
                        reload(app, path, "reloaded after editing");
                        watcher = Some(watch(app));
                    }
                    other => carry_out(app, path, other),
                }
            }
            if signals.and_then(Signals::received).is_some() {
                break;
            }
        }
        // The frame a key brought is drawn before the work between keys.
        if !keys && app.has_work_between_keys() {
            // Input is read as it comes, and a key ends the slice.
            let key_waiting = || event::poll(Duration::ZERO).unwrap_or(true);
            dirty |= app.work_between_keys(SLICE, &key_waiting);
        }
        if changed_outside(app, path, watcher.as_ref()) {
            reload(app, path, "reloaded: changed on disk");
            watcher = Some(watch(app));
            dirty = true;
        }
    }
}

/// Watches the files of the dataset `app` shows. When the claims file was
/// read beside the UI, it may have changed before it was watched: it is
/// read again if it did.
fn start_watching(app: &mut App, path: &Path, read_beside: bool) -> Watch {
    let watcher = watch(app);
    if read_beside && content_differs(path, &app.dataset().text) {
        reload(app, path, "reloaded: changed on disk");
        // Its sources may be others now.
        return watch(app);
    }
    watcher
}

/// Whether `watcher` saw a document change, or the claims file change to
/// other than what `app` holds (its own saves are not changes).
fn changed_outside(app: &App, path: &Path, watcher: Option<&Watch>) -> bool {
    let changed = watcher
        .and_then(|w| w.changes.as_ref())
        .map(|c| c.try_iter().collect::<Vec<_>>())
        .unwrap_or_default();
    changed.iter().any(|c| {
        !c.sources.is_empty() || (c.claims_file && content_differs(path, &app.dataset().text))
    })
}

fn reload(app: &mut App, path: &Path, why: &str) {
    app.replace_anchoring(crate::load::without_documents(path));
    let errors = app.dataset().error_count();
    if errors > 0 {
        app.warn(format!("{why}; {errors} errors — press 4"));
    } else {
        app.say(why.to_string());
    }
}

fn carry_out(app: &mut App, path: &Path, effect: Effect) {
    match effect {
        Effect::Apply { edit, base } => {
            let _ = save::apply(app, path, edit, base);
        }
        Effect::Undo => {
            let _ = save::undo(app, path);
        }
        Effect::Retry => {
            let _ = save::retry(app, path);
        }
        Effect::Reload => reload(app, path, "reloaded"),
        Effect::Export(format) => {
            let _ = export::export(app, path, format);
        }
        Effect::OpenEditor { .. } | Effect::Quit | Effect::Interrupt => {}
    }
}
