//! One load of a claims buffer, with what the features ask of it: the
//! dataset as `crux check` sees it and where each id is written.

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::index::Index;
use super::position::{Positions, line_starts};
use crate::diag::Code;
use crate::load::cache::{AnchorCache, Reuse};
use crate::model::Dataset;

pub struct Analysis {
    pub dataset: Dataset,
    /// Made when a request first needs it: not on the way to diagnostics.
    index: OnceLock<Index>,
    /// Where each line of the dataset's text starts, for [`Analysis::positions`].
    line_starts: Vec<usize>,
    /// How much of the load was done anew, and how long it took.
    pub reuse: Reuse,
    pub took: Duration,
}

impl Analysis {
    /// Loads `text` as the claims file at `path`, through `cache`.
    pub fn new(path: &Path, text: &str, cache: &mut AnchorCache) -> Analysis {
        let started = Instant::now();
        let dataset = crate::load::load_str_cached(path, text, cache);
        let line_starts = line_starts(&dataset.text);
        Analysis {
            dataset,
            index: OnceLock::new(),
            line_starts,
            reuse: cache.last,
            took: started.elapsed(),
        }
    }

    /// Where each id is written.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.dataset))
    }

    /// Byte offsets in the analysed text as protocol positions and back.
    pub fn positions(&self) -> Positions<'_> {
        Positions::with_line_starts(&self.dataset.text, &self.line_starts)
    }

    /// Whether the buffer is a claims file: named `claims.toml`, or
    /// declaring sources, topics or claims. An editor that hands the server
    /// every TOML file (VS Code's generic clients do) gets nothing said
    /// about its Cargo.toml.
    pub fn is_claims_file(&self) -> bool {
        let d = &self.dataset;
        d.path.file_name().is_some_and(|n| n == "claims.toml")
            || !(d.sources.is_empty() && d.topics.is_empty() && d.claims.is_empty())
    }

    pub fn has_syntax_errors(&self) -> bool {
        self.dataset
            .diagnostics
            .iter()
            .any(|d| d.code == Code::TomlSyntax)
    }

    /// A line for the editor's log.
    pub fn summary(&self) -> String {
        let d = &self.dataset;
        format!(
            "crux: {} claims, {} error(s), {} warning(s); {} document(s) read, {} quote(s) placed, {} kept; analysed in {} ms",
            d.claims.len(),
            d.error_count(),
            d.warning_count(),
            self.reuse.documents_read,
            self.reuse.quotes_placed,
            self.reuse.quotes_reused,
            self.took.as_millis()
        )
    }
}
