//! Diagnostics: what is wrong in a claims file, where, and how to fix it.

mod codes;
mod render;
pub mod suggest;
mod suggestion;

use std::ops::Range;

pub use codes::Code;
pub use render::{JsonDiagnostic, render_human, render_json_line};
pub use suggestion::{Passage, Score, Suggestion, SuggestionKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Byte range in the claims file of the value at fault.
    pub span: Option<Range<usize>>,
    /// Short text shown under the caret.
    pub label: Option<String>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// The claim this is about, so a viewer can jump to it.
    pub claim: Option<String>,
    /// For a quote: where in its document it may belong.
    pub suggestion: Option<Box<Suggestion>>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span: None,
            label: None,
            help: None,
            notes: Vec::new(),
            claim: None,
            suggestion: None,
        }
    }
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    pub fn claim(mut self, id: impl Into<String>) -> Self {
        self.claim = Some(id.into());
        self
    }
    pub fn suggest(mut self, suggestion: Suggestion) -> Self {
        self.suggestion = Some(Box::new(suggestion));
        self
    }
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}
