//! The benchmark corpus generator: same seed, same bytes; and what it writes
//! is a claims file crux accepts (normalized quotes only warn).

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::Path;
use std::process::Command;

use gen_corpus::{Params, generate, parse_args};

/// Every file under `dir`, as (relative path, bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(&path).expect("read file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_crux_accepts_them() {
    let params = Params::new(3, 20, 7);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let summary = generate(&params, a.path()).unwrap();
    generate(&params, b.path()).unwrap();
    let (first, second) = (files(a.path()), files(b.path()));
    assert_eq!(
        first.len(),
        3 + 3,
        "3 documents, claims.toml, quotes.txt, corpus.params"
    );
    assert!(first == second, "two runs with seed 7 differ");
    assert_eq!((summary.claims, summary.docs), (20, 3));

    let other = tempfile::tempdir().unwrap();
    generate(&Params::new(3, 20, 8), other.path()).unwrap();
    assert!(
        files(other.path()) != first,
        "seed 8 gives the same corpus as seed 7"
    );

    let run = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "--format", "json"])
        .arg(a.path().join("claims.toml"))
        .output()
        .expect("run crux");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "crux check failed:\n{stdout}");
    for line in stdout.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(d["severity"], "warning", "{line}");
        assert_eq!(d["code"], "W0001", "{line}");
    }
}

#[test]
fn a_larger_corpus_has_every_kind_of_quote_and_no_errors() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(&Params::new(10, 200, 3), dir.path()).unwrap();
    assert!(summary.normalized_spans > 0 && summary.disambiguated_spans > 0);
    assert!(summary.rewrapped_spans > 0, "{summary:?}");
    assert!(summary.normalized_spans < summary.spans / 4, "{summary:?}");
    assert!(summary.relations >= 300, "{summary:?}");
    let claims = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    assert!(claims.contains("prefix = ") && claims.contains("occurrence = "));
    let docs = files(&dir.path().join("docs"));
    assert!(docs.iter().any(|(_, d)| d.windows(2).any(|w| w == b"\r\n")));
    assert!(docs.iter().any(|(_, d)| d.windows(2).any(|w| w == b"**")));

    let run = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "--format", "json"])
        .arg(dir.path().join("claims.toml"))
        .output()
        .expect("run crux");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "crux check failed:\n{stdout}");
    let warnings = stdout.lines().filter(|l| l.contains("\"W0001\"")).count();
    assert_eq!(warnings, summary.normalized_spans, "{stdout}");
}

#[test]
fn arguments_are_parsed_by_hand() {
    let args: Vec<String> = "--docs 4 --claims 30 --seed 9 --out x --force"
        .split(' ')
        .map(String::from)
        .collect();
    let (params, out, force) = parse_args(&args).unwrap();
    assert_eq!(params, Params::new(4, 30, 9));
    assert_eq!(out, Path::new("x"));
    assert!(force);
    assert!(parse_args(&["--docs".to_string()]).is_err());
    assert!(parse_args(&["--claims".to_string(), "5".to_string()]).is_err());
}
