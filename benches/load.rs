//! Load, anchor and check the medium corpus (100 documents, 1,000 claims),
//! and the steps that make them up.
//!
//! ```sh
//! cargo bench --bench load
//! ```

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crux::anchor::{QuoteQuery, resolve_all};
use crux::diag::render_human;
use crux::text::LineIndex;

use common::medium;

fn load(c: &mut Criterion) {
    let path = medium();
    let mut group = c.benchmark_group("medium");
    group.sample_size(10);
    group.bench_function("load+anchor+check", |b| {
        b.iter(|| black_box(crux::load(black_box(&path))))
    });
    let text = std::fs::read_to_string(&path).unwrap();
    group.bench_function("load from text (no file read of claims.toml)", |b| {
        b.iter(|| black_box(crux::load_str(&path, text.clone())))
    });
    let dataset = crux::load(&path);
    group.bench_function("render every diagnostic (human)", |b| {
        b.iter(|| {
            let mut bytes = 0;
            for d in &dataset.diagnostics {
                bytes += render_human(d, "claims.toml", &dataset.text, &dataset.lines, false).len();
            }
            black_box(bytes)
        })
    });
    group.finish();
}

fn one_document(c: &mut Criterion) {
    let path = medium();
    let dataset = crux::load(&path);
    // The source with the most quotes, and its quotes.
    let (index, source) = crux::ix::enumerate(&dataset.sources, crux::ix::SourceIx)
        .max_by_key(|(_, s)| {
            dataset
                .claims
                .iter()
                .flat_map(|c| &c.spans)
                .filter(|span| span.source == s.id)
                .count()
        })
        .unwrap();
    let text = source.text().unwrap().to_string();
    let spans: Vec<_> = dataset
        .claims
        .iter()
        .flat_map(|c| &c.spans)
        .filter(|span| dataset.source_index(&span.source) == Some(index))
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
    let mut group = c.benchmark_group(format!(
        "one document ({} KB, {} quotes)",
        text.len() / 1000,
        queries.len()
    ));
    group.bench_function("resolve_all", |b| {
        b.iter(|| black_box(resolve_all(black_box(&text), black_box(&queries))))
    });
    group.bench_function("LineIndex::new", |b| {
        b.iter(|| black_box(LineIndex::new(black_box(&text))))
    });
    group.bench_function("normalize", |b| {
        b.iter(|| black_box(crux::anchor::NormalizedText::new(black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, load, one_document);
criterion_main!(benches);
