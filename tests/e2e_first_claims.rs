//! The real `crux` binary in tmux on a claims file large enough to be
//! shown from its first claims while the rest is read, the rest held back
//! by a test hook (`CRUX_TEST_CLAIMS_GATE`: read once the gate file
//! exists, a panic when it says so): the first claims come first, marked
//! as more to come; moving works meanwhile; a key that writes waits for
//! the whole file and then writes to the claim it was pressed on, and a
//! signal still ends the UI meanwhile; a quit is at once; a failure ends
//! the UI with its message.

mod common;

use std::path::Path;

use common::tmux::{self, Tmux};

const CLAIMS: usize = 3000;

/// A claims file of `CLAIMS` claims (about 700 KB) quoting one document,
/// every tenth claim reviewed.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The quick brown fox jumps over the lazy dog.\n",
    )
    .unwrap();
    let mut text = String::from(
        "title = \"first claims\"\n[sources.a]\npath = \"a.txt\"\n\
         [topics.t]\nquestion = \"What did the fox do?\"\n",
    );
    for i in 0..CLAIMS {
        let status = if i % 10 == 0 {
            "status = \"confirmed\"\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "\n[claims.c{i:05}]\ntopic = \"t\"\n\
             text = \"Claim {i:05} says the fox jumped, at some length to fill the file out.\"\n\
             note = \"{}\"\n{status}\
             spans = [{{ source = \"a\", quote = \"quick brown fox jumps\" }}]\n",
            "a note to give each claim some weight ".repeat(3)
        ));
    }
    std::fs::write(dir.path().join("claims.toml"), text).unwrap();
    dir
}

/// crux on `dir/claims.toml` in a 160x40 pane with the rest of the claims
/// held at the gate `dir/gate`, its pid in `dir/crux.pid` (the shell
/// writes it, then becomes crux); the pane then shows its exit code.
fn crux_held(dir: &Path) -> Tmux {
    let script = format!(
        "CRUX_TEST_CLAIMS_GATE=gate sh -c 'echo $$ > crux.pid; exec \"$0\" claims.toml' \"{}\"\n\
         echo \"EXIT=$?\"\nsleep 600\n",
        env!("CARGO_BIN_EXE_crux")
    );
    std::fs::write(dir.join("run.sh"), script).unwrap();
    Tmux::start(dir, "sh run.sh", 160, 40)
}

/// The id of the claim the detail pane shows.
fn selected_id(screen: &str) -> String {
    let line = screen
        .lines()
        .find(|line| line.contains("│c0"))
        .unwrap_or_else(|| panic!("no claim in the detail pane:\n{screen}"));
    let after = &line[line.find("│c0").unwrap() + "│".len()..];
    after.split_whitespace().next().unwrap().to_string()
}

#[test]
fn the_first_claims_show_at_once_and_a_write_waits_for_the_rest() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let tmux = crux_held(dir.path());

    let screen = tmux.wait_for("reading the rest of the claims");
    let shown = screen
        .lines()
        .find_map(|line| {
            line.split(" Claims ")
                .nth(1)?
                .split('+')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .unwrap_or_else(|| panic!("no claim count in the tabs:\n{screen}"));
    assert!(
        shown > 10 && shown < CLAIMS,
        "{shown} claims first:\n{screen}"
    );
    assert!(screen.contains(&format!("/{shown}+ reviewed")), "{screen}");
    assert!(screen.contains("Diagnostics 0+"), "{screen}");

    tmux.send(&["j", "j"]);
    let screen = tmux.wait_for(&format!("claim 3/{shown}+"));
    let id = selected_id(&screen);
    tmux.send(&["r"]);
    tmux.wait_for("that key waits for the rest of the claims");
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), original);

    std::fs::write(dir.path().join("gate"), "").unwrap();
    let screen = tmux.wait_for(&format!("{id}: rejected (saved)"));
    assert!(!screen.contains("reading the rest"), "{screen}");
    assert!(screen.contains(&format!("/{CLAIMS} reviewed")), "{screen}");
    assert_eq!(selected_id(&screen), id, "{screen}");

    // One line added, in the claim's own table.
    let saved = std::fs::read_to_string(&claims).unwrap();
    let header = format!("[claims.{id}]");
    let (at, line) = saved
        .lines()
        .zip(original.lines())
        .position(|(s, o)| s != o)
        .map(|at| (at, saved.lines().nth(at).unwrap()))
        .unwrap();
    assert_eq!(line, "status = \"rejected\"");
    let lines: Vec<&str> = saved.lines().collect();
    let table = lines[..at].iter().rposition(|l| l.starts_with("[claims."));
    assert_eq!(table.map(|t| lines[t]), Some(header.as_str()));
    let mut without = lines;
    without.remove(at);
    assert_eq!(without, original.lines().collect::<Vec<_>>());

    // Its own save is no outside change.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let screen = tmux.screen();
    assert!(!screen.contains("reloaded"), "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_claims_file_changed_while_it_was_read_is_read_again() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let claims = dir.path().join("claims.toml");
    let tmux = crux_held(dir.path());
    tmux.wait_for("reading the rest of the claims");
    // Read already, and not yet watched: another editor saves.
    let changed = std::fs::read_to_string(&claims)
        .unwrap()
        .replace("Claim 00000 says", "Claim 00000 now says");
    std::fs::write(&claims, changed).unwrap();
    std::fs::write(dir.path().join("gate"), "").unwrap();
    let screen = tmux.wait_for("reloaded: changed on disk");
    assert!(screen.contains(&format!("/{CLAIMS} reviewed")), "{screen}");
    tmux.send(&["g"]);
    tmux.wait_for("Claim 00000 now says");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn values_nested_deep_past_the_first_claims_are_diagnosed_not_overflowed() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let claims = dir.path().join("claims.toml");
    let mut text = std::fs::read_to_string(&claims).unwrap();
    // As deep as `tests/reliability_input.rs` nests them, the last left
    // open to the end of the file.
    for (open, close, depth) in [
        ("[", "]", 10_000),
        ("{ a = ", " }", 10_000),
        ("[{ a = ", " }]", 5_000),
        ("[", "", 100_000),
    ] {
        text.push_str(&format!(
            "\n[claims.deep{}{}]\nx = {}{}\n",
            open.len(),
            close.len(),
            open.repeat(depth),
            close.repeat(depth)
        ));
    }
    std::fs::write(&claims, text).unwrap();
    std::fs::write(dir.path().join("gate"), "").unwrap();
    let tmux = crux_held(dir.path());
    let screen = tmux.wait_for("errors — press 4");
    assert!(!screen.contains("EXIT="), "{screen}");
    tmux.send(&["4"]);
    tmux.wait_for("Diagnostics: ");
    tmux.send(&["G"]);
    tmux.wait_for("E0001");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn first_claims_that_do_not_parse_are_shown_once_the_whole_file_is_read() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let claims = dir.path().join("claims.toml");
    let text =
        std::fs::read_to_string(&claims)
            .unwrap()
            .replacen("[claims.c00003]", "[claims.c00003", 1);
    std::fs::write(&claims, text).unwrap();
    std::fs::write(dir.path().join("gate"), "").unwrap();
    let tmux = crux_held(dir.path());
    let screen = tmux.wait_for("error — press 4");
    assert!(!screen.contains("+ reviewed"), "{screen}");
    assert!(!screen.contains("reading the rest"), "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_signal_ends_a_key_waiting_for_the_rest_of_the_claims() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let tmux = crux_held(dir.path());
    tmux.wait_for("reading the rest of the claims");
    tmux.send(&["r"]);
    tmux.wait_for("that key waits for the rest of the claims");
    let pid = std::fs::read_to_string(dir.path().join("crux.pid")).unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(killed.success());
    tmux.wait_for("EXIT=143");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), original);
}

#[test]
fn quitting_while_the_claims_are_read_ends_at_once() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let tmux = crux_held(dir.path());
    tmux.wait_for("reading the rest of the claims");
    tmux.send(&["q"]);
    tmux.wait_for("EXIT=0");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}

#[test]
fn a_panic_while_reading_the_claims_ends_the_ui_with_its_message() {
    if !tmux::available() {
        return;
    }
    let dir = project();
    let tmux = crux_held(dir.path());
    tmux.wait_for("reading the rest of the claims");
    std::fs::write(dir.path().join("gate"), "panic").unwrap();
    let screen = tmux.wait_for("EXIT=1");
    assert!(
        screen.contains(
            "error: reading the claims file: internal error (CRUX_TEST_CLAIMS_GATE says panic"
        ),
        "{screen}"
    );
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}
