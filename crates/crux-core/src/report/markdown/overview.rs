//! The report-wide Markdown sections: contradictions by class, the
//! timeline and the source matrix.

use std::fmt::Write;

use super::{attribution, escape, list, table_row};
use crate::report::model::{Report, TimelineEntry};

pub(super) fn contradictions(out: &mut String, report: &Report) {
    if report.contradictions.is_empty() {
        return;
    }
    out.push_str("## Contradictions\n\n");
    for group in &report.contradictions {
        let mut title = group.title.clone();
        if let Some(first) = title.get(..1) {
            title.replace_range(..1, &first.to_uppercase());
        }
        let _ = writeln!(out, "### {title} ({})\n", group.relations.len());
        for &i in &group.relations {
            let r = &report.relations[i];
            let topic = report
                .claim(&r.from)
                .map(|c| c.topic.as_str())
                .unwrap_or("");
            let _ = writeln!(
                out,
                "- **{}** contradicts **{}** (topic {})",
                escape(&r.from),
                escape(&r.to),
                escape(topic)
            );
            for id in [&r.from, &r.to] {
                if let Some(claim) = report.claim(id) {
                    let _ = writeln!(
                        out,
                        "  - **{}** ({}): {}\n    {}",
                        escape(id),
                        list(&claim.sources),
                        escape(&claim.text),
                        attribution(claim)
                    );
                }
            }
            if let Some(note) = &r.note {
                let _ = writeln!(out, "  - *Note:* {}", escape(note));
            }
        }
        out.push('\n');
    }
}

/// What the matrix counts.
pub(super) const MATRIX_LEGEND: &str = "Links between claims quoting each pair of documents, as *agree / contradict / dispute*; `·` for none. *Contradict* counts contradictions between the documents' own voices (on the diagonal, a document contradicting itself); *dispute*, contradictions with a party the documents report on at least one side (on the diagonal, a dispute the document reports, not one it takes part in).";

pub(super) fn timeline(out: &mut String, report: &Report) {
    let t = &report.timeline;
    if t.entries.is_empty() && t.undated.is_empty() {
        return;
    }
    out.push_str("## Timeline\n\n");
    out.push_str("Claims by the time they are about, among the dates the documents were published: what was known when.");
    match t.undated.len() {
        0 => {}
        1 => out.push_str(" 1 claim states no time and is not listed."),
        n => {
            let _ = write!(out, " {n} claims state no time and are not listed.");
        }
    }
    if !t.undated_sources.is_empty() {
        let _ = write!(
            out,
            " Without a publication date: {}.",
            list(&t.undated_sources)
        );
    }
    out.push_str("\n\n");
    for entry in &t.entries {
        match entry {
            TimelineEntry::About { label, claims, .. } => {
                let _ = writeln!(out, "- **{}**", escape(label));
                for id in claims {
                    let Some(claim) = report.claim(id) else {
                        continue;
                    };
                    let _ = writeln!(
                        out,
                        "  - **{}**: {} — {}; in {}",
                        escape(id),
                        escape(&claim.text),
                        escape(&claim.assertor),
                        published(report, &claim.sources)
                    );
                }
            }
            TimelineEntry::Published { date, sources } => {
                let names: Vec<String> = sources
                    .iter()
                    .map(
                        |id| match report.source(id).and_then(|s| s.title.as_deref()) {
                            Some(title) => format!("{} (*{}*)", escape(id), escape(title)),
                            None => escape(id),
                        },
                    )
                    .collect();
                let _ = writeln!(
                    out,
                    "- **{}** — published: {}",
                    escape(date),
                    names.join(", ")
                );
            }
        }
    }
    out.push('\n');
}

/// Source ids, each with its publication date when it has one.
fn published(report: &Report, ids: &[String]) -> String {
    let cited: Vec<String> = ids
        .iter()
        .map(
            |id| match report.source(id).and_then(|s| s.date.as_deref()) {
                Some(date) => format!("{} ({})", escape(id), escape(date)),
                None => escape(id),
            },
        )
        .collect();
    cited.join(", ")
}

pub(super) fn matrix(out: &mut String, report: &Report) {
    let m = &report.matrix;
    out.push_str("## Source matrix\n\n");
    if m.sources.is_empty() {
        out.push_str("No claims quote a document.\n\n");
        return;
    }
    let _ = writeln!(out, "{MATRIX_LEGEND}\n");
    let mut head = vec![String::new()];
    head.extend(m.sources.iter().map(|s| escape(s)));
    out.push_str(&table_row(&head));
    let mut rule = vec!["---".to_string()];
    rule.extend(m.sources.iter().map(|_| "---:".to_string()));
    out.push_str(&table_row(&rule));
    for (i, id) in m.sources.iter().enumerate() {
        let mut row = vec![format!("**{}**", escape(id))];
        for j in 0..m.sources.len() {
            let (a, c, d) = (
                m.agrees.get(i, j),
                m.contradicts.get(i, j),
                m.disputes.get(i, j),
            );
            row.push(if a + c + d == 0 {
                "·".to_string()
            } else {
                format!("{a} / {c} / {d}")
            });
        }
        out.push_str(&table_row(&row));
    }
    out.push('\n');
}
