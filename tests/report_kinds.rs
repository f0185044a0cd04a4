//! The report on a fixture small enough to count by hand
//! (`tests/fixtures/kinds`): every figure below was counted from the
//! fixture's text, not taken from the code.

use std::path::Path;

use crux::graph::Graph;
use crux::report::{self, Format, Report, ReportOptions, model::TimelineEntry};
use serde_json::{Value, json};

const KINDS: &str = "tests/fixtures/kinds/claims.toml";

fn build() -> Report {
    let dataset = crux::load(Path::new(KINDS));
    assert_eq!(dataset.error_count(), 0, "{:#?}", dataset.diagnostics);
    let graph = Graph::new(&dataset);
    report::build(&dataset, &graph, &ReportOptions::default())
}

fn json() -> Value {
    serde_json::from_str(&report::render(&build(), Format::Json)).unwrap()
}

#[test]
fn the_headline_counts_each_kind_apart() {
    let markdown = report::render(&build(), Format::Markdown);
    assert!(
        markdown.contains(
            "\n**1 contradiction between documents, 1 dispute a party raises against a document, \
             2 disputes between parties, 1 contradiction within one party's reported words, \
             1 contradiction within a document, 1 update, 1 refinement, 1 rival explanation, \
             2 differences of emphasis, 1 agreement.**\n"
        ),
        "{markdown}"
    );
    let report = json();
    assert_eq!(
        report["counts"]["contradictions"],
        json!([
            {"class": "documents", "count": 1},
            {"class": "party-disputes-document", "count": 1},
            {"class": "parties", "count": 2},
            {"class": "one-party", "count": 1},
            {"class": "self-contradiction", "count": 1},
        ])
    );
    assert_eq!(
        report["counts"]["links"],
        json!([
            {"kind": "updates", "count": 1},
            {"kind": "refines", "count": 1},
            {"kind": "rivals", "count": 1},
            {"kind": "contrasts", "count": 2},
            {"kind": "agrees", "count": 1},
        ])
    );
    let html = report::render(&build(), Format::Html);
    assert!(
        html.contains(
            "<li class=\"contradiction\"><strong>2</strong> disputes between parties</li>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<li><strong>2</strong> differences of emphasis</li>"),
        "{html}"
    );
}

#[test]
fn no_single_figure_mixes_the_kinds() {
    let report = json();
    assert!(report["counts"].get("corroborations").is_none());
    assert!(report["counts"]["contradictions"].is_array());
    let markdown = report::render(&build(), Format::Markdown);
    assert!(
        !markdown.contains("| Contradictions |") && !markdown.contains(" 6 contradictions"),
        "{markdown}"
    );
}

#[test]
fn contradictions_are_grouped_by_class_documents_first() {
    let report = build();
    let groups: Vec<(String, Vec<(String, String)>)> = report
        .contradictions
        .iter()
        .map(|g| {
            let pairs = g
                .relations
                .iter()
                .map(|&i| {
                    let r = &report.relations[i];
                    (r.from.clone(), r.to.clone())
                })
                .collect();
            (g.title.clone(), pairs)
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        groups,
        [
            (
                "documents disagree in their own voices".to_string(),
                vec![pair("c-not-iran", "b-from-iran")]
            ),
            (
                "a party disputes a document".to_string(),
                vec![pair("b-from-iran", "a-tehran")]
            ),
            (
                "parties dispute each other, as reported".to_string(),
                vec![pair("a-tehran", "a-baku"), pair("a-guards", "a-tehran")]
            ),
            (
                "one party is reported two ways".to_string(),
                vec![pair("c-tehran-admits", "a-tehran")]
            ),
            (
                "a document contradicts itself".to_string(),
                vec![pair("b-aligned", "b-neutral")]
            ),
        ]
    );
    let markdown = report::render(&report, Format::Markdown);
    let at = |heading: &str| {
        markdown
            .find(heading)
            .unwrap_or_else(|| panic!("{heading}"))
    };
    assert!(at("### Documents disagree in their own voices (1)") < at("### A party disputes"));
    assert!(at("## Contradictions") < at("## Disputed topics"));
}

#[test]
fn a_document_reporting_two_parties_never_sits_on_both_sides() {
    let report = json();
    let origin = &report["topics"][0];
    assert_eq!(origin["id"], "origin");
    assert_eq!(
        origin["positions"],
        json!([
            {
                "label": "A",
                "claims": ["a-baku", "b-from-iran"],
                "parties": ["Azerbaijani authorities"],
                "documents": ["b"],
                "reported_by": ["a"],
            },
            {
                "label": "B",
                "claims": ["a-tehran"],
                "parties": ["Iranian representatives"],
                "documents": [],
                "reported_by": ["a"],
            },
            {
                "label": "C",
                "claims": ["c-not-iran"],
                "parties": [],
                "documents": ["c"],
                "reported_by": [],
            },
        ])
    );
    let markdown = report::render(&build(), Format::Markdown);
    assert!(
        markdown
            .contains("#### Position B\n\n*Held by* Iranian representatives. *Reported by* a.\n"),
        "{markdown}"
    );
}

#[test]
fn the_matrix_puts_on_a_diagonal_only_a_document_contradicting_itself() {
    let report = json();
    let matrix = &report["matrix"];
    assert_eq!(matrix["sources"], json!(["a", "b", "c"]));
    // a reports two disputes between parties: not a contradicting itself.
    assert_eq!(
        matrix["contradicts"],
        json!([[1, 1, 1], [1, 2, 1], [2, 1, 1]])
    );
    // [row, column, count], zero cells left out.
    assert_eq!(
        matrix["disputes"],
        json!([[0, 0, 2], [0, 1, 1], [0, 2, 1], [1, 0, 1], [2, 0, 1]])
    );
    assert_eq!(matrix["agrees"], json!([[0, 1, 1], [1, 0, 1]]));
    let markdown = report::render(&build(), Format::Markdown);
    assert!(
        markdown.contains("| **a** | 0 / 0 / 2 | 1 / 0 / 1 | 0 / 0 / 1 |"),
        "{markdown}"
    );
}

#[test]
fn only_contradictions_make_a_topic_disputed() {
    let report = build();
    let disputed: Vec<&str> = report.disputed_topics().map(|t| t.id.as_str()).collect();
    assert_eq!(disputed, ["origin", "motive", "stance"]);
    let undisputed: Vec<&str> = report.undisputed_topics().map(|t| t.id.as_str()).collect();
    assert_eq!(undisputed, ["aftermath"]);
}

#[test]
fn every_claim_says_who_how_and_when() {
    let report = build();
    let claim = |id: &str| report.claim(id).unwrap();
    assert_eq!(claim("a-baku").assertor, "Azerbaijani authorities");
    assert_eq!(claim("b-neutral").assertor, "the document's own voice");
    assert_eq!(claim("b-rogue").how, "hypothesis");
    assert_eq!(
        claim("b-neutral").about.as_ref().unwrap().label,
        "the war (2026-02-28..)"
    );
    assert!(claim("a-sharp").about.is_none());
    let markdown = report::render(&report, Format::Markdown);
    assert!(
        markdown.contains(
            "- **a-tehran** (unreviewed): Tehran denied it.\n  *Who:* Iranian representatives · *How:* asserted · *When:* 2026-03-05\n"
        ),
        "{markdown}"
    );
}

#[test]
fn the_timeline_orders_claims_by_their_time_among_publication_dates() {
    let report = build();
    let entries: Vec<String> = report
        .timeline
        .entries
        .iter()
        .map(|entry| match entry {
            TimelineEntry::About { label, claims, .. } => format!("{label}: {}", claims.join(" ")),
            TimelineEntry::Published { date, sources } => {
                format!("published {date}: {}", sources.join(" "))
            }
        })
        .collect();
    assert_eq!(
        entries,
        [
            "the war (2026-02-28..): b-neutral b-aligned",
            "2026-03: a-tension",
            "2026-03-01..2026-04-30: b-deescalated",
            "2026-03-05: a-baku a-tehran b-from-iran",
            "published 2026-03-10: a",
            "published 2026-07-01: b",
        ]
    );
    assert_eq!(report.timeline.undated.len(), 10);
    assert_eq!(report.timeline.undated_sources, ["c"]);
    let markdown = report::render(&report, Format::Markdown);
    assert!(
        markdown
            .contains("10 claims state no time and are not listed. Without a publication date: c."),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "- **2026-03-05**\n  - **a-baku**: Baku said the drones came from Iran. — Azerbaijani authorities; in a (2026-03-10)\n"
        ),
        "{markdown}"
    );
}

#[test]
fn a_party_filter_narrows_the_report_to_that_partys_claims() {
    let dataset = crux::load(Path::new(KINDS));
    let graph = Graph::new(&dataset);
    let options = ReportOptions {
        filter: crux::filter::ClaimFilter {
            party: Some("tehran".into()),
            ..Default::default()
        },
        timestamp: None,
    };
    let report = report::build(&dataset, &graph, &options);
    let ids: Vec<&str> = report.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["a-tehran", "c-tehran-admits"]);
    // Only the link with both ends reported: Tehran reported two ways.
    assert_eq!(report.relations.len(), 1);
    assert_eq!(report.filter.description, "party=tehran");
    let markdown = report::render(&report, Format::Markdown);
    assert!(
        markdown.contains(
            "**0 contradictions between documents, 1 contradiction within one party's reported words.**"
        ),
        "{markdown}"
    );
}

#[test]
fn the_same_input_gives_the_same_json() {
    let first = report::render(&build(), Format::Json);
    assert_eq!(first, report::render(&build(), Format::Json));
    assert!(first.contains("\"schema\": \"crux-report/3\""));
}
