//! The real `crux` binary in a real terminal (tmux): navigate, search,
//! switch screens, confirm a claim, quit; the terminal comes back and the
//! claims file changes by that one status value only. Then authoring: a
//! claim from a selected passage, linked to another, written as a person
//! would write it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "crux"];
        args.extend(keys);
        assert!(self.run(&args).status.success());
    }

    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "crux", "-l", text])
                .status
                .success()
        );
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "crux"]).stdout)
            .into_owned()
    }

    /// Polls the pane until it shows `text`; fails with the last screen.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("tmux is required under CI (install it, e.g. apt-get install tmux)");
    }
    found
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

/// crux on `dir/claims.toml` in a 160x48 tmux session named `crux`.
fn start(dir: &Path, name: &str) -> Tmux {
    let tmux = Tmux {
        socket: format!("crux-{name}-{}", std::process::id()),
    };
    let command = format!(
        "sh -c '\"{}\" claims.toml; echo CRUX-EXITED; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let dir_arg = dir.to_string_lossy().into_owned();
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "crux",
        "-x",
        "160",
        "-y",
        "48",
        "-c",
        &dir_arg,
        "-e",
        "NO_COLOR=1",
        &command,
    ]);
    assert!(started.status.success(), "{started:?}");
    tmux
}

#[test]
fn review_session_in_a_real_terminal() {
    if !tmux_available() {
        eprintln!("skipping: tmux is not installed (set CI=1 to make this a failure)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let tmux = start(dir.path(), "review");

    let screen = tmux.wait_for("claim 1/10");
    assert!(
        screen.contains("›✓ ⚡ The drones were launched from Iranian territory."),
        "{screen}"
    );
    assert!(screen.contains("5/10 reviewed"), "{screen}");
    assert_eq!(
        tmux.run(&["display", "-p", "-t", "crux", "#{alternate_on}"])
            .stdout,
        b"1\n"
    );

    tmux.send(&["j"]);
    let screen = tmux.wait_for("claim 2/10");
    assert!(screen.contains("baku-says-iran  · unreviewed"), "{screen}");

    tmux.type_text("/drone");
    tmux.wait_for("/drone█  4 matching");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("filter: /drone");
    assert!(
        !screen.contains("Did Azerbaijan stay neutral"),
        "only drone claims:\n{screen}"
    );

    tmux.send(&["2"]);
    let screen = tmux.wait_for("Pairs 1/4");
    assert!(
        screen.contains("›iran-denies ⚡ launched-from-iran"),
        "{screen}"
    );
    assert!(
        screen.contains("Tehran's denial against the reported launch site."),
        "{screen}"
    );

    tmux.send(&["1"]);
    tmux.send(&["G"]);
    let screen = tmux.wait_for("claim 4/4");
    assert!(screen.contains("false-flag  ? disputed"), "{screen}");
    tmux.send(&["a"]);
    let screen = tmux.wait_for("false-flag: confirmed (saved)");
    assert!(screen.contains("›✓ ⚡ Iran's foreign minister"), "{screen}");
    assert!(screen.contains("false-flag  ✓ confirmed"), "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    let alternate = tmux.run(&["display", "-p", "-t", "crux", "#{alternate_on}"]);
    assert_eq!(alternate.stdout, b"0\n", "the alternate screen was left");

    let claim = original.find("[claims.false-flag]").unwrap();
    let status = claim + original[claim..].find("status = \"disputed\"").unwrap();
    let expected = format!(
        "{}status = \"confirmed\"{}",
        &original[..status],
        &original[status + "status = \"disputed\"".len()..]
    );
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), expected);
}

#[test]
fn a_claim_from_a_selected_passage_linked_to_another() {
    if !tmux_available() {
        eprintln!("skipping: tmux is not installed (set CI=1 to make this a failure)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let tmux = start(dir.path(), "author");
    tmux.wait_for("claim 1/10");

    // Open the Houé article and select a passage with two finds.
    tmux.send(&["3", "j", "j", "Enter"]);
    tmux.wait_for("v selects");
    tmux.type_text("/four Iranian drones");
    tmux.send(&["Enter", "v"]);
    tmux.type_text("/attack");
    tmux.send(&["Enter"]);
    tmux.wait_for("selected 48 chars");

    // A claim on an existing topic, its text reworded, the suggested id kept.
    tmux.send(&["c"]);
    tmux.wait_for("topic — 3/3");
    tmux.type_text("origin");
    let screen = tmux.wait_for("> origin");
    assert!(screen.contains("topic — 1/3"), "{screen}");
    tmux.send(&["Enter"]);
    tmux.wait_for("claim text:");
    tmux.send(&["C-u"]);
    tmux.type_text("Four Iranian drones took part in the attack.");
    tmux.wait_for("took part in the attack.");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("claim id:");
    assert!(screen.contains("houe-four-iranian-drones"), "{screen}");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("added claim houe-four-iranian-drones (saved)");
    assert!(
        screen.contains("claim 5/11"),
        "the new claim is selected:\n{screen}"
    );

    // Linked to the claim it agrees with, with a note.
    tmux.send(&["L"]);
    tmux.wait_for("link houe-four-iranian-drones to");
    tmux.type_text("launched");
    tmux.wait_for("> launched");
    tmux.send(&["Enter"]);
    tmux.wait_for("a agrees    c contradicts");
    tmux.send(&["a"]);
    tmux.wait_for("link note (optional):");
    tmux.type_text("Same attack, counted.");
    tmux.wait_for("Same attack, counted.");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("(agrees) (saved)");
    assert!(screen.contains("agrees with:"), "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    // After the last claim of its topic.
    let added = original.find("[claims.stayed-neutral]").unwrap();
    let expected = format!(
        "{}{}{}",
        &original[..added],
        r#"[claims.houe-four-iranian-drones]
topic = "drone-origin"
text = "Four Iranian drones took part in the attack."
spans = [
  { source = "houe", quote = "four Iranian drones had taken part in the attack" },
]
agrees = [
  { claim = "launched-from-iran", note = "Same attack, counted." },
]

"#,
        &original[added..]
    );
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), expected);
    let check = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("check")
        .arg(&claims)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn without_a_terminal_crux_points_to_the_script_commands() {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg(fixture_dir().join("claims.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("crux list") && stderr.contains("crux report"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing written to the terminal");
}
