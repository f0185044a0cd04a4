//! A loaded claims file (its graph included) and what the screens derive
//! from it once per load: claims grouped by topic, the linked pairs of
//! claims that differ, the sources' display text and where every quote sits
//! in it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use super::pair_lists::{self, Grouped, PairView};
use super::search::Search;
use super::timeline::Timeline;
use crate::document::Document;
use crate::ix::{self, ClaimIx, SourceIx, Table};
use crate::model::Dataset;

/// Byte ranges of a source's display text, one per screen row.
pub type WrappedRows = Rc<Vec<Range<usize>>>;

/// A quote placed in its source's display text.
#[derive(Debug, Clone)]
pub struct PlacedSpan {
    pub claim: ClaimIx,
    pub span: usize,
    pub display: Range<usize>,
}

pub struct Data {
    pub dataset: Dataset,
    /// Claim indices grouped by topic (topics in file order, unknown topics last).
    pub order: Vec<ClaimIx>,
    /// The `contradicts` links, grouped by who disagrees.
    pub contradictions: Grouped,
    /// The links that differ without contradicting, grouped by kind.
    pub differences: Grouped,
    /// The claims by the time they are about.
    pub timeline: Timeline,
    /// Per source: the document read, `None` when it could not be read.
    pub documents: Table<SourceIx, Option<Arc<Document>>>,
    /// Per source: every resolved quote in it, by position.
    pub placed: Table<SourceIx, Vec<PlacedSpan>>,
    pub search: Search,
    /// Wrapped rows of each source's display text, per (source, width),
    /// filled as the view draws them.
    pub wrapped: RefCell<HashMap<(SourceIx, u16), WrappedRows>>,
}

impl Data {
    pub fn new(dataset: Dataset) -> Data {
        let topic_rank = |claim: ClaimIx| {
            dataset
                .topic_index(&dataset.claims[claim].topic)
                .map_or(usize::MAX, |topic| topic.0)
        };
        let mut order: Vec<ClaimIx> = ClaimIx::all(dataset.claims.len()).collect();
        order.sort_by_key(|&c| (topic_rank(c), c));
        let contradictions = pair_lists::contradictions(&dataset, topic_rank);
        let differences = pair_lists::differences(&dataset, topic_rank);
        let documents: Table<SourceIx, Option<Arc<Document>>> =
            dataset.sources.iter().map(|s| s.document.clone()).collect();
        let mut placed = Table::filled(dataset.sources.len(), Vec::new());
        for (claim_index, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
            for (span_index, span) in claim.spans.iter().enumerate() {
                let (Some(source), Some(anchor)) =
                    (dataset.source_index(&span.source), span.anchor.as_ref())
                else {
                    continue;
                };
                if let Some(document) = &documents[source] {
                    placed[source].push(PlacedSpan {
                        claim: claim_index,
                        span: span_index,
                        display: document.display_range(&anchor.bytes),
                    });
                }
            }
        }
        for spans in &mut placed {
            spans.sort_by_key(|p| (p.display.start, p.claim));
        }
        let search = Search::new(&dataset);
        let timeline = Timeline::new(&dataset, &order);
        Data {
            dataset,
            order,
            contradictions,
            differences,
            timeline,
            documents,
            placed,
            search,
            wrapped: RefCell::default(),
        }
    }

    /// The list the Contradictions screen shows in `view`.
    pub fn pairs(&self, view: PairView) -> &Grouped {
        match view {
            PairView::Contradictions => &self.contradictions,
            PairView::Differences => &self.differences,
        }
    }

    /// The text shown of source `source`, empty when it could not be read.
    pub fn shown_text(&self, source: SourceIx) -> &str {
        self.documents[source].as_deref().map_or("", Document::text)
    }

    /// The first quote of `claim` that has a place in a readable source.
    pub fn nth_placed(&self, claim: ClaimIx, nth: usize) -> Option<(SourceIx, &PlacedSpan)> {
        let spans = &self.dataset.claims[claim].spans;
        spans
            .iter()
            .enumerate()
            .filter_map(|(i, span)| {
                let source = self.dataset.source_index(&span.source)?;
                let placed = self.placed[source]
                    .iter()
                    .find(|p| p.claim == claim && p.span == i)?;
                Some((source, placed))
            })
            .nth(nth)
    }

    pub fn placed_count(&self, claim: ClaimIx) -> usize {
        self.placed
            .iter()
            .flatten()
            .filter(|p| p.claim == claim)
            .count()
    }

    /// The claims file's name, safe to print.
    pub fn file_name(&self) -> String {
        let path = &self.dataset.path;
        let name = path.file_name().unwrap_or(path.as_os_str());
        crate::text::visible_line(&name.to_string_lossy()).into_owned()
    }

    pub fn reviewed_count(&self) -> usize {
        self.dataset
            .claims
            .iter()
            .filter(|c| c.status.is_reviewed())
            .count()
    }

    /// Number of claims quoting source `index`.
    pub fn claims_citing(&self, index: SourceIx) -> usize {
        let id = &self.dataset.sources[index].id;
        self.dataset
            .claims
            .iter()
            .filter(|c| c.spans.iter().any(|s| &s.source == id))
            .count()
    }
}
