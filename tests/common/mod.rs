//! Shared helpers for tests that run the `crux` binary on files in a temp dir.
#![allow(dead_code)]

pub mod keys;
pub mod kinds;
pub mod pdf;
pub mod screen;
pub mod tmux;
#[cfg(unix)]
pub mod unprivileged;
pub mod w3c_model;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A temp dir holding `files` (path relative to the dir, content).
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, content) in files {
            write(&dir.path().join(path), content.as_bytes());
        }
        Fixture { dir }
    }

    /// Runs `crux args...` inside the fixture dir as a user file permissions
    /// bind: this user, or nobody when the tests run as root (which reads
    /// and writes past any mode), with the fixture handed to nobody first.
    #[cfg(unix)]
    pub fn crux_bound_by_permissions(&self, args: &[&str]) -> Run {
        if !unprivileged::is_root() {
            return self.crux(args);
        }
        unprivileged::give_to_nobody(self.dir.path());
        let why = "to check what a user who cannot read past file modes sees";
        unprivileged::assert_nobody_can(self.dir.path(), 0o5, why);
        let output = unprivileged::command_as_nobody(Path::new(env!("CARGO_BIN_EXE_crux")), why)
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run crux as nobody");
        Run::from(output)
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Runs `crux args...` inside the fixture dir.
    pub fn crux(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_crux"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run crux");
        Run::from(output)
    }
}

pub fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dirs");
    }
    std::fs::write(path, bytes).expect("write fixture file");
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().expect("exit code"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// The JSON diagnostics printed by `crux check --format json`.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
            .collect()
    }

    /// The codes of those diagnostics, in the order printed.
    pub fn codes(&self) -> Vec<String> {
        self.diagnostics()
            .iter()
            .map(|d| d["code"].as_str().expect("a code").to_string())
            .collect()
    }
}

/// A copy of the review UI's test project (`tests/fixtures/tui`) in a temp
/// dir, for tests that save: the dir and its claims file's path.
pub fn tui_project() -> (tempfile::TempDir, PathBuf) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["claims.toml", "docs"].map(|name| fixture.join(name)) {
        let files: Vec<PathBuf> = match std::fs::read_dir(&file) {
            Ok(entries) => entries.map(|e| e.expect("fixture entry").path()).collect(),
            Err(_) => vec![file],
        };
        for file in files {
            let relative = file.strip_prefix(&fixture).expect("inside the fixture");
            write(
                &dir.path().join(relative),
                &std::fs::read(&file).expect("fixture file"),
            );
        }
    }
    let path = dir.path().join("claims.toml");
    (dir, path)
}

/// Carries out the saves among `effects` as the event loop does, each
/// one's result in order.
pub fn carry_out(
    app: &mut crux::tui::app::App,
    path: &Path,
    effects: Vec<crux::tui::effect::Effect>,
) -> Vec<Result<crux::edit::Applied, crux::edit::EditError>> {
    use crux::tui::{effect::Effect, save};
    effects
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Apply { edit, base } => Some(save::apply(app, path, edit, base)),
            Effect::Undo => save::undo(app, path),
            Effect::Retry => save::retry(app, path),
            _ => None,
        })
        .collect()
}

/// Reads and anchors the documents of the dataset `app` shows, as the
/// event loop's background threads do after a load or a save, and hands
/// them to it.
pub fn finish_anchoring(app: &mut crux::tui::app::App) {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;
    let arrived = Mutex::new(Vec::new());
    crux::load::Plan::new(app.dataset())
        .run(&AtomicBool::new(false), |a| arrived.lock().unwrap().push(a));
    let generation = app.generation;
    app.anchored(generation, arrived.into_inner().unwrap(), None);
}
