//! The PDF reader panics on some malformed files and catches its panics.
//! When that happens while the review UI runs (a PDF source replaced on
//! disk, read again on reload), the UI's panic hook must leave the
//! terminal alone: the UI stays on the alternate screen, raw, and goes on.

mod common;

use common::pdf::pdf;
use common::tmux::{self, Tmux, copy_dir, fixture_dir};

/// A one-page PDF whose text is drawn before any font is chosen:
/// pdf-extract panics on it.
fn panicking_pdf() -> Vec<u8> {
    let content = "BT 72 720 Td (no font) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    pdf(&objects, "")
}

#[test]
fn a_panic_inside_the_pdf_reader_while_the_ui_runs_leaves_the_terminal_to_the_ui() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    // A PDF source from the start: its first reading, before the UI takes
    // the terminal, installs the PDF reader's own panic hook under the UI's.
    let pdf = dir.path().join("docs/printed.pdf");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pdf/seeds/000-groff.pdf"
        ),
        &pdf,
    )
    .unwrap();
    let claims = dir.path().join("claims.toml");
    let text = std::fs::read_to_string(&claims).unwrap();
    std::fs::write(
        &claims,
        text.replacen(
            "\n[topics.",
            "\n[sources.printed]\npath = \"docs/printed.pdf\"\n\n[topics.",
            1,
        ),
    )
    .unwrap();
    let command = format!(
        "sh -c 'XDG_CACHE_HOME=\"$PWD/cache\" \"{}\" claims.toml; echo \"EXIT=$?\"; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = Tmux::start(dir.path(), &command, 120, 40);
    tmux.wait_for("claim 1/10");
    assert_eq!(tmux.display("#{alternate_on}"), "1");

    std::fs::write(&pdf, panicking_pdf()).unwrap();
    let screen = tmux.wait_for("reloaded: changed on disk");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "the UI gave the terminal back on a caught panic:\n{screen}"
    );
    assert!(!screen.contains("panicked"), "{screen}");
    // The UI goes on, and says what is wrong with the source.
    tmux.send(&["j"]);
    tmux.wait_for("claim 2/10");
    tmux.send(&["q"]);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}
