//! The review UI on the medium corpus (1,000 claims) and the large one
//! (10,000): the search update per typed character, alone (what a key
//! waits for) and with the list completed as the event loop does between
//! keys. On the medium corpus, drawing one frame of each screen at 200x60
//! into ratatui's `TestBackend`. Then the note prompt (`m`) on a claim
//! whose note is 60 KB or 5 MB: one key typed and drawn, as the event
//! loop does it.
//!
//! ```sh
//! cargo bench --bench tui
//! ```

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crux::tui::app::{App, update};
use crux::tui::keymap::{Key, lookup};
use crux::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use common::{large, medium};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn key(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = lookup(app.context(), Key::from_event(&event)) {
        update(app, action);
    }
}

fn press(app: &mut App, typed: &str) {
    for c in typed.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        key(app, code);
    }
}

/// The work between keys, in the event loop's slices, until none is left.
fn between_keys(app: &mut App) {
    while app.has_work_between_keys() {
        app.work_between_keys(std::time::Duration::from_millis(4), &|| false);
    }
}

fn app() -> App {
    App::new(crux::load(&medium()))
}

fn search(c: &mut Criterion) {
    for (name, path) in [
        ("medium, 1,000 claims", medium()),
        ("large, 10,000 claims", large()),
    ] {
        let mut group = c.benchmark_group(format!("tui search ({name})"));
        group.sample_size(10);
        let mut app = App::new(crux::load(&path));
        press(&mut app, "/drone");
        // One character typed and erased: two updates of the fuzzy filter,
        // each listing what a screen shows.
        group.bench_function("type and erase one character", |b| {
            b.iter(|| {
                key(&mut app, KeyCode::Char('s'));
                key(&mut app, KeyCode::Backspace);
                black_box(&app);
            })
        });
        // The same, each list completed as the event loop does between
        // keys: the time until both counts are exact.
        group.bench_function("type and erase one character, lists completed", |b| {
            b.iter(|| {
                key(&mut app, KeyCode::Char('s'));
                between_keys(&mut app);
                key(&mut app, KeyCode::Backspace);
                between_keys(&mut app);
                black_box(&app);
            })
        });
        group.finish();
    }
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui frame 200x60 (medium)");
    for (name, keys) in [
        ("claims", ""),
        ("claims with search", "/drone\n"),
        ("contradictions", "2j"),
        ("sources", "3"),
        ("source reader", "3jj\nn"),
        ("diagnostics", "4j"),
    ] {
        let mut app = app();
        press(&mut app, keys);
        app.page_rows = view::page_rows(HEIGHT);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal.draw(|frame| view::draw(frame, &app)).unwrap();
            })
        });
    }
    group.finish();
}

/// The UI fixture with the first claim's note `bytes` long, in a temp dir.
fn fixture_with_a_note(bytes: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for entry in std::fs::read_dir(fixture.join("docs")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), docs.join(entry.file_name())).unwrap();
    }
    let claims = std::fs::read_to_string(fixture.join("claims.toml")).unwrap();
    let words = "the drones struck Nakhchivan airport on 5 March ";
    let note: String = words.chars().cycle().take(bytes).collect();
    let claims = claims.replacen(
        "status = \"confirmed\"\n",
        &format!("status = \"confirmed\"\nnote = \"{note}\"\n"),
        1,
    );
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, claims).unwrap();
    (dir, path)
}

fn prompt(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui note prompt 200x60");
    group.sample_size(10);
    for (name, bytes) in [("60 KB note", 60_000), ("5 MB note", 5_000_000)] {
        let (_dir, path) = fixture_with_a_note(bytes);
        let mut app = App::new(crux::load(&path));
        app.page_rows = view::page_rows(HEIGHT);
        press(&mut app, "m");
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        group.bench_function(format!("{name}: type a key and draw"), |b| {
            let mut typed = 0;
            b.iter(|| {
                // Alternately a character and Backspace, so the note keeps its size.
                let code = match typed % 2 {
                    0 => KeyCode::Char('x'),
                    _ => KeyCode::Backspace,
                };
                typed += 1;
                key(&mut app, code);
                terminal.draw(|frame| view::draw(frame, &app)).unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search, frames, prompt);
criterion_main!(benches);
