//! Any text with a claim: setting its status, then loading the result,
//! gives the same model with only that status changed.
#![no_main]

use std::path::Path;

use crux_core::model::{Dataset, Status};
use libfuzzer_sys::fuzz_target;

fn load(text: &str) -> Dataset {
    crux_core::load_str(Path::new("/nonexistent-crux-fuzz/claims.toml"), text.into())
}

/// Everything a claim says except its status.
fn claims_without_status(d: &Dataset) -> Vec<String> {
    d.claims
        .iter()
        .map(|c| {
            let spans: Vec<_> = c
                .spans
                .iter()
                .map(|s| (&s.source, &s.quote, &s.prefix, &s.suffix, s.occurrence))
                .collect();
            format!("{:?}", (&c.id, &c.topic, &c.text, &c.note, spans))
        })
        .collect()
}

fn rest(d: &Dataset) -> String {
    let sources: Vec<_> = d
        .sources
        .iter()
        .map(|s| (&s.id, &s.path, &s.title))
        .collect();
    let topics: Vec<_> = d.topics.iter().map(|t| (&t.id, &t.question)).collect();
    let relations: Vec<_> = d
        .relations
        .iter()
        .map(|r| (r.kind, r.from, r.to, &r.note))
        .collect();
    format!("{:?}", (&d.title, sources, topics, relations))
}

fuzz_target!(|input: (u8, &str)| {
    let (pick, text) = input;
    let before = load(text);
    if before.claims.is_empty() {
        return;
    }
    let index = pick as usize % before.claims.len();
    let id = before.claims[index].id.clone();
    let status = Status::ALL[pick as usize % Status::ALL.len()];
    let Ok(after_text) = crux_core::edit::set_status(text, &id, status) else {
        return;
    };
    let after = load(&after_text);
    assert_eq!(
        claims_without_status(&before),
        claims_without_status(&after)
    );
    assert_eq!(rest(&before), rest(&after));
    for (c, (old, new)) in before.claims.iter().zip(&after.claims).enumerate() {
        if c == index {
            assert_eq!(new.status, status);
        } else {
            assert_eq!(old.status, new.status);
        }
    }
});
