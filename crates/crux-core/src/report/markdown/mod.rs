//! The Markdown report: GitHub-flavoured, and readable as plain text.
//!
//! Every piece of text from a document or the claims file goes through
//! [`escape`] (or [`blockquote`], which uses it line by line), so nothing in
//! the data can become markup.

mod overview;

use std::fmt::Write;

use super::model::{ClaimEntry, Position, Report, SpanEntry, SpanMatch, TopicEntry};
use crate::text::{visible, visible_line};

/// Text made inert for Markdown, on one line: control and bidi characters
/// made visible, line breaks flattened to spaces, leading blanks dropped,
/// inline markup characters backslash-escaped, and block markers at the
/// start (`#`, `-`, `+`, `=`, `1.`) escaped. Safe inside table cells.
pub fn escape(text: &str) -> String {
    let line = visible_line(text);
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    match line.chars().next() {
        Some(c @ ('#' | '-' | '+' | '=')) => {
            out.push('\\');
            out.push(c);
            rest = &line[1..];
        }
        Some('0'..='9') => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
                out.push_str(&line[..digits]);
                out.push('\\');
                rest = &line[digits..];
            }
        }
        _ => {}
    }
    for c in rest.chars() {
        if matches!(
            c,
            '\\' | '|' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '&' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text as a blockquote, each line escaped, indented by `indent`.
pub fn blockquote(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for line in visible(text).split('\n') {
        let line = escape(line);
        if line.is_empty() {
            let _ = writeln!(out, "{indent}>");
        } else {
            let _ = writeln!(out, "{indent}> {line}");
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    overview::contradictions(&mut out, report);
    let disputed: Vec<&TopicEntry> = report.disputed_topics().collect();
    let undisputed: Vec<&TopicEntry> = report.undisputed_topics().collect();
    if !disputed.is_empty() {
        out.push_str("## Disputed topics\n\n");
        for topic in disputed {
            disputed_topic(&mut out, report, topic);
        }
    }
    if !undisputed.is_empty() {
        out.push_str("## Undisputed topics\n\n");
        for topic in undisputed {
            undisputed_topic(&mut out, report, topic);
        }
    }
    overview::timeline(&mut out, report);
    sources(&mut out, report);
    overview::matrix(&mut out, report);
    open(&mut out, report);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn header(out: &mut String, report: &Report) {
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    let _ = writeln!(out, "- Claims file: {}", escape(&report.file));
    if let Some(time) = &report.generated {
        let _ = writeln!(out, "- Generated: {}", escape(time));
    }
    if report.filter.active {
        let _ = writeln!(
            out,
            "- Filter: {} ({} of {} claims)",
            escape(&report.filter.description),
            report.counts.claims,
            report.counts.claims_total
        );
    }
    let d = &report.diagnostics;
    if d.errors + d.warnings > 0 {
        let _ = writeln!(
            out,
            "- Checks: {} error(s), {} warning(s); run `crux check` for details",
            d.errors, d.warnings
        );
    }
    let c = &report.counts;
    let _ = writeln!(
        out,
        "\n| Claims | Topics | Sources |\n|---:|---:|---:|\n| {} | {} | {} |\n",
        c.claims, c.topics, c.sources
    );
    let _ = writeln!(out, "**{}.**\n", headline(report));
    let _ = writeln!(out, "{KINDS_EXPLAINED}\n");
    let by_status: Vec<String> = report
        .progress
        .iter()
        .map(|p| format!("{} {}", p.count, p.status.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "Review progress: {} of {} claims reviewed ({}).\n",
        report.reviewed(),
        c.claims,
        by_status.join(", ")
    );
}

/// The counts by kind as one sentence, e.g. `2 contradictions between
/// documents, 6 updates`.
pub(super) fn headline(report: &Report) -> String {
    let items: Vec<String> = report
        .headline
        .iter()
        .map(|item| format!("{} {}", item.count, item.what))
        .collect();
    items.join(", ")
}

/// What the headline's kinds mean, said once under it.
pub(super) const KINDS_EXPLAINED: &str = "Only a contradiction joins two claims that cannot both be true, whether documents disagree in their own voices or the parties they report dispute a document or each other. Updates, refinements, rival explanations and differences of emphasis join claims that can stand together; agreements, claims that say the same.";

/// Ids, escaped and joined by commas.
pub(super) fn list(ids: &[String]) -> String {
    let escaped: Vec<String> = ids.iter().map(|id| escape(id)).collect();
    escaped.join(", ")
}

/// Who asserts a claim, how, and about when.
pub(super) fn attribution(claim: &ClaimEntry) -> String {
    let when = claim
        .about
        .as_ref()
        .map_or("not stated".to_string(), |a| escape(&a.label));
    format!(
        "*Who:* {} · *How:* {} · *When:* {when}",
        escape(&claim.assertor),
        escape(&claim.how)
    )
}

/// Who holds a position and which documents only report it.
fn holders(position: &Position) -> String {
    let mut held = Vec::new();
    if !position.parties.is_empty() {
        held.push(list(&position.parties));
    }
    match position.documents.len() {
        0 => {}
        1 => held.push(format!("{} in its own voice", list(&position.documents))),
        _ => held.push(format!("{} in their own voices", list(&position.documents))),
    }
    let mut line = String::new();
    if !held.is_empty() {
        line += &format!("*Held by* {}.", held.join("; "));
    }
    if !position.reported_by.is_empty() {
        if !line.is_empty() {
            line.push(' ');
        }
        line += &format!("*Reported by* {}.", list(&position.reported_by));
    }
    line
}

fn topic_heading(out: &mut String, topic: &TopicEntry) {
    let question = if topic.declared {
        escape(&topic.question)
    } else {
        "(topic not declared in the claims file)".to_string()
    };
    let _ = writeln!(out, "### {}: {}\n", escape(&topic.id), question);
    if let Some(note) = &topic.note {
        let _ = writeln!(out, "{}\n", escape(note));
    }
}

fn disputed_topic(out: &mut String, report: &Report, topic: &TopicEntry) {
    topic_heading(out, topic);
    for position in &topic.positions {
        let _ = writeln!(out, "#### Position {}\n", position.label);
        let held = holders(position);
        if !held.is_empty() {
            let _ = writeln!(out, "{held}\n");
        }
        for id in &position.claims {
            if let Some(claim) = report.claim(id) {
                claim_item(out, report, claim);
            }
        }
        out.push('\n');
    }
    links(out, report, topic, &topic.contradictions, "Contradictions");
    links(out, report, topic, &topic.corroborations, "Corroborations");
    links(out, report, topic, &topic.other_relations, OTHER_RELATIONS);
}

fn undisputed_topic(out: &mut String, report: &Report, topic: &TopicEntry) {
    topic_heading(out, topic);
    for id in &topic.claims {
        if let Some(claim) = report.claim(id) {
            claim_item(out, report, claim);
        }
    }
    out.push('\n');
    links(out, report, topic, &topic.corroborations, "Corroborations");
    links(out, report, topic, &topic.other_relations, OTHER_RELATIONS);
}

fn claim_item(out: &mut String, report: &Report, claim: &ClaimEntry) {
    let _ = writeln!(
        out,
        "- **{}** ({}): {}",
        escape(&claim.id),
        claim.status.as_str(),
        escape(&claim.text)
    );
    let _ = writeln!(out, "  {}", attribution(claim));
    if let Some(note) = &claim.note {
        let _ = writeln!(out, "  *Note:* {}", escape(note));
    }
    for (n, span) in claim.spans.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        passage(out, report, span);
    }
}

fn passage(out: &mut String, report: &Report, span: &SpanEntry) {
    match (&span.passage, span.match_kind) {
        (Some(text), kind) => {
            out.push_str(&blockquote(text, "  "));
            if kind == SpanMatch::Normalized {
                out.push_str("  >\n  > (matched only after normalization)\n");
            }
        }
        (None, _) => {
            let _ = writeln!(
                out,
                "  > (quote not found in the document) {}",
                escape(&span.quote)
            );
        }
    }
    let _ = writeln!(out, "  >\n  > — {}", citation(report, span));
}

/// Who says it and where: author, title, outlet, date, `path:line`.
fn citation(report: &Report, span: &SpanEntry) -> String {
    let mut parts = Vec::new();
    match report.source(&span.source) {
        Some(source) => {
            if let Some(author) = &source.author {
                parts.push(escape(author));
            }
            parts.push(format!("*{}*", escape(source.display_name())));
            if let Some(outlet) = &source.outlet {
                parts.push(escape(outlet));
            }
            if let Some(date) = &source.date {
                parts.push(escape(date));
            }
            let place = match &span.anchor {
                Some(a) if a.page.is_some() => format!("{}, {}", source.path, a.cited_line()),
                Some(a) => format!("{}:{}", source.path, a.start.line),
                None => source.path.clone(),
            };
            parts.push(escape(&place));
        }
        None => parts.push(format!("unknown source {}", escape(&span.source))),
    }
    parts.join(", ")
}

fn claim_ref(report: &Report, topic: &TopicEntry, id: &str) -> String {
    match report.claim(id) {
        Some(c) if c.topic == topic.id && !topic.disputed => {
            format!("**{}** ({})", escape(id), c.status.as_str())
        }
        Some(c) if c.topic == topic.id => format!(
            "**{}** (position {}, {})",
            escape(id),
            c.position,
            c.status.as_str()
        ),
        Some(c) => format!(
            "**{}** (topic {}, {})",
            escape(id),
            escape(&c.topic),
            c.status.as_str()
        ),
        None => format!("**{}**", escape(id)),
    }
}

/// The heading of links that are neither agreements nor contradictions.
pub(super) const OTHER_RELATIONS: &str = "Other relations (not contradictions)";

fn links(out: &mut String, report: &Report, topic: &TopicEntry, indices: &[usize], title: &str) {
    if indices.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}**\n");
    for &i in indices {
        let r = &report.relations[i];
        let verb = r.kind.phrase(true);
        let class = r
            .disagreement
            .map(|d| format!("*{}*: ", d.describe()))
            .unwrap_or_default();
        let _ = write!(
            out,
            "- {class}{} {verb} {}",
            claim_ref(report, topic, &r.from),
            claim_ref(report, topic, &r.to)
        );
        if let Some(note) = &r.note {
            let _ = write!(out, ": {}", escape(note));
        }
        out.push('\n');
    }
    out.push('\n');
}

pub(super) fn table_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn sources(out: &mut String, report: &Report) {
    out.push_str("## Sources\n\n");
    out.push_str("| Id | Title | Author | Outlet | Date | Path | Claims |\n");
    out.push_str("|---|---|---|---|---|---|---:|\n");
    let opt = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
    for s in &report.sources {
        let path = if s.readable {
            escape(&s.path)
        } else {
            format!("{} (unreadable)", escape(&s.path))
        };
        out.push_str(&table_row(&[
            escape(&s.id),
            opt(&s.title),
            opt(&s.author),
            opt(&s.outlet),
            opt(&s.date),
            path,
            s.claims.to_string(),
        ]));
    }
    out.push('\n');
}

fn open(out: &mut String, report: &Report) {
    let o = &report.open;
    out.push_str("## What remains open\n\n");
    out.push_str("### Quotes not placed exactly\n\n");
    if o.quotes.is_empty() {
        out.push_str("None: every quote is found verbatim in its document.\n");
    }
    for q in &o.quotes {
        let _ = writeln!(
            out,
            "- **{}**, source {} ({}): “{}” — {}",
            escape(&q.claim),
            escape(&q.source),
            q.match_kind.as_str(),
            escape(&q.quote),
            escape(&q.reason)
        );
    }
    out.push_str("\n### Unreviewed contradictions\n\n");
    if o.unreviewed_contradictions.is_empty() {
        out.push_str("None: both sides of every contradiction have been reviewed.\n");
    }
    for &i in &o.unreviewed_contradictions {
        let r = &report.relations[i];
        let status = |id: &str| report.claim(id).map_or("", |c| c.status.as_str());
        let _ = writeln!(
            out,
            "- **{}** ({}) contradicts **{}** ({})",
            escape(&r.from),
            status(&r.from),
            escape(&r.to),
            status(&r.to)
        );
    }
    out.push_str("\n### Claims with no relation\n\n");
    if o.unrelated_claims.is_empty() {
        out.push_str("None: every claim is linked to another.\n");
    }
    for id in &o.unrelated_claims {
        let text = report.claim(id).map_or(String::new(), |c| escape(&c.text));
        let _ = writeln!(out, "- **{}**: {text}", escape(id));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(escape("a*b*_c_"), r"a\*b\*\_c\_");
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            r"\[x\](javascript:alert(1))"
        );
        assert_eq!(escape("a | b"), r"a \| b");
        assert_eq!(escape("`code` \\"), r"\`code\` \\");
        assert_eq!(escape("<script>"), r"\<script\>");
        assert_eq!(escape("&#x202E;"), r"\&#x202E;");
        assert_eq!(escape("~~gone~~"), r"\~\~gone\~\~");
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        assert_eq!(escape("# title"), r"\# title");
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("+ item"), r"\+ item");
        assert_eq!(escape("=== "), r"\=== ");
        assert_eq!(escape("12. item"), r"12\. item");
        assert_eq!(escape("3) item"), r"3\) item");
        assert_eq!(escape("> quoted"), r"\> quoted");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("a # b - c 1. d"), "a # b - c 1. d");
        assert_eq!(escape("2026 was"), "2026 was");
    }

    #[test]
    fn controls_are_made_visible_and_lines_flattened() {
        assert_eq!(escape("a\u{1b}[31mb"), r"a␛\[31mb");
        assert_eq!(escape("x\u{202e}y"), r"x\\u{202e}y");
        assert_eq!(escape("one\ntwo\r\nthree"), "one two three");
    }

    #[test]
    fn blockquotes_escape_each_line() {
        assert_eq!(blockquote("# a\n\n- b", ""), "> \\# a\n>\n> \\- b\n");
    }
}
