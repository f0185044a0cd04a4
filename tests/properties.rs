//! Properties over generated input, with a bounded number of cases: any
//! claims file loads or yields diagnostics; a status edit changes only that
//! status; a resolved quote's byte range slices out the quoted text.

use std::path::{Path, PathBuf};

use crux::model::{Dataset, MatchKind, Status};
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../claims.toml");

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A claims file path whose directory does not exist: no document is found,
/// so a case costs no disk reads.
fn nowhere() -> &'static Path {
    Path::new("/nonexistent-crux-properties/claims.toml")
}

fn shipped_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml")
}

/// Everything a dataset says except the claims' statuses and the places
/// (byte ranges) in the claims file, which an edit may shift.
fn model_without_statuses(d: &Dataset) -> String {
    let claims: Vec<_> = d
        .claims
        .iter()
        .map(|c| {
            let spans: Vec<_> = c
                .spans
                .iter()
                .map(|s| {
                    (
                        &s.source,
                        &s.quote,
                        &s.prefix,
                        &s.suffix,
                        s.occurrence,
                        &s.anchor,
                    )
                })
                .collect();
            (&c.id, &c.topic, &c.text, &c.note, spans)
        })
        .collect();
    let sources: Vec<_> = d
        .sources
        .iter()
        .map(|s| (&s.id, &s.path, &s.title, &s.author, &s.date))
        .collect();
    let topics: Vec<_> = d.topics.iter().map(|t| (&t.id, &t.question)).collect();
    let relations: Vec<_> = d
        .relations
        .iter()
        .map(|r| (r.kind, r.from, r.to, &r.note))
        .collect();
    format!("{:?}", (&d.title, claims, sources, topics, relations))
}

/// One random change to `text`: a byte range replaced by `insert`.
fn mutate(text: &str, at: usize, len: usize, insert: &str) -> String {
    let mut start = at % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &text[..start], &text[end..])
}

fn toml_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\n[claims.x]\n".to_string()),
        Just("\n[[claims.x.spans]]\n".to_string()),
        Just(" = ".to_string()),
        Just(".".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\0".to_string()),
        ".{0,12}",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_bytes_load_or_diagnose(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let dataset = crux::load_str(nowhere(), text);
        for d in &dataset.diagnostics {
            crux::diag::render_human(d, "claims.toml", &dataset.text, &dataset.lines, false);
        }
    }

    #[test]
    fn mutations_of_the_shipped_file_load_or_diagnose(
        edits in prop::collection::vec((any::<usize>(), 0..64usize, toml_fragment()), 1..6),
    ) {
        let mut text = SHIPPED.to_string();
        for (at, len, insert) in &edits {
            text = mutate(&text, *at, *len, insert);
        }
        let dataset = crux::load_str(nowhere(), text.clone());
        for d in &dataset.diagnostics {
            crux::diag::render_json_line(d, "claims.toml", &dataset.text, &dataset.lines);
            if let Some(span) = &d.span {
                prop_assert!(span.end <= text.len(), "{d:?}");
            }
        }
    }

    #[test]
    fn a_status_edit_changes_that_status_alone(
        pick in any::<prop::sample::Index>(),
        status in prop::sample::select(Status::ALL.to_vec()),
        edits in prop::collection::vec((any::<usize>(), 0..16usize, toml_fragment()), 0..3),
        crlf in any::<bool>(),
    ) {
        let mut text = if crlf { SHIPPED.replace('\n', "\r\n") } else { SHIPPED.to_string() };
        for (at, len, insert) in &edits {
            text = mutate(&text, *at, *len, insert);
        }
        let before = crux::load_str(nowhere(), text.clone());
        prop_assume!(!before.claims.is_empty());
        let index = pick.index(before.claims.len());
        let id = before.claims[index].id.clone();
        let Ok(edited) = crux::edit::set_status(&text, &id, status) else {
            return Ok(());
        };
        let after = crux::load_str(nowhere(), edited);
        prop_assert_eq!(model_without_statuses(&before), model_without_statuses(&after));
        for (c, (old, new)) in before.claims.iter().zip(&after.claims).enumerate() {
            let expected = if c == index { status } else { old.status };
            prop_assert_eq!(new.status, expected, "claim {}", old.id);
        }
    }
}

/// Words with multi-byte characters, odd spaces and line breaks.
fn document() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z]{1,8}",
        Just("Baku".to_string()),
        Just("naïve".to_string()),
        Just("«quoted»".to_string()),
        Just("—".to_string()),
        Just("日本".to_string()),
        Just("e\u{301}".to_string()),
    ];
    let gap = prop_oneof![
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\u{a0}".to_string()),
        Just(", ".to_string()),
    ];
    prop::collection::vec((word, gap), 1..60)
        .prop_map(|parts| parts.into_iter().map(|(w, g)| w + &g).collect())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn a_resolved_quote_slices_out_of_its_document(
        doc in document(),
        start in any::<prop::sample::Index>(),
        len in 1..80usize,
    ) {
        let boundaries: Vec<usize> = doc.char_indices().map(|(i, _)| i).chain([doc.len()]).collect();
        let from = boundaries[start.index(boundaries.len() - 1)];
        let to = boundaries.iter().copied().find(|&b| b >= from + len).unwrap_or(doc.len());
        let written = &doc[from..to];
        prop_assume!(!written.trim().is_empty());
        // Quotes are matched without their outer whitespace.
        let quote = written.trim();
        let from = from + (written.len() - written.trim_start().len());
        let to = from + quote.len();

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("doc.txt"), &doc).unwrap();
        let claims = format!(
            "[sources.d]\npath = \"doc.txt\"\n\n[topics.t]\nquestion = \"?\"\n\n\
             [claims.c]\ntopic = \"t\"\ntext = \"c\"\nspans = [{{ source = \"d\", quote = {} }}]\n",
            serde_json::to_string(written).unwrap()
        );
        let path = dir.path().join("claims.toml");
        std::fs::write(&path, &claims).unwrap();
        let dataset = crux::load(&path);
        let span = &dataset.claim("c").unwrap().spans[0];
        prop_assert_eq!(&span.quote, written);
        if let Some(anchor) = &span.anchor {
            prop_assert!(doc.is_char_boundary(anchor.bytes.start) && doc.is_char_boundary(anchor.bytes.end));
            if anchor.kind == MatchKind::Exact {
                prop_assert_eq!(&doc[anchor.bytes.clone()], quote);
            }
            prop_assert_eq!(
                anchor.chars.clone(),
                doc[..anchor.bytes.start].chars().count()..doc[..anchor.bytes.end].chars().count()
            );
        }
        // Found once (overlaps included): it must resolve, exactly there.
        if doc.find(quote) == doc.rfind(quote) {
            let anchor = span.anchor.as_ref();
            prop_assert!(anchor.is_some(), "{:?}", dataset.diagnostics);
            let anchor = anchor.unwrap();
            prop_assert_eq!(anchor.kind, MatchKind::Exact);
            prop_assert_eq!(anchor.bytes.clone(), from..to);
        }
    }
}

#[test]
fn the_shipped_file_still_loads_with_its_documents_after_a_status_edit() {
    let before = crux::load(&shipped_path());
    let id = before.claims[0].id.clone();
    let edited = crux::edit::set_status(SHIPPED, &id, Status::Disputed).unwrap();
    let after = crux::load_str(&shipped_path(), edited);
    assert_eq!(
        model_without_statuses(&before),
        model_without_statuses(&after)
    );
    assert_eq!(after.claims[0].status, Status::Disputed);
    assert_eq!(before.error_count(), after.error_count());
}
