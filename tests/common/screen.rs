//! The review UI without a terminal: frames drawn into ratatui's
//! `TestBackend`, and the screen read back as text.

use crux::tui::app::App;
use crux::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Draws one frame as the event loop does, and returns what is on screen.
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) -> Buffer {
    app.page_rows = view::page_rows(terminal.size().unwrap().height);
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// One frame on a fresh `width`x`height` terminal.
pub fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    draw(
        &mut Terminal::new(TestBackend::new(width, height)).unwrap(),
        app,
    )
}

/// The screen as text; a wide character's trailing cell is skipped.
pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}
