//! How long `crux lsp` takes to answer a change: for the shipped example
//! and a generated 10,000-claim corpus, the time from sending one edit to
//! the server having published its diagnostics (or found them unchanged,
//! which it then does not send again), debounce included; the server's own
//! analysis time from its log line; and the processor time the server
//! used per change, which other processes on the machine do not inflate.
//! Two edits: a character typed in a claim's text (the diagnostics stay
//! where they are) and a line break added or removed above a claim (every
//! diagnostic below it moves, and all are sent again).
//! Run through `scripts/lsp-bench.sh`, which builds the release binary.

#[path = "../tests/lsp/client.rs"]
mod client;
#[path = "gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::Path;
use std::time::Instant;

use client::{Client, url};
use serde_json::{Value, json};

const CHANGES: i64 = 30;

/// Median and 90th percentile.
fn spread(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let p90 = (values.len() * 9).div_ceil(10) - 1;
    (values[values.len() / 2], values[p90])
}

/// The milliseconds an analysis took, from its log line (a server before
/// this benchmark's own ends the line with them).
fn analysed_ms(log: &str) -> f64 {
    let ms = match log.split("analysed in ").nth(1) {
        Some(after) => after.split(" ms").next().unwrap(),
        None => log.rsplit("; ").next().unwrap().trim_end_matches(" ms"),
    };
    ms.parse().expect(log)
}

/// Waits for the server to have analysed `version`: its log line, or the
/// diagnostics of a server that always sends them (then its log line);
/// whether it sent diagnostics, and the log line.
fn analysed(client: &mut Client, uri: &str, version: i64) -> (bool, String) {
    let logged = format!("; version {version}: diagnostics ");
    let first = client.receive(
        |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(&logged))
                || m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
        },
        "the analysis of a change",
    );
    match first["params"]["message"].as_str() {
        Some(log) => (log.contains("diagnostics sent"), log.to_string()),
        None => (true, client.log_line("document(s) read")),
    }
}

/// Processor time (user + system) the process has used, in milliseconds.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are
    // the 14th and 15th fields of the line, in clock ticks (100 a second).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(user), Some(system)) => (user + system) * 10.0,
        _ => f64::NAN,
    }
}

struct Edit {
    name: &'static str,
    /// The change for a version: the range and the text put there.
    change: Box<dyn Fn(i64) -> (Value, Value, &'static str)>,
}

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
    println!("{name:<10} open {open_ms:7.1} ms; {first}");

    let claim = text.find("\ntext = \"").unwrap() + "\ntext = \"".len();
    let in_text = client::position(&text, claim);
    let header = text.find("\n[claims.").unwrap() + 1;
    let above = client::position(&text, header);
    let below = json!({ "line": above["line"].as_u64().unwrap() + 1, "character": 0 });
    let edits = [
        Edit {
            name: "keystroke",
            change: Box::new(move |_| (in_text.clone(), in_text.clone(), "x")),
        },
        Edit {
            name: "new line",
            // A line break put in, then taken out again.
            change: Box::new(move |version| match version % 2 {
                0 => (above.clone(), above.clone(), "\n"),
                _ => (above.clone(), below.clone(), ""),
            }),
        },
    ];
    let mut version = 1;
    for edit in &edits {
        let mut round_trips = Vec::new();
        let mut analyses = Vec::new();
        let mut sent = 0;
        let cpu_before = cpu_ms(client.pid());
        for _ in 0..CHANGES {
            version += 1;
            let (start, end, insert) = (edit.change)(version);
            let started = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": start, "end": end }, "text": insert }]
                }),
            );
            let (was_sent, log) = analysed(&mut client, &uri, version);
            round_trips.push(started.elapsed().as_secs_f64() * 1000.0);
            analyses.push(analysed_ms(&log));
            sent += usize::from(was_sent);
            client.drain();
        }
        let cpu = (cpu_ms(client.pid()) - cpu_before) / CHANGES as f64;
        let (trip, trip_p90) = spread(round_trips);
        let (analysis, analysis_p90) = spread(analyses);
        println!(
            "{name:<10} {:<9} change -> diagnostics: median {trip:6.1} ms, p90 {trip_p90:6.1} ms | analysis: median {analysis:6.1} ms, p90 {analysis_p90:6.1} ms | server processor time {cpu:6.1} ms/change | sent {sent}/{CHANGES}",
            edit.name
        );
    }
    assert!(client.shutdown().success());
}

fn main() {
    // Wall times depend on what else the machine runs; processor time less.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "{cores} core(s), load average {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
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
