//! How long crux takes to look for one quote in one document already in
//! memory, the figure to set beside `scripts/approx-string-match.mjs`
//! (which times the `approx-string-match` package's search the same way):
//!
//!   cargo run --release --example anchor-one -- DOC "QUOTE"
//!
//! prints `seconds best_score passages`: the median of five runs of the
//! anchoring (verbatim, normalized, then the approximate search with its
//! q-gram filter), the best passage's score (0 for none) and how many
//! passages it found.

use std::time::Instant;

use crux::anchor::{QuoteQuery, Resolution, resolve_all};
use crux::document::Document;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [doc, quote] = args.as_slice() else {
        eprintln!("usage: anchor-one DOC QUOTE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(doc).unwrap_or_else(|e| {
        eprintln!("anchor-one: cannot read {doc}: {e}");
        std::process::exit(2);
    });
    let document = Document::light_markup(&text);
    let query = QuoteQuery {
        quote,
        ..QuoteQuery::default()
    };
    let mut times = Vec::new();
    let mut answer = None;
    for _ in 0..5 {
        let start = Instant::now();
        answer = resolve_all(document.quotable(), &[query]).pop();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let (best, found) = match answer {
        Some(Resolution::NotFound { nearest, .. }) => {
            (nearest.first().map_or(0.0, |c| c.similarity), nearest.len())
        }
        Some(Resolution::Exact(_) | Resolution::Normalized(_)) => (1.0, 1),
        _ => (0.0, 0),
    };
    println!("{:.3} {best:.2} {found}", times[2]);
}
