//! The report-wide HTML sections: contradictions by class, the timeline
//! and the source matrix.

use maud::{Markup, html};

use super::{attribution, claim_anchor};
use crate::report::model::{Report, TimelineEntry};
use crate::text::{visible, visible_line};

pub(super) fn contradictions(report: &Report) -> Markup {
    html! {
        @if !report.contradictions.is_empty() {
            section #contradictions {
                h2 { "Contradictions" }
                @for group in &report.contradictions {
                    h3.class { (capitalized(&group.title)) " (" (group.relations.len()) ")" }
                    ul.contradiction-list {
                        @for &i in &group.relations {
                            @let r = &report.relations[i];
                            li class=(if group.class.involves_party() { "reported" } else { "own-voices" }) {
                                p.pair {
                                    a.claim-ref href=(claim_anchor(report, &r.from)) { code { (visible_line(&r.from)) } }
                                    " " strong.verb { "contradicts" } " "
                                    a.claim-ref href=(claim_anchor(report, &r.to)) { code { (visible_line(&r.to)) } }
                                    @if let Some(c) = report.claim(&r.from) {
                                        " (topic " (visible_line(&c.topic)) ")"
                                    }
                                }
                                div.sides {
                                    @for id in [&r.from, &r.to] {
                                        @if let Some(claim) = report.claim(id) {
                                            div.side {
                                                p.claim-text {
                                                    (visible(&claim.text))
                                                    span.in { " — " (visible_line(&claim.sources.join(", "))) }
                                                }
                                                (attribution(claim))
                                            }
                                        }
                                    }
                                }
                                @if let Some(note) = &r.note { p.link-note { "Note: " (visible(note)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The first letter in upper case, for a title made of a phrase.
fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub(super) fn timeline(report: &Report) -> Markup {
    let t = &report.timeline;
    let cited = |ids: &[String]| -> String {
        let parts: Vec<String> = ids
            .iter()
            .map(
                |id| match report.source(id).and_then(|s| s.date.as_deref()) {
                    Some(date) => format!("{id} ({date})"),
                    None => id.clone(),
                },
            )
            .collect();
        visible_line(&parts.join(", ")).into_owned()
    };
    html! {
        @if !t.entries.is_empty() || !t.undated.is_empty() {
            section #timeline {
                h2 { "Timeline" }
                p.legend {
                    "Claims by the time they are about, among the dates the documents were published: what was known when."
                    @match t.undated.len() {
                        0 => {},
                        1 => " 1 claim states no time and is not listed.",
                        n => { " " (n) " claims state no time and are not listed." },
                    }
                    @if !t.undated_sources.is_empty() {
                        " Without a publication date: " (visible_line(&t.undated_sources.join(", "))) "."
                    }
                }
                ol.timeline {
                    @for entry in &t.entries {
                        @match entry {
                            TimelineEntry::About { label, claims, .. } => li.about {
                                p.when { (visible_line(label)) }
                                ul {
                                    @for id in claims {
                                        @if let Some(claim) = report.claim(id) {
                                            li {
                                                a.claim-ref href=(claim_anchor(report, id)) { code { (visible_line(id)) } }
                                                " " (visible_line(&claim.text))
                                                span.in { " — " (visible_line(&claim.assertor)) "; in " (cited(&claim.sources)) }
                                            }
                                        }
                                    }
                                }
                            },
                            TimelineEntry::Published { date, sources } => li.published {
                                p.when { (visible_line(date)) }
                                p {
                                    "Published: "
                                    @for (n, id) in sources.iter().enumerate() {
                                        @if n > 0 { ", " }
                                        code { (visible_line(id)) }
                                        @if let Some(title) = report.source(id).and_then(|s| s.title.as_deref()) { " " cite { (visible_line(title)) } }
                                    }
                                }
                            },
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn matrix(report: &Report) -> Markup {
    let m = &report.matrix;
    html! {
        section #matrix {
            h2 { "Source matrix" }
            @if m.sources.is_empty() {
                p { "No claims quote a document." }
            } @else {
                p.legend {
                    "Links between claims quoting each pair of documents: "
                    span.agree { "agree" } " / " span.contra { "contradict" } " / " span.dispute { "dispute" } "; · for none. "
                    strong { "Contradict" } " counts contradictions between the documents' own voices (on the diagonal, a document contradicting itself); "
                    strong { "dispute" } ", contradictions with a party the documents report on at least one side (on the diagonal, a dispute the document reports, not one it takes part in)."
                }
                div.scroll {
                    table.matrix {
                        thead { tr { td {} @for id in &m.sources { th scope="col" { code { (visible_line(id)) } } } } }
                        tbody {
                            @for (i, id) in m.sources.iter().enumerate() {
                                tr {
                                    th scope="row" { code { (visible_line(id)) } }
                                    @for j in 0..m.sources.len() {
                                        @let (a, c, d) = (m.agrees.get(i, j), m.contradicts.get(i, j), m.disputes.get(i, j));
                                        @if a + c + d == 0 {
                                            td.num.none { "·" }
                                        } @else {
                                            td.num.clash[c > 0] title=(format!("{a} agree, {c} contradict, {d} dispute")) {
                                                span.agree { (a) } " / " span.contra { (c) } " / " span.dispute { (d) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
