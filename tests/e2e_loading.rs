//! The real `crux` binary in tmux while its documents are still being read
//! and anchored, held at a chosen document by a test hook
//! (`CRUX_TEST_ANCHOR_GATE`: documents wait until the gate file holds a
//! number above theirs): the first frame comes first, with its progress
//! line; keys work meanwhile and what they write lands right; an outside
//! change, a quit and a failure midway are met as they come.

mod common;

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::Path;
use std::process::Command;

use common::tmux::{self, Tmux, copy_dir, fixture_dir};

/// crux on `dir/claims.toml` in a 160x48 pane, its documents held at the
/// gate `dir/gate` (closed until written) and `env` set; the pane then
/// shows its exit code.
fn crux_held(dir: &Path, env: &str) -> Tmux {
    let script = format!(
        "CRUX_TEST_ANCHOR_GATE=gate {env} \"{}\" claims.toml\necho \"EXIT=$?\"\nsleep 600\n",
        env!("CARGO_BIN_EXE_crux")
    );
    std::fs::write(dir.join("run.sh"), script).unwrap();
    Tmux::start(dir, "sh run.sh", 160, 48)
}

/// Lets the first `documents` documents through.
fn open_gate(dir: &Path, documents: usize) {
    std::fs::write(dir.join("gate"), documents.to_string()).unwrap();
}

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    dir
}

/// The number of diagnostics `crux check` reports for `claims`.
fn checked(claims: &Path) -> usize {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "--format", "json"])
        .arg(claims)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).lines().count()
}

/// Waits for the screen to have no progress line any more.
fn wait_anchored(tmux: &Tmux) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let screen = tmux.screen();
        if screen.contains("reviewed") && !screen.contains("anchoring") {
            return screen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still anchoring:\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_claims_show_and_keys_work_before_any_document_is_read() {
    if !tmux::available() {
        return;
    }
    let dir = fixture_copy();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let tmux = crux_held(dir.path(), "");

    let screen = tmux.wait_for("anchoring 0/3 documents");
    assert!(screen.contains("claim 1/10"), "{screen}");
    assert!(
        screen.contains("The drones were launched from Iranian territory."),
        "{screen}"
    );
    assert!(screen.contains("not read yet"), "{screen}");

    tmux.send(&["j"]);
    tmux.wait_for("claim 2/10");
    tmux.type_text("/drone");
    tmux.wait_for("/drone█  4 matching");
    tmux.send(&["Enter"]);
    tmux.wait_for("filter: /drone");
    tmux.send(&["G"]);
    tmux.wait_for("claim 4/4");
    tmux.send(&["a"]);
    let screen = tmux.wait_for("false-flag: confirmed (saved)");
    assert!(screen.contains("anchoring 0/3 documents"), "{screen}");

    open_gate(dir.path(), 1);
    tmux.wait_for("anchoring 1/3 documents");
    open_gate(dir.path(), 100);
    let screen = wait_anchored(&tmux);
    assert!(screen.contains("false-flag  ✓ confirmed"), "{screen}");
    assert!(!screen.contains("not read yet"), "{screen}");
    let diagnostics = checked(&claims);
    tmux.send(&["4"]);
    tmux.wait_for(&format!(" 4 Diagnostics {diagnostics} "));

    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
    let status = original.find("status = \"disputed\"").unwrap();
    let claim = original[..status].rfind("[claims.").unwrap();
    assert!(original[claim..].starts_with("[claims.false-flag]"));
    let expected = format!(
        "{}status = \"confirmed\"{}",
        &original[..status],
        &original[status + "status = \"disputed\"".len()..]
    );
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), expected);
}

#[test]
fn a_link_made_while_anchoring_starts_the_saved_file_over() {
    if !tmux::available() {
        return;
    }
    let dir = fixture_copy();
    let claims = dir.path().join("claims.toml");
    let tmux = crux_held(dir.path(), "");
    open_gate(dir.path(), 1);
    tmux.wait_for("anchoring 1/3 documents");
    tmux.send(&["L"]);
    tmux.wait_for("link launched-from-iran to");
    tmux.type_text("stayed-neutral");
    tmux.wait_for("> stayed-neutral");
    tmux.send(&["Enter"]);
    tmux.wait_for(" t contrasts: both can be true");
    tmux.send(&["t"]);
    tmux.wait_for("link note (optional):");
    tmux.send(&["Enter"]);
    // The saved file is a new dataset: its documents are read again, the
    // gate letting one through (the count may show 0/3 for a moment first).
    tmux.wait_for("(contrasts) (saved)");
    tmux.wait_for("anchoring 1/3 documents");
    open_gate(dir.path(), 100);
    let screen = wait_anchored(&tmux);
    assert!(screen.contains("in tension with:"), "{screen}");
    let diagnostics = checked(&claims);
    tmux.send(&["4"]);
    tmux.wait_for(&format!(" 4 Diagnostics {diagnostics} "));
    let text = std::fs::read_to_string(&claims).unwrap();
    assert!(text.contains("stayed-neutral"), "{text}");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["show", "launched-from-iran"])
        .arg(&claims)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&check.stdout);
    assert!(shown.contains("stayed-neutral"), "{shown}");
}

#[test]
fn quitting_while_anchoring_ends_at_once() {
    if !tmux::available() {
        return;
    }
    let dir = fixture_copy();
    let tmux = crux_held(dir.path(), "");
    tmux.wait_for("anchoring 0/3 documents");
    let asked = std::time::Instant::now();
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
    assert!(
        asked.elapsed() < std::time::Duration::from_secs(5),
        "quitting waited for the held documents"
    );
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}

#[test]
fn a_document_changed_on_disk_while_anchoring_is_read_as_it_is_now() {
    if !tmux::available() {
        return;
    }
    let dir = fixture_copy();
    let claims = dir.path().join("claims.toml");
    let tmux = crux_held(dir.path(), "");
    tmux.wait_for("anchoring 0/3 documents");
    let document = dir.path().join("docs/alignment-restraint.txt");
    let text = std::fs::read_to_string(&document).unwrap();
    let quoted = "drones launched from Iranian territory struck Nakhichevan";
    assert!(text.contains(quoted));
    std::fs::write(&document, text.replace(quoted, "something else entirely")).unwrap();
    tmux.wait_for("reloaded: changed on disk");
    open_gate(dir.path(), 100);
    let screen = wait_anchored(&tmux);
    assert!(screen.contains("1 error — press 4"), "{screen}");
    let diagnostics = checked(&claims);
    tmux.send(&["4"]);
    tmux.wait_for(&format!(" 4 Diagnostics {diagnostics} "));
}

#[test]
fn anchoring_that_fails_midway_is_said_and_the_ui_goes_on() {
    if !tmux::available() {
        return;
    }
    let dir = fixture_copy();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    open_gate(dir.path(), 100);
    let tmux = crux_held(dir.path(), "CRUX_TEST_ANCHOR_PANIC=1");
    // Three documents are read on one thread: the second stops it.
    let screen = tmux.wait_for("anchoring stopped: internal error (CRUX_TEST_ANCHOR_PANIC");
    assert!(
        screen.contains("anchoring stopped at 1/3 documents (r reloads)"),
        "{screen}"
    );
    assert_eq!(tmux.display("#{alternate_on}"), "1", "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
    tmux.send(&["j"]);
    tmux.wait_for("claim 2/10");
    tmux.send(&["x"]);
    tmux.wait_for("not exported: anchoring stopped");
    tmux.send(&["a"]);
    tmux.wait_for("baku-says-iran: confirmed (saved)");
    tmux.send(&["q"]);
    let screen = tmux.wait_for("EXIT=0");
    assert!(!screen.contains("panicked"), "{screen}");
    assert_ne!(std::fs::read_to_string(&claims).unwrap(), original);
}

#[test]
fn a_thousand_documents_in_a_real_terminal() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut params = gen_corpus::Params::new(1000, 2000, 3);
    params.doc_bytes = 4000;
    gen_corpus::generate(&params, dir.path()).unwrap();
    let claims = dir.path().join("claims.toml");
    open_gate(dir.path(), 412);
    let tmux = crux_held(dir.path(), "");
    let screen = tmux.wait_for("anchoring 412/1,000 documents");
    assert!(screen.contains("claim 1/2000"), "{screen}");

    tmux.send(&["j", "j"]);
    tmux.wait_for("claim 3/2000");
    tmux.type_text("/ref");
    tmux.wait_for("/ref█");
    tmux.send(&["Escape"]);
    tmux.wait_without("/ref█");
    tmux.send(&["4"]);
    tmux.wait_for("anchoring 412/1,000 documents");
    tmux.send(&["1"]);
    tmux.send(&["a"]);
    tmux.wait_for("confirmed (saved)");

    open_gate(dir.path(), 100_000);
    wait_anchored(&tmux);
    let diagnostics = checked(&claims);
    tmux.send(&["4"]);
    tmux.wait_for(&format!(" 4 Diagnostics {diagnostics} "));
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}
