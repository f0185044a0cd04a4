//! What crux reads: only regular files, never without bound, and when it
//! refuses something it says what it is and what to do. Every run here is
//! killed if it hangs and has its address space capped, so a regression
//! fails the test instead of blocking the suite or filling the machine.

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, Run};
use serde_json::Value;

/// Longer than any of these runs takes; reached only by a hang.
const HANG_LIMIT: Duration = Duration::from_secs(60);
/// Far above what these small projects need, far below what an unbounded
/// read reaches before `HANG_LIMIT`.
const ADDRESS_SPACE_LIMIT: u64 = 2 << 30;

const DOC: &str = "The harbour closed in March, the gazette said.\n";

/// Source `a` (docs/a.txt) quoted by claim `a-march`; source `b` at
/// `b_path` (line 5, column 8) quoted by claim `b-claim`.
fn claims(b_path: &str) -> String {
    format!(
        r#"[sources.a]
path = "docs/a.txt"

[sources.b]
path = "{b_path}"

[topics.when]
question = "When did the harbour close?"

[claims.a-march]
topic = "when"
text = "March."
spans = [{{ source = "a", quote = "closed in March" }}]
contradicts = ["b-claim"]

[claims.b-claim]
topic = "when"
text = "Something else."
spans = [{{ source = "b", quote = "the gazette" }}]
"#
    )
}

fn project(b_path: &str) -> Fixture {
    Fixture::new(&[("claims.toml", &claims(b_path)), ("docs/a.txt", DOC)])
}

/// `crux args...` in `dir`, failing the test if it runs past `HANG_LIMIT`
/// (then killed) and capped at `ADDRESS_SPACE_LIMIT` of memory.
fn crux_bounded<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    use std::os::unix::process::CommandExt;
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_crux"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout).unwrap())
        .stderr(fs::File::create(&stderr).unwrap());
    // SAFETY: setrlimit is async-signal-safe, and nothing else runs between
    // fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE_LIMIT,
                rlim_max: ADDRESS_SPACE_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("run crux");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "crux {:?} hung (killed after {HANG_LIMIT:?})",
                args.iter().map(AsRef::as_ref).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |path: &Path| String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
    Run {
        code: status
            .code()
            .unwrap_or_else(|| panic!("crux died of a signal: {status:?}\n{}", read(&stderr))),
        stdout: read(&stdout),
        stderr: read(&stderr),
    }
}

fn diagnostics_with(run: &Run, code: &str) -> Vec<Value> {
    run.diagnostics()
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn start_of(d: &Value) -> (u64, u64) {
    (
        d["start"]["line"].as_u64().unwrap(),
        d["start"]["col"].as_u64().unwrap(),
    )
}

/// The one diagnostic `code` of `check --format json`, asserted to be at
/// source `b`'s path value.
fn at_b_path(project: &Fixture, code: &str) -> Value {
    let run = crux_bounded(project.dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = diagnostics_with(&run, code);
    assert_eq!(found.len(), 1, "{:#?}", run.diagnostics());
    assert_eq!(start_of(&found[0]), (5, 8), "{:#}", found[0]);
    found[0].clone()
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

// ── A1: a source that is not a regular file ─────────────────────────────

#[test]
fn a_fifo_source_is_refused_where_it_is_declared_by_every_command() {
    let project = project("docs/pipe");
    mkfifo(&project.path("docs/pipe"));
    let refused = at_b_path(&project, "E0012");
    assert_eq!(
        refused["message"],
        "source `docs/pipe` is not a regular file: a FIFO; a source must be a file"
    );
    assert!(
        refused["help"].as_str().unwrap().contains("text file"),
        "{refused:#}"
    );
    for args in [
        &["check"][..],
        &["list"],
        &["show", "a-march"],
        &["report"],
        &["report", "--format", "json"],
        &["fix", "--dry-run"],
    ] {
        let run = crux_bounded(project.dir.path(), args);
        assert!(run.code <= 1, "crux {args:?}: {}", run.stderr);
    }
    let listed = crux_bounded(project.dir.path(), &["list"]);
    assert!(listed.stdout.contains("a-march"), "the rest still loads");
}

#[test]
fn a_socket_source_is_refused() {
    let project = project("docs/socket");
    let _listener = std::os::unix::net::UnixListener::bind(project.path("docs/socket")).unwrap();
    let refused = at_b_path(&project, "E0012");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file: a socket"),
        "{refused:#}"
    );
}

#[test]
fn a_symlink_to_a_fifo_inside_the_project_is_refused() {
    let project = project("docs/link.txt");
    mkfifo(&project.path("docs/pipe"));
    std::os::unix::fs::symlink("pipe", project.path("docs/link.txt")).unwrap();
    let refused = at_b_path(&project, "E0012");
    assert!(
        refused["message"].as_str().unwrap().contains("a FIFO"),
        "{refused:#}"
    );
}

// ── A2: a claims file that is not a regular file, or is too large ───────

#[test]
fn a_claims_file_that_is_a_device_fifo_or_directory_is_refused() {
    let project = project("docs/a.txt");
    mkfifo(&project.path("pipe.toml"));
    let cases = [
        (
            "/dev/zero",
            "/dev/zero is not a regular file: a character device",
        ),
        ("pipe.toml", "pipe.toml is not a regular file: a FIFO"),
        ("docs", "docs is not a regular file: a directory"),
    ];
    for (file, message) in cases {
        let run = crux_bounded(project.dir.path(), &["check", file]);
        assert_eq!(run.code, 1, "check {file}: {}", run.stderr);
        assert!(run.stderr.contains(message), "check {file}: {}", run.stderr);
        for command in ["list", "report", "fix"] {
            let run = crux_bounded(project.dir.path(), &[command, file]);
            assert!(
                matches!(run.code, 1 | 2),
                "{command} {file}: {}",
                run.stderr
            );
            assert!(
                run.stderr.starts_with(&format!(
                    "error: {message}; a claims file must be a file\n  help: "
                )),
                "{command} {file}: {}",
                run.stderr
            );
        }
    }
}

/// A sparse file of `size` bytes: large on paper, no disk used.
fn sparse(path: &Path, size: u64) {
    fs::File::create(path).unwrap().set_len(size).unwrap();
}

#[test]
fn a_claims_file_over_the_limit_is_refused_with_the_limit_named() {
    let project = project("docs/a.txt");
    sparse(&project.path("huge.toml"), 300 << 20);
    for command in ["check", "list", "report", "fix"] {
        let run = crux_bounded(project.dir.path(), &[command, "huge.toml"]);
        assert!(matches!(run.code, 1 | 2), "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("huge.toml is 300 MiB, over the 256 MiB limit for a claims file"),
            "{command}: {}",
            run.stderr
        );
    }
    let run = crux_bounded(
        project.dir.path(),
        &["check", "--format", "json", "huge.toml"],
    );
    assert_eq!(run.codes(), ["E0019"]);
}

#[test]
fn a_document_over_the_limit_is_refused_at_its_path() {
    let project = project("docs/b.txt");
    sparse(&project.path("docs/b.txt"), (256 << 20) + 1);
    let refused = at_b_path(&project, "E0019");
    assert_eq!(
        refused["message"],
        "source `docs/b.txt` is 257 MiB, over the 256 MiB limit for a document"
    );
    assert!(refused["help"].as_str().unwrap().contains("split"));
}

/// The review UI in a real terminal on `file`, with the same memory cap;
/// the screen once it has ended.
fn tui_on(project: &Fixture, file: &str) -> String {
    let command = format!(
        "sh -c 'ulimit -v {}; \"{}\" {file}; echo CRUX-EXITED $?; sleep 600'",
        ADDRESS_SPACE_LIMIT >> 10,
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = common::tmux::Tmux::start(project.dir.path(), &command, 200, 20);
    tmux.wait_for("CRUX-EXITED")
}

#[test]
fn the_review_ui_refuses_the_same_files_with_the_same_message() {
    if !common::tmux::available() {
        return;
    }
    let project = project("docs/a.txt");
    mkfifo(&project.path("pipe.toml"));
    sparse(&project.path("huge.toml"), 300 << 20);
    for (file, message) in [
        (
            "/dev/zero",
            "error: /dev/zero is not a regular file: a character device; a claims file must be a file",
        ),
        (
            "pipe.toml",
            "error: pipe.toml is not a regular file: a FIFO; a claims file must be a file",
        ),
        (
            "huge.toml",
            "error: huge.toml is 300 MiB, over the 256 MiB limit for a claims file",
        ),
    ] {
        let screen = tui_on(&project, file);
        assert!(screen.contains(message), "crux {file}:\n{screen}");
        assert!(screen.contains("  help: "), "crux {file}:\n{screen}");
        assert!(screen.contains("CRUX-EXITED 2"), "crux {file}:\n{screen}");
    }
}

// ── B1: `crux fix` exits 1 while any quote problem is left ──────────────

#[test]
fn fix_exits_1_when_an_occurrence_is_beyond_the_matches() {
    let text = claims("docs/a.txt").replace(
        "quote = \"the gazette\" }",
        "quote = \"the gazette\", occurrence = 2 }",
    );
    let project = Fixture::new(&[("claims.toml", &text), ("docs/a.txt", DOC)]);
    let check = crux_bounded(project.dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.codes(), ["E0018"], "the only problem");
    for args in [&["fix"][..], &["fix", "--dry-run"]] {
        let run = crux_bounded(project.dir.path(), args);
        assert_eq!(run.code, 1, "crux {args:?}: {}", run.stderr);
        assert!(run.stderr.contains("error[E0018]"), "{}", run.stderr);
        assert!(
            run.stderr.contains("0 quote(s), 1 left to fix by hand"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn fix_exits_1_when_a_quoted_document_cannot_be_read() {
    // b-claim's document is missing: its quote cannot be checked.
    let project = project("docs/missing.txt");
    let run = crux_bounded(project.dir.path(), &["fix"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[E0012]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 left to fix by hand"),
        "{}",
        run.stderr
    );
    // A span naming no source at all is as unchecked.
    let text = claims("docs/a.txt").replace("source = \"b\"", "source = \"nowhere\"");
    let project = Fixture::new(&[("claims.toml", &text), ("docs/a.txt", DOC)]);
    let run = crux_bounded(project.dir.path(), &["fix"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[E0007]"), "{}", run.stderr);
}

#[test]
fn fix_exits_0_when_only_an_unquoted_document_is_unreadable() {
    let mut text = claims("docs/a.txt").replace("source = \"b\"", "source = \"a\"");
    text.push_str("\n[sources.unused]\npath = \"docs/missing.txt\"\n");
    let project = Fixture::new(&[("claims.toml", &text), ("docs/a.txt", DOC)]);
    let run = crux_bounded(project.dir.path(), &["fix"]);
    assert_eq!(run.code, 0, "no quote is left unchecked: {}", run.stderr);
}

// ── B2: a filter naming an unknown topic or source ──────────────────────

#[test]
fn an_unknown_topic_or_source_filter_is_an_error_with_a_suggestion() {
    let project = project("docs/a.txt");
    for command in ["list", "report"] {
        for (flag, typo, message, near) in [
            (
                "--topic",
                "wehn",
                "no topic `wehn` in claims.toml",
                "`when`",
            ),
            ("--source", "bb", "no source `bb` in claims.toml", "`b`"),
        ] {
            let run = crux_bounded(project.dir.path(), &[command, flag, typo]);
            assert_eq!(run.code, 2, "{command} {flag} {typo}: {}", run.stderr);
            assert_eq!(run.stdout, "", "no empty listing or report");
            assert!(
                run.stderr.contains(&format!(
                    "error: {flag}: {message}\n  help: did you mean {near}?"
                )),
                "{command} {flag} {typo}: {}",
                run.stderr
            );
        }
        let run = crux_bounded(project.dir.path(), &[command, "--topic", "zzzzzz"]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("help: the topic ids are `when`"),
            "nothing close: the ids are listed: {}",
            run.stderr
        );
    }
}

#[test]
fn a_known_filter_that_selects_nothing_is_not_an_error() {
    // An undeclared topic a claim uses (itself an error) still selects it.
    let text = claims("docs/a.txt").replacen("topic = \"when\"", "topic = \"undeclared\"", 1);
    let project = Fixture::new(&[("claims.toml", &text), ("docs/a.txt", DOC)]);
    let run = crux_bounded(project.dir.path(), &["list", "--topic", "undeclared"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("a-march"), "{}", run.stdout);
    let run = crux_bounded(
        project.dir.path(),
        &["report", "--topic", "when", "--status", "rejected"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

// ── B3, B4: `crux init` on folders it cannot fully read or name ─────────

#[test]
fn init_skips_an_unreadable_folder_by_name_and_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let folder = Fixture::new(&[("a.txt", DOC), ("locked/b.txt", DOC), ("open/c.txt", DOC)]);
    fs::set_permissions(folder.path("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let run = folder.crux_bound_by_permissions(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: skipped locked/: cannot read this folder (permission denied)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let written = fs::read_to_string(folder.path("claims.toml")).unwrap();
    assert!(written.contains("path = \"a.txt\""), "{written}");
    assert!(written.contains("path = \"open/c.txt\""), "{written}");
    assert!(!written.contains("locked"), "{written}");
}

#[test]
fn init_says_a_name_that_is_not_utf8_cannot_go_into_claims_toml() {
    use std::os::unix::ffi::OsStrExt;
    let folder = Fixture::new(&[("a.txt", DOC)]);
    fs::write(folder.path("").join(OsStr::from_bytes(b"caf\xff.txt")), DOC).unwrap();
    let odd_dir = folder.path("").join(OsStr::from_bytes(b"r\xe9ports"));
    fs::create_dir(&odd_dir).unwrap();
    fs::write(odd_dir.join("d.txt"), DOC).unwrap();
    // Not a document: no warning for it.
    fs::write(folder.path("").join(OsStr::from_bytes(b"\xff.png")), "x").unwrap();

    let run = crux_bounded(folder.dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = [
        "warning: skipped caf\\xff.txt: its name is not valid UTF-8, so claims.toml (UTF-8 text) cannot name it; rename it to a UTF-8 name",
        "warning: skipped r\\xe9ports/: its name is not valid UTF-8, so claims.toml (UTF-8 text) cannot name the documents in it; rename it to a UTF-8 name",
    ];
    for line in expected {
        assert!(run.stderr.contains(line), "{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning").count(), 2, "{}", run.stderr);
    assert!(!run.stderr.contains("No such file"), "{}", run.stderr);
    let written = fs::read_to_string(folder.path("claims.toml")).unwrap();
    assert!(written.contains("path = \"a.txt\""), "{written}");
    assert!(!written.contains('\u{fffd}'), "{written}");
}

#[test]
fn init_names_a_utf16_document_and_how_to_convert_it() {
    let folder = Fixture::new(&[("a.txt", DOC)]);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(DOC.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(folder.path("wide.txt"), utf16).unwrap();
    let run = crux_bounded(folder.dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: skipped wide.txt: it is UTF-16 (little-endian, with a byte-order mark), not UTF-8; \
             convert it (`iconv -f UTF-16 -t UTF-8 ./wide.txt > ./wide.txt.utf8 && mv ./wide.txt.utf8 ./wide.txt`)"
        ),
        "{}",
        run.stderr
    );
}

// ── B4: names that are not UTF-8 ────────────────────────────────────────

#[test]
fn a_source_path_copied_from_a_lossy_name_says_the_name_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let copied = project("docs/caf\u{fffd}.txt");
    fs::write(
        copied.path("docs").join(OsStr::from_bytes(b"caf\xff.txt")),
        DOC,
    )
    .unwrap();
    let refused = at_b_path(&copied, "E0012");
    assert_eq!(
        refused["message"],
        "source `docs/caf\u{fffd}.txt` names no file; the file there is named `docs/caf\\xff.txt`, which is not valid UTF-8"
    );
    assert!(
        refused["help"]
            .as_str()
            .unwrap()
            .contains("rename the file")
    );
    // A plain typo is still just missing.
    let typo = project("docs/cafe.txt");
    let missing = at_b_path(&typo, "E0012");
    assert_eq!(missing["message"], "source `docs/cafe.txt` does not exist");
}

#[test]
fn a_claims_file_name_that_is_not_utf8_is_shown_as_it_is() {
    use std::os::unix::ffi::OsStrExt;
    let project = project("docs/a.txt");
    let name = OsStr::from_bytes(b"cl\xffims.toml");
    fs::rename(project.path("claims.toml"), project.path("").join(name)).unwrap();
    let run = crux_bounded(project.dir.path(), &[OsStr::new("check"), name]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cl\\xffims.toml: ok"), "{}", run.stderr);
    // The name as a lossy printout shows it names no file, and says why.
    let run = crux_bounded(project.dir.path(), &["list", "cl\u{fffd}ims.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error: cannot read cl\u{fffd}ims.toml: no such file; the file there is named `cl\\xffims.toml`, which is not valid UTF-8"
        ),
        "{}",
        run.stderr
    );
}

// ── B5: UTF-16 documents and claims files ───────────────────────────────

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom
        .then_some(0xfeff_u16)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn a_utf16_document_is_named_with_the_command_that_converts_it() {
    let cases = [
        (
            false,
            true,
            "little-endian, with a byte-order mark",
            "UTF-16",
        ),
        (true, true, "big-endian, with a byte-order mark", "UTF-16"),
        (
            false,
            false,
            "little-endian, no byte-order mark",
            "UTF-16LE",
        ),
        (true, false, "big-endian, no byte-order mark", "UTF-16BE"),
    ];
    for (big_endian, bom, described, from) in cases {
        let project = project("docs/b.txt");
        fs::write(project.path("docs/b.txt"), utf16(DOC, big_endian, bom)).unwrap();
        let refused = at_b_path(&project, "E0013");
        assert_eq!(
            refused["message"],
            format!("source `docs/b.txt` is UTF-16 ({described}), not UTF-8")
        );
        let help = refused["help"].as_str().unwrap();
        assert!(
            help.contains(&format!(
                "iconv -f {from} -t UTF-8 docs/b.txt > docs/b.txt.utf8 && mv docs/b.txt.utf8 docs/b.txt"
            )),
            "{help}"
        );
        // The command works: after it, the quote is found.
        if Command::new("iconv").arg("--version").output().is_err() {
            eprintln!("iconv is not installed: the suggested command is not run");
            continue;
        }
        let command = &help[help.find('`').unwrap() + 1..help.rfind('`').unwrap()];
        let converted = Command::new("sh")
            .args(["-c", command])
            .current_dir(project.dir.path())
            .status()
            .unwrap();
        assert!(converted.success(), "{command}");
        let run = crux_bounded(project.dir.path(), &["check", "--format", "json"]);
        assert_eq!(run.code, 0, "after `{command}`: {}", run.stdout);
    }
}

#[test]
fn a_utf16_claims_file_is_named_by_every_command() {
    let project = project("docs/a.txt");
    fs::write(
        project.path("claims.toml"),
        utf16(&claims("docs/a.txt"), false, true),
    )
    .unwrap();
    let message = "claims.toml is UTF-16 (little-endian, with a byte-order mark), not UTF-8";
    for command in ["check", "list", "report", "fix"] {
        let run = crux_bounded(project.dir.path(), &[command]);
        assert!(matches!(run.code, 1 | 2), "{command}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "iconv -f UTF-16 -t UTF-8 claims.toml > claims.toml.utf8 && mv claims.toml.utf8 claims.toml"
            ),
            "{command}: {}",
            run.stderr
        );
    }
}

// ── The review UI's check for outside changes ───────────────────────────

#[test]
fn a_claims_file_swapped_for_a_fifo_does_not_block_the_change_check() {
    let project = project("docs/a.txt");
    let path = project.path("claims.toml");
    let known = fs::read_to_string(&path).unwrap();
    fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let (sender, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(crux::watch::content_differs(&path, &known)));
    let differs = answer
        .recv_timeout(HANG_LIMIT)
        .expect("content_differs blocked on a FIFO");
    assert!(differs, "a FIFO is not the text crux holds");
}
