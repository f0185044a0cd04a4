//! The HTML report: one self-contained page (inline CSS, no scripts, no
//! external requests) for screen, phone and print.
//!
//! All markup is built with maud, which escapes every value; data is only
//! ever text or an escaped attribute value, never markup. Element ids are
//! numbered (`t3`, `c7`), never taken from the data. The only unescaped
//! string is the constant stylesheet below.

pub(crate) mod fragment;
mod overview;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::markdown::{KINDS_EXPLAINED, OTHER_RELATIONS};
use super::model::{ClaimEntry, Position, Report, SpanEntry, SpanMatch, TopicEntry};
use crate::model::Status;
use crate::text::{visible, visible_line};

const STYLE: &str = include_str!("../report.css");

pub fn render(report: &Report) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="crux";
                title { "Report: " (visible_line(&report.title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (header(report))
                (contents(report))
                main {
                    (overview::contradictions(report))
                    @if report.disputed_topics().next().is_some() {
                        section #disputed {
                            h2 { "Disputed topics" }
                            @for topic in report.disputed_topics() {
                                (disputed_topic(report, topic))
                            }
                        }
                    }
                    @if report.undisputed_topics().next().is_some() {
                        section #undisputed {
                            h2 { "Undisputed topics" }
                            @for topic in report.undisputed_topics() {
                                (undisputed_topic(report, topic))
                            }
                        }
                    }
                    (overview::timeline(report))
                    (sources(report))
                    (overview::matrix(report))
                    (open(report))
                }
                footer.page-footer { "Made with crux from " (visible_line(&report.file)) "." }
            }
        }
    };
    let mut out = with_line_breaks(&page.into_string());
    out.push('\n');
    out
}

/// Block-level tags that start a new line of output, so reports diff well.
/// Whitespace between these is insignificant; none of them appears inside
/// a `blockquote` (whose text is `pre-wrap`).
const LINE_STARTS: &[&str] = &[
    "<head>",
    "<body>",
    "<header",
    "<nav",
    "<main",
    "<footer",
    "<section",
    "<article",
    "<div",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<p>",
    "<p ",
    "<ul",
    "<ol",
    "<li>",
    "<dl",
    "<dt>",
    "<dd>",
    "<figure",
    "<table",
    "<thead",
    "<tbody",
    "<tr>",
    "<progress",
    "</main>",
    "</body>",
];

/// Puts each tag of [`LINE_STARTS`] at the start of a line. Data never
/// contains a raw `<` here (maud escapes it), so only markup is touched.
fn with_line_breaks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest[1.min(rest.len())..].find('<').map(|i| i + 1) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if LINE_STARTS.iter().any(|tag| rest.starts_with(tag)) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str(rest);
    out
}

fn header(report: &Report) -> Markup {
    let c = &report.counts;
    let d = &report.diagnostics;
    html! {
        header.top {
            h1 { (visible_line(&report.title)) }
            dl.meta {
                dt { "Claims file" } dd { code { (visible_line(&report.file)) } }
                @if let Some(time) = &report.generated {
                    dt { "Generated" } dd { (visible_line(time)) }
                }
                @if report.filter.active {
                    dt { "Filter" }
                    dd {
                        code { (visible_line(&report.filter.description)) }
                        " (" (c.claims) " of " (c.claims_total) " claims)"
                    }
                }
                @if d.errors + d.warnings > 0 {
                    dt { "Checks" }
                    dd { (d.errors) " error(s), " (d.warnings) " warning(s); run " code { "crux check" } " for details" }
                }
            }
            ul.counts {
                li { strong { (c.claims) } " claims" }
                li { strong { (c.topics) } " topics" }
                li { strong { (c.sources) } " sources" }
            }
            ul.counts.headline aria-label="Links by kind" {
                @for item in &report.headline {
                    @let figure = html! { strong { (item.count) } " " (item.what) };
                    @if item.contradiction { li.contradiction { (figure) } } @else { li { (figure) } }
                }
            }
            p.kinds { (KINDS_EXPLAINED) }
            div.progress {
                p {
                    "Reviewed: " strong { (report.reviewed()) " of " (c.claims) }
                }
                progress value=(report.reviewed()) max=(c.claims.max(1)) { (report.reviewed()) " of " (c.claims) }
                ul.statuses {
                    @for p in &report.progress {
                        li { (badge(p.status)) " " (p.count) }
                    }
                }
            }
        }
    }
}

fn contents(report: &Report) -> Markup {
    let entry = |topic: &TopicEntry| {
        html! {
            li { a href=(format!("#t{}", topic_number(report, topic))) {
                span.topic-id { (visible_line(&topic.id)) } " "
                (question(topic))
            } }
        }
    };
    html! {
        nav.toc aria-label="Contents" {
            h2 { "Contents" }
            ol {
                @if !report.contradictions.is_empty() {
                    li { a href="#contradictions" { "Contradictions" } }
                }
                @if report.disputed_topics().next().is_some() {
                    li { a href="#disputed" { "Disputed topics" }
                        ol { @for t in report.disputed_topics() { (entry(t)) } } }
                }
                @if report.undisputed_topics().next().is_some() {
                    li { a href="#undisputed" { "Undisputed topics" }
                        ol { @for t in report.undisputed_topics() { (entry(t)) } } }
                }
                @if !report.timeline.entries.is_empty() {
                    li { a href="#timeline" { "Timeline" } }
                }
                li { a href="#sources" { "Sources" } }
                li { a href="#matrix" { "Source matrix" } }
                li { a href="#open" { "What remains open" } }
            }
        }
    }
}

/// Who asserts a claim, how, and about when.
pub(super) fn attribution(claim: &ClaimEntry) -> Markup {
    html! {
        p.attribution {
            span.k { "Who" } " " (visible_line(&claim.assertor))
            " · " span.k { "How" } " " (visible_line(&claim.how))
            " · " span.k { "When" } " "
            @match &claim.about {
                Some(about) => (visible_line(&about.label)),
                None => span.none { "not stated" },
            }
        }
    }
}

/// Who holds a position and which documents only report it.
fn holders(position: &Position) -> Markup {
    let ids = |ids: &[String]| visible_line(&ids.join(", ")).into_owned();
    html! {
        @if !(position.parties.is_empty() && position.documents.is_empty() && position.reported_by.is_empty()) {
            p.holders {
                @if !(position.parties.is_empty() && position.documents.is_empty()) {
                    span.k { "Held by" } " "
                    @if !position.parties.is_empty() { (ids(&position.parties)) }
                    @if !position.parties.is_empty() && !position.documents.is_empty() { "; " }
                    @if !position.documents.is_empty() {
                        (ids(&position.documents))
                        @if position.documents.len() == 1 { " in its own voice" } @else { " in their own voices" }
                    }
                    ". "
                }
                @if !position.reported_by.is_empty() {
                    span.k { "Reported by" } " " (ids(&position.reported_by)) "."
                }
            }
        }
    }
}

fn topic_number(report: &Report, topic: &TopicEntry) -> usize {
    report
        .topics
        .iter()
        .position(|t| std::ptr::eq(t, topic))
        .unwrap_or(0)
        + 1
}

pub(super) fn claim_anchor(report: &Report, id: &str) -> String {
    format!("#c{}", report.claim_number(id).map_or(0, |n| n + 1))
}

fn question(topic: &TopicEntry) -> Markup {
    html! {
        @if topic.declared { (visible_line(&topic.question)) }
        @else { em { "(topic not declared in the claims file)" } }
    }
}

fn badge(status: Status) -> Markup {
    let (mark, class) = match status {
        Status::Confirmed => ("✓", "badge confirmed"),
        Status::Disputed => ("!", "badge disputed"),
        Status::Rejected => ("✗", "badge rejected"),
        Status::Unreviewed => ("?", "badge unreviewed"),
    };
    html! { span class=(class) { span.mark aria-hidden="true" { (mark) } " " (status.as_str()) } }
}

fn topic_heading(topic: &TopicEntry) -> Markup {
    html! {
        h3 {
            span.topic-id { (visible_line(&topic.id)) }
            " " (question(topic))
        }
        @if let Some(note) = &topic.note { p.topic-note { (visible(note)) } }
    }
}

fn disputed_topic(report: &Report, topic: &TopicEntry) -> Markup {
    html! {
        article.topic.is-disputed id=(format!("t{}", topic_number(report, topic))) {
            (topic_heading(topic))
            div.positions {
                @for position in &topic.positions {
                    section.position {
                        h4 { "Position " (position.label) }
                        (holders(position))
                        @for id in &position.claims {
                            @if let Some(claim) = report.claim(id) { (claim_card(report, claim)) }
                        }
                    }
                }
            }
            (links(report, topic, &topic.contradictions, "Contradictions", "links contradictions"))
            (links(report, topic, &topic.corroborations, "Corroborations", "links corroborations"))
            (links(report, topic, &topic.other_relations, OTHER_RELATIONS, "links others"))
        }
    }
}

fn undisputed_topic(report: &Report, topic: &TopicEntry) -> Markup {
    html! {
        article.topic id=(format!("t{}", topic_number(report, topic))) {
            (topic_heading(topic))
            div.claims {
                @for id in &topic.claims {
                    @if let Some(claim) = report.claim(id) { (claim_card(report, claim)) }
                }
            }
            (links(report, topic, &topic.corroborations, "Corroborations", "links corroborations"))
            (links(report, topic, &topic.other_relations, OTHER_RELATIONS, "links others"))
        }
    }
}

fn claim_card(report: &Report, claim: &ClaimEntry) -> Markup {
    let anchor = claim_anchor(report, &claim.id);
    html! {
        div.claim id=(&anchor[1..]) {
            p.claim-head {
                code.claim-id { (visible_line(&claim.id)) } " " (badge(claim.status))
            }
            p.claim-text { (visible(&claim.text)) }
            (attribution(claim))
            @if let Some(note) = &claim.note { p.claim-note { "Note: " (visible(note)) } }
            @for span in &claim.spans { (passage(report, span)) }
        }
    }
}

fn passage(report: &Report, span: &SpanEntry) -> Markup {
    let source = report.source(&span.source);
    html! {
        figure.passage {
            @match (&span.passage, &span.live) {
                (Some(text), Some(live)) => blockquote cite=(live) {
                    (visible(text))
                    " " a.live href=(live) title="this passage on the live page" { "↗" }
                },
                (Some(text), None) => blockquote { (visible(text)) },
                (None, _) => blockquote.unresolved {
                    span.flag { "Quote not found in the document: " } (visible(&span.quote))
                },
            }
            figcaption {
                @if span.match_kind == SpanMatch::Normalized {
                    span.flag { "matched only after normalization · " }
                }
                @match source {
                    Some(s) => {
                        @if let Some(author) = &s.author { (visible_line(author)) ", " }
                        cite { (visible_line(s.display_name())) }
                        @if let Some(outlet) = &s.outlet { ", " (visible_line(outlet)) }
                        @if let Some(date) = &s.date { ", " (visible_line(date)) }
                        " · "
                        code.place {
                            (visible_line(&s.path))
                            @if let Some(a) = &span.anchor {
                                @if a.page.is_some() { ", " (a.cited_line()) } @else { ":" (a.start.line) }
                            }
                        }
                    },
                    None => { "unknown source " code { (visible_line(&span.source)) } },
                }
            }
        }
    }
}

fn claim_link(report: &Report, topic: &TopicEntry, id: &str) -> Markup {
    let claim = report.claim(id);
    html! {
        a.claim-ref href=(claim_anchor(report, id)) { code { (visible_line(id)) } }
        @if let Some(c) = claim {
            " ("
            @if c.topic != topic.id { "topic " (visible_line(&c.topic)) ", " }
            @else if topic.disputed { "position " (c.position) ", " }
            (c.status.as_str()) ")"
        }
    }
}

fn links(
    report: &Report,
    topic: &TopicEntry,
    indices: &[usize],
    title: &str,
    class: &str,
) -> Markup {
    html! {
        @if !indices.is_empty() {
            section class=(class) {
                h4 { (title) }
                ul {
                    @for &i in indices {
                        @let r = &report.relations[i];
                        li {
                            @if let Some(class) = r.disagreement { em.class { (class.describe()) } ": " }
                            (claim_link(report, topic, &r.from))
                            " " strong.verb { (r.kind.phrase(true)) } " "
                            (claim_link(report, topic, &r.to))
                            @if let Some(note) = &r.note { span.link-note { " — " (visible(note)) } }
                        }
                    }
                }
            }
        }
    }
}

fn sources(report: &Report) -> Markup {
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map(|s| visible_line(s).into_owned())
            .unwrap_or_default()
    };
    html! {
        section #sources {
            h2 { "Sources" }
            div.scroll {
                table {
                    thead { tr { th { "Id" } th { "Title" } th { "Author" } th { "Outlet" } th { "Date" } th { "Path" } th.num { "Claims" } } }
                    tbody {
                        @for s in &report.sources {
                            tr {
                                td { code { (visible_line(&s.id)) } }
                                td { (opt(&s.title)) }
                                td { (opt(&s.author)) }
                                td { (opt(&s.outlet)) }
                                td.date { (opt(&s.date)) }
                                td { code { (visible_line(&s.path)) } @if !s.readable { " (unreadable)" } }
                                td.num { (s.claims) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn open(report: &Report) -> Markup {
    let o = &report.open;
    let status = |id: &str| report.claim(id).map(|c| c.status);
    html! {
        section #open {
            h2 { "What remains open" }
            h3 { "Quotes not placed exactly" }
            @if o.quotes.is_empty() { p.none { "None: every quote is found verbatim in its document." } }
            @else {
            ul {
                @for q in &o.quotes {
                    li {
                        a href=(claim_anchor(report, &q.claim)) { code { (visible_line(&q.claim)) } }
                        ", source " code { (visible_line(&q.source)) }
                        " (" (q.match_kind.as_str()) "): “" (visible_line(&q.quote)) "” — "
                        (visible_line(&q.reason))
                    }
                }
            } }
            h3 { "Unreviewed contradictions" }
            @if o.unreviewed_contradictions.is_empty() { p.none { "None: both sides of every contradiction have been reviewed." } }
            @else {
            ul {
                @for &i in &o.unreviewed_contradictions {
                    @let r = &report.relations[i];
                    li {
                        a href=(claim_anchor(report, &r.from)) { code { (visible_line(&r.from)) } }
                        @if let Some(s) = status(&r.from) { " " (badge(s)) }
                        " " strong.verb { "contradicts" } " "
                        a href=(claim_anchor(report, &r.to)) { code { (visible_line(&r.to)) } }
                        @if let Some(s) = status(&r.to) { " " (badge(s)) }
                    }
                }
            } }
            h3 { "Claims with no relation" }
            @if o.unrelated_claims.is_empty() { p.none { "None: every claim is linked to another." } }
            @else {
            ul {
                @for id in &o.unrelated_claims {
                    li {
                        a href=(claim_anchor(report, id)) { code { (visible_line(id)) } }
                        @if let Some(c) = report.claim(id) { ": " (visible_line(&c.text)) }
                    }
                }
            } }
        }
    }
}
