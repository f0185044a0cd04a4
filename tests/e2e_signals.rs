//! However the review UI ends (q, Ctrl-C, SIGTERM, SIGHUP, a panic), the
//! real terminal (tmux) comes back: raw mode off, the alternate screen left,
//! the cursor shown, and the exit code says how it ended. Without a
//! terminal on stdin or stdout crux names the commands that need none.

mod common;

use common::tmux::{self, Tmux, copy_dir, fixture_dir};

/// Runs `launch` (a shell line starting crux) in a pane, then prints its
/// exit code and the terminal's canonical and echo modes as `stty` sees them.
fn start(launch: &str) -> (Tmux, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let script = format!(
        "CRUX='{}'\n{launch}\necho \"EXIT=$?\"\necho \"STTY: $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ')END\"\nsleep 600\n",
        env!("CARGO_BIN_EXE_crux")
    );
    std::fs::write(dir.path().join("run.sh"), script).unwrap();
    let tmux = Tmux::start(dir.path(), "sh run.sh", 100, 30);
    (tmux, dir)
}

/// crux's own pid: the shell writes it, then becomes crux.
const EXEC_CRUX: &str = "sh -c 'echo $$ > crux.pid; exec \"$0\" claims.toml' \"$CRUX\"";

fn crux_pid(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("crux.pid"))
        .unwrap()
        .trim()
        .to_string()
}

/// The UI is up: drawn on the alternate screen.
fn wait_until_drawn(tmux: &Tmux) {
    tmux.wait_for("claim 1/10");
    assert_eq!(tmux.display("#{alternate_on}"), "1");
}

/// After crux ended with `code`: the terminal is as it was before.
fn assert_restored(tmux: &Tmux, code: i32) -> String {
    let screen = tmux.wait_for("END");
    assert!(screen.contains(&format!("EXIT={code}\n")), "{screen}");
    assert!(
        screen.contains("STTY: icanon echo END"),
        "raw mode is still on:\n{screen}"
    );
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "the cursor is hidden");
    assert!(
        !screen.contains("claim 1/10"),
        "the UI was left on the main screen:\n{screen}"
    );
    screen
}

fn kill(signal: &str, pid: &str) {
    let status = std::process::Command::new("kill")
        .args([signal, pid])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn q_quits_with_0_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (tmux, _dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    tmux.send(&["q"]);
    assert_restored(&tmux, 0);
}

#[test]
fn ctrl_c_quits_with_130_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (tmux, _dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    tmux.send(&["C-c"]);
    assert_restored(&tmux, 130);
}

#[test]
fn sigterm_exits_with_143_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (tmux, dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    kill("-TERM", &crux_pid(&dir));
    assert_restored(&tmux, 143);
}

#[test]
fn sighup_exits_with_129_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (tmux, dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    kill("-HUP", &crux_pid(&dir));
    assert_restored(&tmux, 129);
}

/// A key press keeps crux busy for 30 s (the `CRUX_TEST_BUSY` hook), far
/// past the 15 s the test waits: the signal must be acted on meanwhile.
const BUSY_CRUX: &str =
    "CRUX_TEST_BUSY=30 sh -c 'echo $$ > crux.pid; exec \"$0\" claims.toml' \"$CRUX\"";

/// Sends `signal` to crux while a key keeps it busy; the terminal must come
/// back and crux end with `code`.
fn signal_while_busy(signal: &str, code: i32) {
    if !tmux::available() {
        return;
    }
    let (tmux, dir) = start(BUSY_CRUX);
    wait_until_drawn(&tmux);
    tmux.send(&["j"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    kill(signal, &crux_pid(&dir));
    assert_restored(&tmux, code);
}

#[test]
fn sigterm_while_busy_restores_the_terminal_and_exits_143() {
    signal_while_busy("-TERM", 143);
}

#[test]
fn sigint_while_busy_restores_the_terminal_and_exits_130() {
    signal_while_busy("-INT", 130);
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the command name's closing parenthesis.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn crux_ends_when_its_terminal_goes_away() {
    if !tmux::available() {
        return;
    }
    let (tmux, dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    let pid = crux_pid(&dir);
    assert!(!ended(&pid));
    // The whole terminal goes: the pane's pty is hung up under crux.
    assert!(tmux.run(&["kill-server"]).status.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !ended(&pid) {
        if std::time::Instant::now() > deadline {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid])
                .status();
            panic!("crux (pid {pid}) kept running without a terminal");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn sigint_exits_with_130_and_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let (tmux, dir) = start(EXEC_CRUX);
    wait_until_drawn(&tmux);
    kill("-INT", &crux_pid(&dir));
    assert_restored(&tmux, 130);
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    if !tmux::available() {
        return;
    }
    let (tmux, _dir) = start(&format!("CRUX_TEST_PANIC=1 {EXEC_CRUX}"));
    wait_until_drawn(&tmux);
    tmux.send(&["j"]);
    let screen = assert_restored(&tmux, 101);
    // Printed on the main screen, so after the alternate screen was left.
    assert!(
        screen.contains("CRUX_TEST_PANIC is set: panicking on a key press"),
        "{screen}"
    );
}

#[test]
fn stdout_not_a_terminal_is_a_usage_error_naming_the_script_commands() {
    if !tmux::available() {
        return;
    }
    let (tmux, _dir) = start("{ \"$CRUX\" claims.toml; echo \"CODE=$?\"; } | cat");
    let screen = tmux.wait_for("END");
    assert!(screen.contains("CODE=2\n"), "{screen}");
    assert!(screen.contains("stdout is not a terminal"), "{screen}");
    for command in ["crux check", "crux list", "crux show ID", "crux report"] {
        assert!(screen.contains(command), "{command} not named:\n{screen}");
    }
    assert_eq!(tmux.display("#{alternate_on}"), "0");
    assert!(screen.contains("STTY: icanon echo END"), "{screen}");
}

#[test]
fn stdin_not_a_terminal_is_a_usage_error_naming_the_script_commands() {
    if !tmux::available() {
        return;
    }
    let (tmux, _dir) = start("\"$CRUX\" claims.toml < /dev/null");
    let screen = assert_restored(&tmux, 2);
    assert!(screen.contains("stdin is not a terminal"), "{screen}");
    for command in ["crux check", "crux list", "crux show ID", "crux report"] {
        assert!(screen.contains(command), "{command} not named:\n{screen}");
    }
}
