//! The one renderer for diagnostics: rustc-style text, or JSON lines.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};
use crate::text::{LineCol, LineIndex, visible_line};

/// rustc-style text for one diagnostic about the claims file `path` with `text`.
pub fn render_human(
    diagnostic: &Diagnostic,
    path: &str,
    text: &str,
    lines: &LineIndex,
    color: bool,
) -> String {
    let level = match diagnostic.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = visible_line(&diagnostic.message);
    let mut title = level.primary_title(message).id(diagnostic.code.id());
    let mut group: Group;
    match &diagnostic.span {
        Some(span) => {
            let (excerpt, line_start, local) = excerpt(text, lines, span);
            let mut annotation = AnnotationKind::Primary.span(local);
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(visible_line(label).into_owned());
            }
            title = title.id(diagnostic.code.id());
            group = title.element(
                Snippet::source(excerpt)
                    .line_start(line_start)
                    .path(path.to_string())
                    .annotation(annotation),
            );
        }
        None => {
            group = Group::with_title(title);
            group = group.element(Level::NOTE.message(format!("in {path}")));
        }
    }
    for note in &diagnostic.notes {
        group = group.element(Level::NOTE.message(visible_line(note).into_owned()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(visible_line(help).into_owned()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The lines of `text` that `span` touches, made visible, with the span
/// re-expressed in the excerpt's bytes.
fn excerpt(text: &str, lines: &LineIndex, span: &Range<usize>) -> (String, usize, Range<usize>) {
    let first = lines.line_of(span.start.min(text.len()));
    let last = lines.line_of(span.end.max(span.start).min(text.len()));
    let start = lines.line_range(text, first).start;
    let end = lines.line_range(text, last).end;
    let mut out = String::new();
    let mut local = 0..0;
    let mut byte = start;
    for c in text[start..end].chars() {
        if byte == span.start {
            local.start = out.len();
        }
        if byte == span.end {
            local.end = out.len();
        }
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if text[byte + 1..].starts_with('\n') => {}
            c => out.push_str(&visible_line(c.encode_utf8(&mut [0; 4]))),
        }
        byte += c.len_utf8();
    }
    if span.end >= end {
        local.end = out.len();
    }
    if span.start >= end {
        local.start = out.len();
    }
    local.end = local.end.max(local.start);
    (out, first + 1, local)
}

/// The machine-readable shape of a diagnostic, one JSON object per line.
#[derive(Debug, serde::Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub message: &'a str,
    pub file: &'a str,
    pub start: Option<LineCol>,
    pub end: Option<LineCol>,
    pub byte_range: Option<[usize; 2]>,
    pub label: Option<&'a str>,
    pub help: Option<&'a str>,
    pub notes: &'a [String],
    pub claim: Option<&'a str>,
    /// For a quote: where in its document it may belong.
    pub suggestion: Option<&'a super::Suggestion>,
}

pub fn render_json_line(
    diagnostic: &Diagnostic,
    path: &str,
    text: &str,
    lines: &LineIndex,
) -> String {
    let span = diagnostic.span.as_ref();
    let json = JsonDiagnostic {
        severity: diagnostic.severity(),
        code: diagnostic.code.id(),
        message: &diagnostic.message,
        file: path,
        start: span.map(|s| lines.line_col(text, s.start)),
        end: span.map(|s| lines.line_col(text, s.end)),
        byte_range: span.map(|s| [s.start, s.end]),
        label: diagnostic.label.as_deref(),
        help: diagnostic.help.as_deref(),
        notes: &diagnostic.notes,
        claim: diagnostic.claim.as_deref(),
        suggestion: diagnostic.suggestion.as_deref(),
    };
    crate::text::json_for_terminal(serde_json::to_string(&json).expect("diagnostics serialize"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn human_output_points_at_the_value_with_file_line_col_and_help() {
        let text = "[claims.a]\ntopic = \"nope\"\n";
        let lines = LineIndex::new(text);
        let start = text.find("\"nope\"").unwrap();
        let d = Diagnostic::new(Code::UnknownTopic, "unknown topic `nope`")
            .at(start..start + 6)
            .label("no such topic")
            .help("did you mean `drone-count`?");
        let out = render_human(&d, "claims.toml", text, &lines, false);
        assert!(
            out.starts_with("error[E0006]: unknown topic `nope`"),
            "{out}"
        );
        assert!(out.contains("--> claims.toml:2:9"), "{out}");
        assert!(out.contains("2 | topic = \"nope\""), "{out}");
        assert!(out.contains("^^^^^^ no such topic"), "{out}");
        assert!(out.contains("= help: did you mean `drone-count`?"), "{out}");
    }

    #[test]
    fn control_characters_in_the_file_are_shown_not_sent() {
        let text = "title = \"x\u{202e}y\"\n";
        let lines = LineIndex::new(text);
        let d = Diagnostic::new(Code::WrongType, "bad\u{1b}[2J").at(8..text.len() - 1);
        let out = render_human(&d, "claims.toml", text, &lines, false);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        assert!(
            out.contains("bad␛[2J") && out.contains("\\u{202e}"),
            "{out}"
        );
    }

    #[test]
    fn json_line_carries_code_location_and_claim() {
        let text = "a\nbcd\n";
        let lines = LineIndex::new(text);
        let d = Diagnostic::new(Code::QuoteNotFound, "m")
            .at(3..4)
            .claim("c1");
        let line = render_json_line(&d, "claims.toml", text, &lines);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["code"], "E0014");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["start"]["line"], 2);
        assert_eq!(v["start"]["col"], 2);
        assert_eq!(v["claim"], "c1");
    }
}
