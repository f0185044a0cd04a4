//! The search's scorer (skim v2's score, `crux::tui::search::score`) against
//! fuzzy-matcher's skim v2 itself and nucleo's (the matcher helix uses), each
//! scoring every field the claim search looks in
//! on the large corpus (10,000 claims), for each prefix of `drone`. No
//! prefilter and no narrowing: the matchers alone.
//!
//! ```sh
//! cargo bench --bench matchers
//! ```

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use common::large;

/// What the search looks in, as the UI's search gathers it.
fn fields() -> Vec<String> {
    let dataset = crux::load::without_documents(&large());
    let mut fields = Vec::new();
    for claim in &dataset.claims {
        fields.extend([claim.id.clone(), claim.text.clone(), claim.topic.clone()]);
        for span in &claim.spans {
            fields.push(span.quote.clone());
            fields.push(span.source.clone());
            if let Some(title) = dataset.source(&span.source).and_then(|s| s.title.clone()) {
                fields.push(title);
            }
        }
    }
    fields
}

fn matchers(c: &mut Criterion) {
    let fields = fields();
    let utf32: Vec<Utf32String> = fields
        .iter()
        .map(|f| Utf32String::from(f.as_str()))
        .collect();
    let skim = SkimMatcherV2::default().ignore_case();
    let mut nucleo = Matcher::new(Config::DEFAULT);
    let mut group = c.benchmark_group(format!(
        "matchers ({} fields of 10,000 claims)",
        fields.len()
    ));
    group.sample_size(10);
    for query in ["d", "dr", "dro", "dron", "drone"] {
        group.bench_function(format!("skim /{query}"), |b| {
            b.iter(|| {
                let found = fields
                    .iter()
                    .filter(|f| skim.fuzzy_match(f, query).is_some())
                    .count();
                black_box(found)
            })
        });
        let chars: Vec<char> = query.chars().collect();
        group.bench_function(format!("crux /{query}"), |b| {
            b.iter(|| {
                let found = fields
                    .iter()
                    .filter(|f| crux::tui::search::score::score(f, &chars).is_some())
                    .count();
                black_box(found)
            })
        });
        let mut buffer = Vec::new();
        let needle = Utf32Str::new(query, &mut buffer);
        group.bench_function(format!("nucleo /{query}"), |b| {
            b.iter(|| {
                let found = utf32
                    .iter()
                    .filter(|f| nucleo.fuzzy_match(f.slice(..), needle).is_some())
                    .count();
                black_box(found)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, matchers);
criterion_main!(benches);
