//! crux's diagnostics as the protocol's: the same range, severity and code
//! as `crux check`, the message followed by its notes and help (where the
//! did-you-mean is), and the passage a quote may belong to as related
//! information in its document.

use std::path::Path;

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use super::position::Positions;
use crate::diag::{Diagnostic, Severity};
use crate::model::Dataset;
use crate::text::visible_line;

pub fn to_lsp(dataset: &Dataset, positions: &Positions<'_>) -> Vec<lsp_types::Diagnostic> {
    dataset
        .diagnostics
        .iter()
        .map(|d| one(dataset, positions, d))
        .collect()
}

pub fn one(dataset: &Dataset, positions: &Positions<'_>, d: &Diagnostic) -> lsp_types::Diagnostic {
    let range = match &d.span {
        Some(span) => positions.range(span),
        None => lsp_types::Range::default(),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.id().to_string())),
        source: Some("crux".to_string()),
        message: message(d),
        related_information: passages(dataset, d),
        ..lsp_types::Diagnostic::default()
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

/// The passages a quote diagnostic suggests, as places in their documents.
fn passages(dataset: &Dataset, d: &Diagnostic) -> Option<Vec<DiagnosticRelatedInformation>> {
    let suggestion = d.suggestion.as_deref()?;
    let base = dataset.path.parent().unwrap_or(Path::new("."));
    let mut related = Vec::new();
    for passage in &suggestion.passages {
        let Some(source) = dataset.sources.iter().find(|s| s.path == passage.file) else {
            continue;
        };
        let (Some(document), Ok(uri)) = (&source.document, document_uri(base, &source.path)) else {
            continue;
        };
        let quoted = passage.byte_range[0]..passage.byte_range[1];
        let in_file = document.original_range(&quoted);
        related.push(DiagnosticRelatedInformation {
            location: Location::new(uri, Positions::new(document.original()).range(&in_file)),
            message: format!(
                "{}% alike: \"{}\"",
                passage.score.percent(),
                visible_line(&passage.text)
            ),
        });
    }
    (!related.is_empty()).then_some(related)
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
