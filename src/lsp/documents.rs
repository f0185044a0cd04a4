//! The claims files the editor has open: their unsaved text, as the
//! editor's changes leave it, and the analysis of that text.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::analysis::Analysis;
use super::diagnostics::{self, DocumentLines, Earlier};
use super::position::Positions;
use super::published::Published;
use crate::load::cache::AnchorCache;

/// From this many claims an analysis is freed on a thread of its own.
const DROP_ASIDE_CLAIMS: usize = 1000;

pub struct Document {
    /// Where the claims file is (its documents are looked up next to it).
    pub path: PathBuf,
    pub text: String,
    pub version: i32,
    /// The analysis of `text`, once made.
    pub analysis: Option<Arc<Analysis>>,
    /// The last analysis of this document without syntax errors: its ids
    /// still complete while a half-typed value breaks the file.
    pub last_parsed: Option<Arc<Analysis>>,
    /// When `text` changed since it was last analysed.
    pub changed: Option<Instant>,
    /// The documents and quotes of earlier analyses.
    pub cache: AnchorCache,
    /// The diagnostics last sent to the editor.
    pub published: Published,
    /// The line starts of the source documents those point into.
    pub document_lines: DocumentLines,
    /// The last analysis whose diagnostics were converted, and what to.
    converted: Option<(Arc<Analysis>, Arc<Vec<lsp_types::Diagnostic>>)>,
}

impl Document {
    pub fn new(path: PathBuf, text: String, version: i32) -> Self {
        Document {
            path,
            text,
            version,
            analysis: None,
            last_parsed: None,
            changed: Some(Instant::now()),
            cache: AnchorCache::new(),
            published: Published::default(),
            document_lines: DocumentLines::default(),
            converted: None,
        }
    }

    /// The analysis of the text as it is now, made if it is not yet.
    pub fn analyse(&mut self) -> Arc<Analysis> {
        match &self.analysis {
            Some(analysis) if self.changed.is_none() => analysis.clone(),
            _ => {
                let analysis = Analysis::new(&self.path, &self.text, &mut self.cache);
                self.analysed(analysis)
            }
        }
    }

    /// Applies the editor's changes in order; a change without a range
    /// replaces the whole text.
    pub fn change(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            self.published.edited(&change);
            match change.range {
                Some(range) => {
                    let positions = Positions::new(&self.text);
                    let start = positions.byte(range.start);
                    let end = positions.byte(range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
        self.changed.get_or_insert_with(Instant::now);
    }

    fn analysed(&mut self, analysis: Analysis) -> Arc<Analysis> {
        let analysis = Arc::new(analysis);
        if !analysis.has_syntax_errors() {
            self.last_parsed = Some(analysis.clone());
        }
        self.analysis = Some(analysis.clone());
        self.changed = None;
        analysis
    }

    /// The protocol's diagnostics of `analysis`, the latest: those that
    /// say what the analysis before said are copied from its, when the
    /// documents they point into are still the ones read then.
    pub fn diagnostics(&mut self, analysis: &Arc<Analysis>) -> Arc<Vec<lsp_types::Diagnostic>> {
        let earlier = self
            .converted
            .as_ref()
            .filter(|_| analysis.reuse.documents_read == 0)
            .map(|(before, converted)| Earlier {
                diagnostics: &before.dataset.diagnostics,
                converted,
            });
        let converted = Arc::new(diagnostics::to_lsp(
            &analysis.dataset,
            &analysis.positions(),
            &mut self.document_lines,
            earlier,
        ));
        let replaced = self
            .converted
            .replace((analysis.clone(), converted.clone()));
        // Freeing a large file's analysis takes as long as a few keystrokes
        // do; it is done beside the next analysis rather than before these
        // diagnostics are sent.
        if let Some((before, _)) = replaced
            && before.dataset.claims.len() >= DROP_ASIDE_CLAIMS
        {
            std::thread::spawn(move || drop(before));
        }
        converted
    }
}

#[derive(Default)]
pub struct Documents {
    pub open: HashMap<Url, Document>,
}

impl Documents {
    /// The document whose analysis is due first, with when it is due.
    pub fn next_due(&self, debounce: std::time::Duration) -> Option<Instant> {
        self.open
            .values()
            .filter_map(|d| d.changed)
            .min()
            .map(|at| at + debounce)
    }
}
