//! `crux report` as a user runs it.

use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/report/claims.toml";

fn crux(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run crux")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn markdown_on_stdout_by_default() {
    let out = crux(&["report", FIXTURE]);
    let text = stdout(&out);
    assert!(text.starts_with("# Azerbaijan and the 2026 Iran war\n"));
    assert!(text.contains("## Disputed topics"));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_flag_writes_the_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [("md", "r.md"), ("html", "r.html"), ("json", "r.json")] {
        let path = dir.path().join(name);
        let out = crux(&[
            "report",
            FIXTURE,
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("wrote {}\n", path.display())
        );
        let written = std::fs::read(&path).unwrap();
        assert_eq!(
            written,
            crux(&["report", FIXTURE, "--format", format]).stdout
        );
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    for format in ["md", "html", "json"] {
        let first = crux(&["report", FIXTURE, "--format", format]);
        let second = crux(&["report", FIXTURE, "--format", format]);
        assert!(first.status.success());
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn timestamp_is_added_only_on_request() {
    let plain = stdout(&crux(&["report", FIXTURE]));
    assert!(!plain.contains("Generated"));
    let stamped = stdout(&crux(&["report", FIXTURE, "--timestamp"]));
    let line = stamped
        .lines()
        .find(|l| l.starts_with("- Generated: "))
        .expect("a Generated line");
    let time = line.trim_start_matches("- Generated: ");
    assert_eq!(time.len(), "2026-03-14T09:30:00Z".len(), "{time}");
    assert!(time.ends_with('Z'));
}

#[test]
fn filters_narrow_the_report() {
    let all = stdout(&crux(&["report", FIXTURE]));
    let aid = stdout(&crux(&["report", FIXTURE, "--topic", "aid"]));
    assert!(all.contains("### drone-origin:"));
    assert!(!aid.contains("### drone-origin:"));
    assert!(aid.contains("### aid:"));
    assert!(aid.contains("- Filter: topic=aid (2 of 14 claims)"));

    let json = stdout(&crux(&[
        "report",
        FIXTURE,
        "--format",
        "json",
        "--contradictions-only",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["filter"]["contradictions_only"], true);
    assert_eq!(value["counts"]["claims"], 7);
    assert!(
        value["topics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["disputed"] == true)
    );

    let confirmed = stdout(&crux(&[
        "report",
        FIXTURE,
        "--status",
        "confirmed",
        "--source",
        "houe",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&confirmed).unwrap();
    let ids: Vec<&str> = value["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["launched-from-iran", "large-share"]);
}

#[test]
fn a_bad_format_is_a_usage_error() {
    let out = crux(&["report", FIXTURE, "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_claims_file_fails() {
    let out = crux(&["report", "no-such-claims.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
