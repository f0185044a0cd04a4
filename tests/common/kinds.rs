//! The review UI on the relation-kinds fixture (`tests/fixtures/tui/kinds.toml`:
//! parties, periods, hedges, every class of contradiction and every kind of
//! link), and reading cells and their styles off a drawn frame.

use std::path::{Path, PathBuf};

use crux::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::screen::text_of;
use super::tui_project;

pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml")
}

pub fn select_id(app: &mut App, id: &str) {
    let index = app.dataset().claim_index(id).unwrap();
    app.select_claim(index);
}

/// The column and row where `text` starts on screen (a wide character's
/// trailing cell skipped, as [`text_of`] does).
pub fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let mut line = String::new();
        let mut starts = Vec::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            starts.push((line.len(), x));
            line.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        let at = line.find(text)?;
        starts
            .iter()
            .find(|&&(byte, _)| byte == at)
            .map(|&(_, x)| (x, y))
    })
}

/// The modifiers of the cell at the start of `text` on screen.
pub fn modifier_at(buffer: &Buffer, text: &str) -> Modifier {
    let (x, y) = find(buffer, text).unwrap_or_else(|| {
        panic!("{text:?} not on screen:\n{}", text_of(buffer));
    });
    buffer[(x, y)].modifier
}

/// The rows (top to bottom) on which each of `texts` first appears.
pub fn rows_of(buffer: &Buffer, texts: &[&str]) -> Vec<u16> {
    texts
        .iter()
        .map(|text| {
            find(buffer, text)
                .unwrap_or_else(|| panic!("{text:?} not on screen:\n{}", text_of(buffer)))
                .1
        })
        .collect()
}

pub fn kinds_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/kinds.toml")
}

pub fn kinds() -> App {
    App::new(crux::load(&kinds_path()))
}

/// A temp copy of the kinds fixture, as `claims.toml` next to the docs.
pub fn kinds_project() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = tui_project();
    std::fs::copy(kinds_path(), &path).unwrap();
    (dir, path)
}

pub fn selected(app: &App) -> &str {
    &app.dataset().claims[app.selected_claim().unwrap()].id
}

pub fn visible_ids(app: &App) -> Vec<&str> {
    app.screens
        .claims
        .visible
        .iter()
        .map(|&c| app.dataset().claims[c].id.as_str())
        .collect()
}
