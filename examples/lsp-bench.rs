//! How long `crux lsp` takes to answer a change: for the shipped example
//! and a generated 10,000-claim corpus, the time from sending one small
//! edit of a claim's text to receiving its diagnostics (debounce
//! included), and the server's own analysis time from its log line.
//! Run through `scripts/lsp-bench.sh`, which builds the release binary.

#[path = "../tests/lsp/client.rs"]
mod client;
#[path = "gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::Path;
use std::time::Instant;

use client::{Client, url};
use serde_json::json;

const CHANGES: i64 = 20;

fn measure(name: &str, dir: &Path) {
    let path = dir.join("claims.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url(&path);
    let mut client = Client::start(dir);
    let opened = Instant::now();
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    let open_ms = opened.elapsed().as_secs_f64() * 1000.0;
    let first = client.log_line("document(s) read");
    let claim = text.find("\ntext = \"").unwrap() + "\ntext = \"".len();
    let position = client::position(&text, claim);
    let mut round_trips = Vec::new();
    let mut analyses = Vec::new();
    for version in 2..2 + CHANGES {
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": position, "end": position }, "text": "x" }]
            }),
        );
        client.diagnostics(&uri, version);
        round_trips.push(started.elapsed().as_secs_f64() * 1000.0);
        let log = client.log_line("document(s) read");
        let ms: f64 = log
            .rsplit("; ")
            .next()
            .unwrap()
            .trim_end_matches(" ms")
            .parse()
            .unwrap();
        analyses.push(ms);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() - 1])
    };
    let (trip, trip_max) = median(&mut round_trips);
    let (analysis, analysis_max) = median(&mut analyses);
    println!(
        "{name:<10} open {open_ms:7.1} ms | change -> diagnostics: median {trip:6.1} ms, max {trip_max:6.1} ms | analysis: median {analysis:6.1} ms, max {analysis_max:6.1} ms"
    );
    println!("{name:<10} first analysis: {first}");
    assert!(client.shutdown().success());
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("claims.toml"), shipped.path().join("claims.toml")).unwrap();
    std::fs::create_dir(shipped.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(root.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            shipped.path().join("seeds").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    measure("shipped", shipped.path());

    let large = tempfile::tempdir().unwrap();
    gen_corpus::generate(&gen_corpus::Params::new(1000, 10_000, 1), large.path()).unwrap();
    measure("10k claims", large.path());
}
