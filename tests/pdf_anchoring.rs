//! The shipped quotes, anchored in the text extracted from PDF renderings of
//! their seeds: the share found must stay at what extraction reaches.

use std::path::Path;

use crux::anchor::{QuoteQuery, Resolution, resolve_all};
use crux::pdf;

/// Each rendering, with the least share of its seed's quotes that must
/// anchor in its text (a little under what extraction reaches).
const RENDERINGS: [(&str, f64); 11] = [
    ("000-chromium", 0.97),
    ("000-groff", 0.97),
    ("001-chromium", 0.97),
    ("001-groff", 0.97),
    ("002-chromium", 0.97),
    ("002-groff", 0.97),
    ("003-chromium", 0.97),
    ("003-groff", 0.97),
    ("003-groff-2col", 0.97),
    ("004-chromium", 0.97),
    ("004-groff", 0.97),
];

/// How many of the quotes of the seed numbered `seed` anchor in `text`,
/// out of how many; and the quotes not anchored.
fn anchored(dataset: &crux::Dataset, seed: &str, text: &str) -> (usize, usize, Vec<String>) {
    let source = dataset
        .sources
        .iter()
        .find(|source| source.path.starts_with(&format!("seeds/{seed}_")))
        .expect("a source for every seed");
    let spans: Vec<&crux::model::Span> = dataset
        .claims
        .iter()
        .flat_map(|claim| &claim.spans)
        .filter(|span| span.source == source.id)
        .collect();
    let queries: Vec<QuoteQuery<'_>> = spans
        .iter()
        .map(|span| QuoteQuery {
            quote: &span.quote,
            prefix: span.prefix.as_deref(),
            suffix: span.suffix.as_deref(),
            occurrence: span.occurrence,
            hint: None,
        })
        .collect();
    let mut missed = Vec::new();
    let mut found = 0;
    for (span, resolution) in spans.iter().zip(resolve_all(text, &queries)) {
        match resolution {
            Resolution::Exact(_)
            | Resolution::Normalized(_)
            | Resolution::ContextChanged { .. } => found += 1,
            other => missed.push(format!(
                "{:?}: {}",
                std::mem::discriminant(&other),
                span.quote
            )),
        }
    }
    (found, spans.len(), missed)
}

#[test]
fn the_shipped_quotes_anchor_in_the_pdf_renderings_of_their_seeds() {
    let dataset = crux::load(Path::new("claims.toml"));
    let fixtures = Path::new("tests/fixtures/pdf/seeds");
    let (mut all_found, mut all_quotes) = (0, 0);
    let mut failures = Vec::new();
    for (name, floor) in RENDERINGS {
        let bytes = std::fs::read(fixtures.join(format!("{name}.pdf"))).unwrap();
        let extracted = pdf::extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(dir) = std::env::var_os("CRUX_PDF_DUMP") {
            std::fs::write(Path::new(&dir).join(format!("{name}.txt")), &extracted.text).unwrap();
        }
        let (found, quotes, missed) = anchored(&dataset, &name[..3], &extracted.text);
        let share = found as f64 / quotes as f64;
        eprintln!(
            "{name}: {found}/{quotes} quotes anchored ({:.1}%)",
            share * 100.0
        );
        for quote in &missed {
            eprintln!("    not anchored: {quote}");
        }
        all_found += found;
        all_quotes += quotes;
        if share < floor {
            failures.push(format!("{name}: {share:.3} < {floor}"));
        }
    }
    eprintln!(
        "all renderings: {all_found}/{all_quotes} ({:.1}%)",
        all_found as f64 * 100.0 / all_quotes as f64
    );
    assert!(failures.is_empty(), "below the floor: {failures:?}");
}

/// The baseline: the seeds' own text anchors every quote, so what the PDFs
/// lose is extraction's.
#[test]
fn the_shipped_quotes_all_anchor_in_the_seeds_themselves() {
    let dataset = crux::load(Path::new("claims.toml"));
    for seed in ["000", "001", "002", "003", "004"] {
        let source = dataset
            .sources
            .iter()
            .find(|source| source.path.starts_with(&format!("seeds/{seed}_")))
            .unwrap();
        let text = std::fs::read_to_string(&source.path).unwrap();
        let (found, quotes, missed) = anchored(&dataset, seed, &text);
        assert_eq!(found, quotes, "{seed}: {missed:?}");
    }
}
