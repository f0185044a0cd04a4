//! The real `crux` binary in a real terminal: a tmux server of its own per
//! test, one pane running a shell script in a temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A detached `width`x`height` session running `command` in `dir`.
    pub fn start(dir: &Path, command: &str, width: u16, height: u16) -> Tmux {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let tmux = Tmux {
            socket: format!(
                "crux-test-{}-{}",
                std::process::id(),
                STARTED.fetch_add(1, Ordering::SeqCst)
            ),
        };
        let dir = dir.to_string_lossy().into_owned();
        let (width, height) = (width.to_string(), height.to_string());
        let started = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "crux",
            "-x",
            &width,
            "-y",
            &height,
            "-c",
            &dir,
            "-e",
            "NO_COLOR=1",
            command,
        ]);
        assert!(started.status.success(), "{started:?}");
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "crux"];
        args.extend(keys);
        assert!(self.run(&args).status.success());
    }

    pub fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "crux", "-l", text])
                .status
                .success()
        );
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-J", "-t", "crux"]).stdout)
            .into_owned()
    }

    /// A tmux format (e.g. `#{alternate_on}`) evaluated for the pane.
    pub fn display(&self, format: &str) -> String {
        let output = self.run(&["display", "-p", "-t", "crux", format]);
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// Polls the pane until it shows `text`; fails with the last screen.
    pub fn wait_for(&self, text: &str) -> String {
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

    /// Polls the pane until `text` is gone from it; fails with the last screen.
    /// (An Esc followed at once by a key reads as Alt and the key, so a test
    /// waits for the Esc's effect before the next key.)
    pub fn wait_without(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?} to go; the screen was:\n{screen}");
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

/// Whether tmux can be run; under CI its absence is a failure, not a skip.
pub fn available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("tmux is required under CI (install it, e.g. apt-get install tmux)");
    }
    if !found {
        eprintln!("skipping: tmux is not installed (set CI=1 to make this a failure)");
    }
    found
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// The review UI's fixture: three documents, ten claims.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}
