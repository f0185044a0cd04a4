//! One load of a claims buffer, with what the features ask of it: the
//! dataset as `crux check` sees it and where each id is written.

use std::path::Path;
use std::time::{Duration, Instant};

use super::index::Index;
use crate::diag::Code;
use crate::load::cache::{AnchorCache, Reuse};
use crate::model::Dataset;

pub struct Analysis {
    pub dataset: Dataset,
    pub index: Index,
    /// How much of the load was done anew, and how long it took.
    pub reuse: Reuse,
    pub took: Duration,
}

impl Analysis {
    /// Loads `text` as the claims file at `path`, through `cache`.
    pub fn new(path: &Path, text: &str, cache: &mut AnchorCache) -> Analysis {
        let started = Instant::now();
        let dataset = crate::load::load_str_cached(path, text, cache);
        let index = Index::new(&dataset);
        Analysis {
            dataset,
            index,
            reuse: cache.last,
            took: started.elapsed(),
        }
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
            "crux: {} claims, {} error(s), {} warning(s); {} document(s) read, {} quote(s) placed, {} kept; {} ms",
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
