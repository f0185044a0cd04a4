//! crux's diagnostics as the protocol's: the same range, severity and code
//! as `crux check`, the message followed by its notes and help (where the
//! did-you-mean is), and the passage a quote may belong to as related
//! information in its document.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use super::position::{Positions, line_starts};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::model::{Dataset, Source};
use crate::text::visible_line;

/// The line starts of the source documents diagnostics point into, kept
/// from one publish to the next while a document is the one read before
/// (the loads share it): a large project's documents are not all scanned
/// again on each change.
#[derive(Default)]
pub struct DocumentLines {
    by_path: HashMap<String, (Arc<Document>, Vec<usize>)>,
}

/// What the diagnostics of an earlier analysis of the same file were
/// converted to, when the documents they point into are still the ones
/// read then.
pub struct Earlier<'e> {
    pub diagnostics: &'e [Diagnostic],
    pub converted: &'e [lsp_types::Diagnostic],
}

/// How far ahead in the earlier diagnostics one is looked for, past the
/// ones a change added or removed.
const LOOKAHEAD: usize = 8;

pub fn to_lsp(
    dataset: &Dataset,
    positions: &Positions<'_>,
    lines: &mut DocumentLines,
    earlier: Option<Earlier<'_>>,
) -> Vec<lsp_types::Diagnostic> {
    let mut related = Related::new(dataset, std::mem::take(&mut lines.by_path));
    let mut next = 0;
    let converted = dataset
        .diagnostics
        .iter()
        .map(|d| {
            let kept = earlier.as_ref().and_then(|e| {
                let ahead = e.diagnostics.len().min(next + LOOKAHEAD);
                let found = (next..ahead).find(|&i| same_but_place(&e.diagnostics[i], d))?;
                next = found + 1;
                Some(&e.converted[found])
            });
            match kept {
                Some(kept) => lsp_types::Diagnostic {
                    range: range(positions, d),
                    ..kept.clone()
                },
                None => convert(positions, &mut related, d),
            }
        })
        .collect();
    // The documents of the diagnostics kept are not looked at: theirs
    // are the line starts kept for next time.
    if earlier.is_some() {
        related.used.extend(related.kept.drain());
    }
    lines.by_path = related.used;
    converted
}

/// Whether two diagnostics say the same, wherever they are.
fn same_but_place(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.code == b.code
        && a.message == b.message
        && a.label == b.label
        && a.help == b.help
        && a.notes == b.notes
        && a.suggestion == b.suggestion
}

fn range(positions: &Positions<'_>, d: &Diagnostic) -> lsp_types::Range {
    match &d.span {
        Some(span) => positions.range(span),
        None => lsp_types::Range::default(),
    }
}

pub fn one(dataset: &Dataset, positions: &Positions<'_>, d: &Diagnostic) -> lsp_types::Diagnostic {
    convert(positions, &mut Related::new(dataset, HashMap::new()), d)
}

fn convert(
    positions: &Positions<'_>,
    related: &mut Related<'_>,
    d: &Diagnostic,
) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: range(positions, d),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.id().to_string())),
        source: Some("crux".to_string()),
        message: message(d),
        related_information: related.passages(d),
        ..lsp_types::Diagnostic::default()
    }
}

/// The source documents of one publish, looked up by the path a passage
/// names, and their line starts: those kept from before, those used now.
struct Related<'d> {
    dataset: &'d Dataset,
    by_path: Option<HashMap<&'d str, &'d Source>>,
    kept: HashMap<String, (Arc<Document>, Vec<usize>)>,
    used: HashMap<String, (Arc<Document>, Vec<usize>)>,
}

impl<'d> Related<'d> {
    fn new(dataset: &'d Dataset, kept: HashMap<String, (Arc<Document>, Vec<usize>)>) -> Self {
        Related {
            dataset,
            by_path: None,
            kept,
            used: HashMap::new(),
        }
    }

    /// The first source written with `path`, as a search in order finds it.
    fn source(&mut self, path: &str) -> Option<&'d Source> {
        let sources = &self.dataset.sources;
        let by_path = self.by_path.get_or_insert_with(|| {
            let mut by_path = HashMap::with_capacity(sources.len());
            for source in sources {
                by_path.entry(source.path.as_str()).or_insert(source);
            }
            by_path
        });
        by_path.get(path).copied()
    }

    /// The range of `bytes` of the document read for `path`.
    fn range(
        &mut self,
        path: &str,
        document: &Arc<Document>,
        bytes: &Range<usize>,
    ) -> lsp_types::Range {
        if !self.used.contains_key(path) {
            let lines = match self.kept.remove(path) {
                Some((kept, lines)) if Arc::ptr_eq(&kept, document) => lines,
                _ => line_starts(document.original()),
            };
            self.used
                .insert(path.to_string(), (document.clone(), lines));
        }
        let lines = &self.used[path].1;
        Positions::with_line_starts(document.original(), lines).range(bytes)
    }

    /// The passages a quote diagnostic suggests, as places in their documents.
    fn passages(&mut self, d: &Diagnostic) -> Option<Vec<DiagnosticRelatedInformation>> {
        let suggestion = d.suggestion.as_deref()?;
        let base = self.dataset.path.parent().unwrap_or(Path::new("."));
        let mut related = Vec::new();
        for passage in &suggestion.passages {
            let Some(source) = self.source(&passage.file) else {
                continue;
            };
            let (Some(document), Ok(uri)) = (&source.document, document_uri(base, &source.path))
            else {
                continue;
            };
            let quoted = passage.byte_range[0]..passage.byte_range[1];
            let in_file = document.original_range(&quoted);
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri, self.range(&source.path, document, &in_file)),
                message: format!(
                    "{}% alike: \"{}\"",
                    passage.score.percent(),
                    visible_line(&passage.text)
                ),
            });
        }
        (!related.is_empty()).then_some(related)
    }
}

/// The message, what the caret's label says, the notes and the help, one
/// per line, with control characters made visible as `crux check` shows them.
pub fn message(d: &Diagnostic) -> String {
    let mut lines = vec![visible_line(&d.message).into_owned()];
    if let Some(label) = &d.label {
        lines.push(format!("{}", visible_line(label)));
    }
    for note in &d.notes {
        lines.push(format!("note: {}", visible_line(note)));
    }
    if let Some(help) = &d.help {
        lines.push(format!("help: {}", visible_line(help)));
    }
    lines.join("\n")
}

/// The URI of a source document written as `path` in a claims file in `base`.
pub fn document_uri(base: &Path, path: &str) -> Result<Url, ()> {
    let joined = base.join(path);
    let absolute = if joined.is_absolute() {
        joined
    } else {
        std::env::current_dir().map_err(|_| ())?.join(joined)
    };
    Url::from_file_path(absolute)
}
