//! crux on hostile or broken input: source paths that try to leave the
//! project, malformed claims files, and relation graphs built to be slow or
//! deep. Every case ends in diagnostics, never a panic, a read outside the
//! project or unbounded work.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Fixture, Run};
use serde_json::Value;

const DOC: &str =
    "The harbour closed in March, the gazette said.\nRadio reports put it in April.\n";

/// A valid project whose source `b` has path `b_path`; claim `b-claim`
/// quotes `b_quote` from it.
fn claims(b_path: &str, b_quote: &str) -> String {
    format!(
        r#"[sources.a]
path = "docs/a.txt"

[sources.b]
path = {b_path}

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
spans = [{{ source = "b", quote = "{b_quote}" }}]
"#
    )
}

fn project(claims_text: &str) -> Fixture {
    Fixture::new(&[("claims.toml", claims_text), ("docs/a.txt", DOC)])
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

// ── Case 2: source paths that lead outside the project ──────────────────

const SECRET: &str = "SECRET-5d1c7e0a-never-shown";
/// In the outside file, after the secret: read, it would match and show.
const OUTSIDE_QUOTE: &str = "the harbour never closed";

/// Every command that prints something from the claims file or its
/// documents, run in `project`.
fn every_output(project: &Fixture) -> Vec<(String, Run)> {
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "json"],
        &["list"],
        &["list", "--json"],
        &["show", "b-claim"],
        &["show", "b-claim", "--json"],
        &["report", "--format", "md"],
        &["report", "--format", "html"],
        &["report", "--format", "json"],
    ];
    commands
        .iter()
        .map(|args| (args.join(" "), project.crux(args)))
        .collect()
}

/// Asserts that no output holds the secret or any of `forbidden` (absolute
/// paths that must not leak), and that `check` refuses the path with `code`
/// at the `path` value (line 5, column 8).
fn assert_refused_and_unleaked(project: &Fixture, code: &str, forbidden: &[&str]) {
    for (command, run) in every_output(project) {
        assert!(run.code <= 1, "`crux {command}` crashed: {}", run.stderr);
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains(SECRET), "`crux {command}` leaked the secret");
            for path in forbidden {
                assert!(
                    !text.contains(path),
                    "`crux {command}` printed the absolute path {path}:\n{text}"
                );
            }
        }
    }
    let run = project.crux(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let refused = diagnostics_with(&run, code);
    assert_eq!(refused.len(), 1, "{:#?}", run.diagnostics());
    assert_eq!(start_of(&refused[0]), (5, 8), "{:#}", refused[0]);
    assert!(refused[0]["help"].as_str().is_some_and(|h| !h.is_empty()));
    assert!(
        diagnostics_with(&run, "E0014").is_empty(),
        "the refused file must not be searched for the quote"
    );
}

/// Watches `file` for opens while `during` runs and returns how many there
/// were. inotify queues events in order, so after `during` the test opens
/// the file once itself and waits for that open's close: every open before it has
/// then been delivered. No timing is involved.
#[cfg(target_os = "linux")]
fn opens_of(file: &Path, during: impl FnOnce()) -> usize {
    use notify::event::{AccessKind, EventKind};
    use notify::{RecursiveMode, Watcher};
    let (sender, events) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).unwrap();
    watcher.watch(file, RecursiveMode::NonRecursive).unwrap();
    during();
    // Opened for writing so that closing it is reported (a read-only close is not).
    drop(fs::OpenOptions::new().append(true).open(file).unwrap());
    let mut opens = 0;
    loop {
        let event = events.recv().unwrap().unwrap();
        if matches!(event.kind, EventKind::Access(AccessKind::Open(_))) {
            opens += 1;
        }
        // Our own open ends with a close-after-write, after every earlier open.
        if matches!(event.kind, EventKind::Access(AccessKind::Close(_))) && opens > 0 {
            let _ = watcher.unwatch(file);
            return opens - 1;
        }
    }
}

fn outside_secret() -> (tempfile::TempDir, std::path::PathBuf) {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, format!("{SECRET}: the harbour never closed\n")).unwrap();
    (outside, secret)
}

/// `check` refuses the outside file, and (on Linux, watched with inotify)
/// never opens it.
fn assert_never_opened(secret: &std::path::Path, check: impl FnOnce()) {
    #[cfg(target_os = "linux")]
    assert_eq!(opens_of(secret, check), 0, "the outside file was opened");
    #[cfg(not(target_os = "linux"))]
    {
        let _ = secret;
        check();
    }
}

#[test]
fn an_absolute_source_path_is_refused_and_never_read() {
    let (_outside, secret) = outside_secret();
    let written = secret.to_str().unwrap();
    let project = project(&claims(&format!("{written:?}"), OUTSIDE_QUOTE));
    assert_never_opened(&secret, || {
        assert_refused_and_unleaked(&project, "E0010", &[])
    });
}

#[test]
fn a_dot_dot_source_path_is_refused_and_never_read() {
    let (outside, secret) = outside_secret();
    let sibling = outside.path().file_name().unwrap().to_str().unwrap();
    // From docs/: up to the project, up to the temp root, into the sibling.
    let written = format!("docs/../../{sibling}/secret.txt");
    let project = project(&claims(&format!("{written:?}"), OUTSIDE_QUOTE));
    let forbidden = [
        outside.path().to_str().unwrap(),
        project.dir.path().to_str().unwrap(),
    ];
    assert_never_opened(&secret, || {
        assert_refused_and_unleaked(&project, "E0011", &forbidden)
    });
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_is_refused_and_never_read() {
    let (outside, secret) = outside_secret();
    let project = project(&claims("\"docs/link.txt\"", OUTSIDE_QUOTE));
    std::os::unix::fs::symlink(&secret, project.path("docs/link.txt")).unwrap();
    // A link to a directory outside, with the document below it.
    fs::create_dir(project.path("docs/deeper")).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.path("docs/deeper/out")).unwrap();
    let forbidden = [
        outside.path().to_str().unwrap(),
        project.dir.path().to_str().unwrap(),
    ];
    assert_never_opened(&secret, || {
        assert_refused_and_unleaked(&project, "E0011", &forbidden)
    });

    common::write(
        &project.path("claims.toml"),
        claims("\"docs/deeper/out/secret.txt\"", OUTSIDE_QUOTE).as_bytes(),
    );
    assert_refused_and_unleaked(&project, "E0011", &forbidden);
}

#[test]
fn a_source_path_with_a_nul_is_refused() {
    let project = project(&claims("\"docs/a.txt\\u0000../../etc/passwd\"", "x"));
    let forbidden = [project.dir.path().to_str().unwrap()];
    assert_refused_and_unleaked(&project, "E0016", &forbidden);
    let run = project.crux(&["check"]);
    assert!(run.stderr.contains("NUL"), "{}", run.stderr);
    assert!(!run.stderr.contains('\0'), "the NUL itself is not printed");
}

// ── Case 3: malformed claims files and documents ────────────────────────

/// Runs `crux check --format json` on `claims.toml` holding `bytes`.
fn check_bytes(bytes: &[u8]) -> Run {
    let project = project("");
    common::write(&project.path("claims.toml"), bytes);
    project.crux(&["check", "--format", "json"])
}

#[test]
fn invalid_toml_is_located_and_the_rest_still_loads() {
    let text = claims("\"docs/a.txt\"", "radio").replace(
        "question = \"When did the harbour close?\"",
        "question = = \"When did the harbour close?\"",
    );
    let project = project(&text);
    let run = project.crux(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let syntax = diagnostics_with(&run, "E0001");
    assert!(!syntax.is_empty());
    assert_eq!(start_of(&syntax[0]).0, 8, "{:#}", syntax[0]);
    let listed = project.crux(&["list"]);
    assert!(listed.stdout.contains("a-march"), "{}", listed.stdout);
}

#[test]
fn type_mismatches_are_located_at_the_value() {
    let text = claims("42", "radio")
        .replace("text = \"March.\"", "text = [\"March.\"]")
        .replace("contradicts = [\"b-claim\"]", "contradicts = \"b-claim\"");
    let run = check_bytes(text.as_bytes());
    let wrong: Vec<(u64, u64)> = diagnostics_with(&run, "E0002")
        .iter()
        .map(start_of)
        .collect();
    assert_eq!(
        wrong,
        [(5, 8), (12, 8), (14, 15)],
        "{:#?}",
        run.diagnostics()
    );
}

#[test]
fn a_duplicate_id_is_located_at_the_second_declaration() {
    let text = format!(
        "{}\n[claims.a-march]\ntopic = \"when\"\n",
        claims("\"docs/a.txt\"", "radio")
    );
    let run = check_bytes(text.as_bytes());
    let syntax = diagnostics_with(&run, "E0001");
    assert_eq!(
        syntax[0]["message"],
        "duplicate key",
        "{:#?}",
        run.diagnostics()
    );
    assert_eq!(start_of(&syntax[0]), (21, 9), "{:#}", syntax[0]);
}

/// A claims file holding `open` `depth` times, then `close` as many times.
fn nested(prefix: &str, open: &str, close: &str, depth: usize) -> Vec<u8> {
    format!("{prefix}{}{}\n", open.repeat(depth), close.repeat(depth)).into_bytes()
}

#[test]
fn deeply_nested_values_are_refused_not_overflowed() {
    let cases = [
        nested("x = ", "[", "]", 10_000),
        nested("x = ", "{ a = ", " }", 10_000),
        nested("x = ", "[{ a = ", " }]", 5_000),
        nested("x = ", "[", "", 100_000),
    ];
    for bytes in cases {
        let run = check_bytes(&bytes);
        assert_eq!(run.code, 1, "stderr: {}", run.stderr);
        let syntax = diagnostics_with(&run, "E0001");
        assert!(
            (1..=2).contains(&syntax.len()),
            "one error per kind, not per level: {:#?}",
            run.diagnostics()
        );
        assert!(syntax.iter().all(|d| start_of(d).0 == 1));
    }
    let key = vec!["k"; 10_000].join(".");
    for text in [format!("{key} = 1\n"), format!("\n[claims.{key}]\n")] {
        let run = check_bytes(text.as_bytes());
        let syntax = diagnostics_with(&run, "E0001");
        assert_eq!(syntax.len(), 1, "{:#?}", run.diagnostics());
        assert!(syntax[0]["help"].as_str().unwrap().contains("80 levels"));
        assert_eq!(start_of(&syntax[0]).0, text.lines().count() as u64);
    }
}

#[test]
fn moderately_nested_values_still_parse() {
    let run = check_bytes(&nested("x = ", "[", "]", 50));
    assert!(diagnostics_with(&run, "E0001").is_empty(), "{}", run.stdout);
    assert_eq!(diagnostics_with(&run, "E0003").len(), 1, "x is unknown");
}

#[test]
fn an_empty_claims_file_is_an_empty_project() {
    let run = check_bytes(b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = Fixture::new(&[("claims.toml", "")]).crux(&["check"]);
    assert!(run.stderr.contains("ok (0 claims"), "{}", run.stderr);
}

#[test]
fn a_non_utf8_claims_file_is_located() {
    let mut bytes = b"title = \"ok\"\n\n[topics.x]\nquestion = \"caf".to_vec();
    bytes.extend([0xe9, b'"', b'\n']);
    let project = project("");
    common::write(&project.path("claims.toml"), &bytes);
    let run = project.crux(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("line 4, column 16") && run.stderr.contains("UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn binary_and_missing_sources_are_per_claim_diagnostics() {
    let project = project(&claims("\"docs/b.bin\"", "x"));
    common::write(&project.path("docs/b.bin"), b"\x7fELF\x00\x00\x01binary");
    let run = project.crux(&["check", "--format", "json"]);
    assert_eq!(start_of(&diagnostics_with(&run, "E0013")[0]), (5, 8));
    assert!(diagnostics_with(&run, "E0014").is_empty());

    fs::remove_file(project.path("docs/b.bin")).unwrap();
    let run = project.crux(&["check", "--format", "json"]);
    assert_eq!(start_of(&diagnostics_with(&run, "E0012")[0]), (5, 8));
    let shown = project.crux(&["show", "a-march"]);
    assert!(shown.stdout.contains("docs/a.txt:1:"), "{}", shown.stdout);
}

#[cfg(unix)]
#[test]
fn an_unreadable_source_is_a_diagnostic() {
    use std::os::unix::fs::PermissionsExt;
    let project = project(&claims("\"docs/b.txt\"", "April"));
    common::write(&project.path("docs/b.txt"), DOC.as_bytes());
    fs::set_permissions(
        project.path("docs/b.txt"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    if !common::unprivileged::is_root() {
        assert!(
            fs::read(project.path("docs/b.txt")).is_err(),
            "mode 000 must stop this user from reading"
        );
    }
    let run = project.crux_bound_by_permissions(&["check", "--format", "json"]);
    let unreadable = diagnostics_with(&run, "E0012");
    assert_eq!(unreadable.len(), 1, "one unreadable source: {}", run.stdout);
    assert_eq!(start_of(&unreadable[0]), (5, 8));
    assert!(
        unreadable[0]["message"]
            .as_str()
            .unwrap()
            .contains("permission"),
        "{}",
        run.stdout
    );
    // The rest still loads: a-march's quote resolves in the readable source.
    assert_eq!(run.diagnostics(), unreadable, "the only diagnostic");
    let listed = project.crux_bound_by_permissions(&["list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(listed.stdout.contains("a-march"), "{}", listed.stdout);
    assert!(listed.stdout.contains("b-claim"), "{}", listed.stdout);
}

/// Peak resident memory, in bytes, of `crux args...` run in `dir`.
#[cfg(target_os = "linux")]
#[allow(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also gives its usage"
)]
fn peak_rss_of_crux(dir: &Path, args: &[&str]) -> (i32, u64) {
    use std::os::unix::process::ExitStatusExt;
    let child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; both out-pointers are valid.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = std::process::ExitStatus::from_raw(status)
        .code()
        .expect("crux exited (no signal)");
    (code, usage.ru_maxrss as u64 * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn a_100_mb_claims_file_loads_in_bounded_memory() {
    const SIZE: usize = 100 << 20;
    let project = project("");
    let mut text = String::from("title = \"");
    text.push_str(&"long title ".repeat(SIZE / 2 / 11));
    text.push_str("\"\n");
    text.push_str(&claims("\"docs/a.txt\"", "Radio reports"));
    let comment = format!("# {}\n", "padding ".repeat(12));
    text.push_str(&comment.repeat(SIZE / 2 / comment.len()));
    common::write(&project.path("claims.toml"), text.as_bytes());
    assert!(text.len() >= SIZE - 1024);

    let (code, peak) = peak_rss_of_crux(project.dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0, "the file is valid and loads");
    eprintln!("peak RSS {} MB for {} MB", peak >> 20, text.len() >> 20);
    assert!(
        peak < 8 * text.len() as u64,
        "peak RSS {} MB for a {} MB file",
        peak >> 20,
        text.len() >> 20
    );
}

// ── Case 4: relation graphs ─────────────────────────────────────────────

/// A project of claims `c0..c{n}` on one topic, each quoting the one
/// document, with `links(i)` as claim i's extra lines.
fn graph_project(n: usize, links: impl Fn(usize) -> String) -> String {
    let mut text =
        String::from("[sources.a]\npath = \"docs/a.txt\"\n\n[topics.t]\nquestion = \"?\"\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "[claims.c{i}]\ntopic = \"t\"\ntext = \"{i}\"\nspans = [{{ source = \"a\", quote = \"March\" }}]\n{}\n",
            links(i)
        ));
    }
    text
}

fn check_graph(text: &str) -> Run {
    let run = project(text).crux(&["check", "--format", "json"]);
    assert!(run.code <= 1, "crux crashed: {}", run.stderr);
    run
}

fn codes(run: &Run) -> Vec<String> {
    let mut codes = run.codes();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn missing_targets_and_self_links_are_errors() {
    let run = check_graph(&graph_project(2, |i| match i {
        0 => "agrees = [\"c1\", \"nowhere\"]".into(),
        _ => "contradicts = [\"c1\"]".into(),
    }));
    assert_eq!(codes(&run), ["E0005", "E0008"]);
    assert_eq!(start_of(&diagnostics_with(&run, "E0005")[0]), (11, 17));
    assert_eq!(start_of(&diagnostics_with(&run, "E0008")[0]), (16, 16));
}

#[test]
fn cycles_of_every_kind_load() {
    let n = 6;
    let next = |i: usize| (i + 1) % n;
    let agree_cycle = graph_project(n, |i| format!("agrees = [\"c{}\"]", next(i)));
    assert!(codes(&check_graph(&agree_cycle)).is_empty());
    // Every claim is document a's own voice: each contradiction is a
    // document contradicting itself (W0008), and nothing else is wrong.
    let contradiction_cycle = graph_project(n, |i| format!("contradicts = [\"c{}\"]", next(i)));
    assert_eq!(codes(&check_graph(&contradiction_cycle)), ["W0008"]);
    let mixed = graph_project(n, |i| {
        let kind = if i % 2 == 0 { "agrees" } else { "contradicts" };
        format!("{kind} = [\"c{}\"]", next(i))
    });
    assert_eq!(codes(&check_graph(&mixed)), ["W0008"]);
    // c0 = c1 = ... = c5, and c5 contradicts c0.
    let closed = graph_project(n, |i| match i {
        5 => "contradicts = [\"c0\"]".into(),
        _ => format!("agrees = [\"c{}\"]", i + 1),
    });
    let run = check_graph(&closed);
    let chains = diagnostics_with(&run, "W0002");
    assert_eq!(chains.len(), 1);
    assert_eq!(
        chains[0]["notes"][0],
        "agreement chain: c5 -> c4 -> c3 -> c2 -> c1 -> c0"
    );
}

#[test]
fn a_50k_agreement_chain_closed_by_a_contradiction_is_reported() {
    let n = 50_000;
    let text = graph_project(n, |i| match i {
        i if i == n - 1 => "contradicts = [\"c0\"]".into(),
        i => format!("agrees = [\"c{}\"]", i + 1),
    });
    let run = check_graph(&text);
    let chains = diagnostics_with(&run, "W0002");
    assert_eq!(chains.len(), 1);
    let note = chains[0]["notes"][0].as_str().unwrap();
    assert!(note.starts_with(&format!("agreement chain: c{} -> c{}", n - 1, n - 2)));
    assert!(note.ends_with("c1 -> c0"));
}

#[test]
fn many_contradictions_inside_one_long_chain_stay_linear() {
    // One position of 20k claims with 10k contradictions inside it: a
    // search of the whole position per contradiction would be 2 * 10^8 steps.
    let n = 20_000;
    let text = graph_project(n, |i| match i {
        i if i % 2 == 0 => format!(
            "agrees = [\"c{}\"]\ncontradicts = [\"c{}\"]",
            i + 1,
            (i + 2) % n
        ),
        i if i + 1 < n => format!("agrees = [\"c{}\"]", i + 1),
        _ => String::new(),
    });
    let run = check_graph(&text);
    assert_eq!(diagnostics_with(&run, "W0002").len(), n / 2);
}

#[test]
fn a_claim_with_10_000_links_loads() {
    let n = 10_001;
    let text = graph_project(n, |i| match i {
        0 => format!(
            "agrees = [{}]\ncontradicts = [{}]",
            (1..n)
                .map(|j| format!("\"c{j}\""))
                .collect::<Vec<_>>()
                .join(", "),
            (0..10_000)
                .map(|j| format!("\"missing{j}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        i if i % 2 == 1 && i + 1 < n => format!("contradicts = [\"c{}\"]", i + 1),
        _ => String::new(),
    });
    let run = check_graph(&text);
    assert_eq!(diagnostics_with(&run, "E0005").len(), 10_000);
    assert_eq!(diagnostics_with(&run, "W0002").len(), n / 2);
    assert!(diagnostics_with(&run, "W0003").is_empty());
}
