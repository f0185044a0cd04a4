//! The real `crux` binary in tmux, fed as a person feeds a terminal:
//! pasted text (tmux `paste-buffer -p` sends bracketed paste when the
//! program asked for it), thousands of keys at once, keys on a terminal
//! too small to show anything. No key acts that the user did not mean, and
//! none is left waiting.

mod common;

use std::path::Path;

use common::tmux::{self, Tmux, copy_dir, fixture_dir};

/// crux on a copy of the UI fixture in a `width`x`height` pane; after crux
/// the shell reads one line and shows it (`cat -v`: an ESC shows as `^[`).
fn crux_on_the_fixture(width: u16, height: u16) -> (tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let tmux = start(dir.path(), width, height);
    (dir, tmux)
}

fn start(dir: &Path, width: u16, height: u16) -> Tmux {
    let script = format!(
        "\"{}\" claims.toml\necho \"EXIT=$?\"\nIFS= read -r line\nprintf 'READ:%s:END\\n' \"$line\" | cat -v\nsleep 600\n",
        env!("CARGO_BIN_EXE_crux")
    );
    std::fs::write(dir.join("run.sh"), script).unwrap();
    Tmux::start(dir, "sh run.sh", width, height)
}

/// Pastes `text` as a terminal does: bracketed when the program asked for
/// it, each line feed sent as a carriage return.
fn paste(tmux: &Tmux, text: &str) {
    assert!(
        tmux.run(&["set-buffer", "-b", "pasted", "--", text])
            .status
            .success()
    );
    assert!(
        tmux.run(&["paste-buffer", "-p", "-d", "-b", "pasted", "-t", "crux"])
            .status
            .success()
    );
}

fn wait_until(done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_paste_into_the_text_prompt_runs_no_key() {
    if !tmux::available() {
        return;
    }
    let (dir, tmux) = crux_on_the_fixture(160, 48);
    let claims = dir.path().join("claims.toml");
    let original = read(&claims);
    tmux.wait_for("claim 1/10");
    tmux.send(&["t"]);
    tmux.wait_for("claim text:");
    // Unbracketed, the line break was Enter (saving "Text") and the rest
    // moved down and disputed, confirmed and rejected claims.
    paste(&tmux, "Text\njadjdjr");
    let screen = tmux.wait_for("The drones were launched from Iranian territory.Text jadjdjr");
    assert!(screen.contains("line breaks became spaces"), "{screen}");
    assert!(screen.contains("Claims 1/10"), "{screen}");
    assert_eq!(read(&claims), original, "the paste changed the claims file");
    tmux.send(&["Escape"]);
    tmux.wait_for("cancelled");
    assert_eq!(read(&claims), original);
    // Typed keys still act after it: j moves, and Enter in a prompt saves.
    tmux.send(&["j", "t", "C-u"]);
    paste(&tmux, "Baku said so.");
    tmux.wait_for("Baku said so.");
    tmux.send(&["Enter"]);
    tmux.wait_for("(saved)");
    let text = String::from_utf8(read(&claims)).unwrap();
    assert!(text.contains("text = \"Baku said so.\""), "{text}");
    assert_eq!(text.matches("Baku said so.").count(), 1);
}

#[test]
fn a_paste_outside_a_text_field_is_ignored() {
    if !tmux::available() {
        return;
    }
    let (dir, tmux) = crux_on_the_fixture(160, 48);
    let claims = dir.path().join("claims.toml");
    let original = read(&claims);
    tmux.wait_for("claim 1/10");
    paste(&tmux, "jjjadr\n");
    let screen = tmux.wait_for("paste ignored: not in a text field");
    assert!(screen.contains("claim 1/10"), "{screen}");
    // In the reader, while selecting: no motion, no new claim.
    tmux.send(&["3", "j", "j", "Enter", "v"]);
    tmux.wait_for("selecting");
    paste(&tmux, "w)c\n");
    let screen = tmux.wait_for("paste ignored: not in a text field");
    assert!(!screen.contains("New claim"), "{screen}");
    // Escape sequences inside a paste are not keys either (ESC [ A is ↑).
    // (Each Esc waits for the screen: an Esc and a key sent at once read
    // as Alt and the key.)
    tmux.send(&["Escape"]);
    tmux.wait_for("v selects");
    tmux.send(&["1"]);
    tmux.wait_for("claim 1/10");
    tmux.send(&["/"]);
    paste(&tmux, "drone\u{1b}[A\u{1b}[B");
    tmux.wait_for("/drone[A[B█");
    tmux.send(&["Escape"]);
    tmux.wait_for("claim 1/10");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
    assert_eq!(read(&claims), original);
}

#[test]
fn bracketed_paste_is_off_again_after_crux() {
    if !tmux::available() {
        return;
    }
    let (_dir, tmux) = crux_on_the_fixture(160, 48);
    tmux.wait_for("claim 1/10");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
    paste(&tmux, "after crux");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for(":END");
    assert!(
        screen.contains("READ:after crux:END"),
        "the shell got paste brackets:\n{screen}"
    );
}

#[test]
fn the_editor_gets_plain_pastes_and_crux_gets_bracketed_ones_back() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    // An "editor" that reads one line from the terminal and keeps it.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nIFS= read -r line\nprintf '%s' \"$line\" > \"$(dirname \"$0\")/edited.txt\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let script = format!(
        "VISUAL='{}' \"{}\" claims.toml\necho \"EXIT=$?\"\nsleep 600\n",
        editor.display(),
        env!("CARGO_BIN_EXE_crux")
    );
    std::fs::write(dir.path().join("run.sh"), script).unwrap();
    let tmux = Tmux::start(dir.path(), "sh run.sh", 160, 48);
    let claims = dir.path().join("claims.toml");
    let original = read(&claims);
    tmux.wait_for("claim 1/10");
    tmux.send(&["e"]);
    wait_until(|| tmux.display("#{alternate_on}") == "0");
    paste(&tmux, "in the editor");
    tmux.send(&["Enter"]);
    tmux.wait_for("reloaded after editing");
    let edited = std::fs::read_to_string(dir.path().join("edited.txt")).unwrap();
    assert_eq!(edited, "in the editor", "the editor got paste brackets");
    paste(&tmux, "jjja");
    let screen = tmux.wait_for("paste ignored: not in a text field");
    assert!(screen.contains("claim 1/10"), "{screen}");
    assert_eq!(read(&claims), original);
}

/// A claims file of `count` claims on one small document, c0001 first.
fn many_claims(dir: &Path, count: usize) {
    std::fs::write(
        dir.join("doc.txt"),
        "The drones struck the airport. Baku protested.\n",
    )
    .unwrap();
    let mut text = String::from(
        "[sources.d]\npath = \"doc.txt\"\n\n[topics.t]\nquestion = \"What happened?\"\n",
    );
    for i in 1..=count {
        text.push_str(&format!(
            "\n[claims.c{i:04}]\ntopic = \"t\"\ntext = \"Claim number {i}.\"\nspans = [{{ source = \"d\", quote = \"The drones struck the airport.\" }}]\n"
        ));
    }
    std::fs::write(dir.join("claims.toml"), text).unwrap();
}

#[test]
fn two_thousand_keys_at_once_all_act_before_the_next_one() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    many_claims(dir.path(), 2500);
    let tmux = start(dir.path(), 160, 48);
    tmux.wait_for("claim 1/2500");
    // One write of 2,000 bytes: more than the 1 KB read at a time.
    tmux.type_text(&"j".repeat(2000));
    tmux.wait_for("claim 2001/2500");
    // The a is for the claim on screen, not one that 975 stuck j's reach.
    tmux.send(&["a"]);
    tmux.wait_for("c2001: confirmed (saved)");
    tmux.type_text(&"k".repeat(1500));
    tmux.wait_for("claim 501/2500");
    tmux.send(&["a"]);
    tmux.wait_for("c0501: confirmed (saved)");
    let text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    let confirmed: Vec<&str> = text
        .split("\n[claims.")
        .filter(|claim| claim.contains("status = \"confirmed\""))
        .map(|claim| &claim[..5])
        .collect();
    assert_eq!(confirmed, ["c0501", "c2001"]);
}

#[test]
fn keys_on_a_too_small_terminal_do_nothing_but_q() {
    if !tmux::available() {
        return;
    }
    let (dir, tmux) = crux_on_the_fixture(50, 12);
    let claims = dir.path().join("claims.toml");
    let original = read(&claims);
    tmux.wait_for("terminal too small");
    // j then a would confirm the second claim, unseen.
    tmux.send(&["j", "a", "t", "x", "Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        tmux.run(&["resize-window", "-t", "crux", "-x", "160", "-y", "48"])
            .status
            .success()
    );
    let screen = tmux.wait_for("reviewed");
    assert!(screen.contains("claim 1/10"), "{screen}");
    assert!(!screen.contains("Edit"), "a prompt opened:\n{screen}");
    assert_eq!(read(&claims), original);
    assert!(
        tmux.run(&["resize-window", "-t", "crux", "-x", "40", "-y", "10"])
            .status
            .success()
    );
    tmux.wait_for("terminal too small");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}
