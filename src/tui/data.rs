//! A loaded claims file and what the screens derive from it once per load:
//! the graph, claims grouped by topic, contradicting pairs, the sources'
//! display text and where every quote sits in it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use super::search::Search;
use crate::document::Document;
use crate::graph::Graph;
use crate::model::{Dataset, RelationKind};

/// Byte ranges of a source's display text, one per screen row.
pub type WrappedRows = Rc<Vec<Range<usize>>>;

/// A quote placed in its source's display text.
#[derive(Debug, Clone)]
pub struct PlacedSpan {
    pub claim: usize,
    pub span: usize,
    pub display: Range<usize>,
}

pub struct Data {
    pub dataset: Dataset,
    pub graph: Graph,
    /// Claim indices grouped by topic (topics in file order, unknown topics last).
    pub order: Vec<usize>,
    /// Indices of `contradicts` relations, grouped by the topic of their first claim.
    pub pairs: Vec<usize>,
    /// Per source: the document read, `None` when it could not be read.
    pub documents: Vec<Option<Arc<Document>>>,
    /// Per source: every resolved quote in it, by position.
    pub placed: Vec<Vec<PlacedSpan>>,
    pub search: Search,
    /// Wrapped rows of each source's display text, per (source, width),
    /// filled as the view draws them.
    pub wrapped: RefCell<HashMap<(usize, u16), WrappedRows>>,
}

impl Data {
    pub fn new(dataset: Dataset) -> Data {
        let graph = Graph::new(&dataset);
        let topic_rank = |claim: usize| {
            dataset
                .topic_index(&dataset.claims[claim].topic)
                .unwrap_or(usize::MAX)
        };
        let mut order: Vec<usize> = (0..dataset.claims.len()).collect();
        order.sort_by_key(|&c| (topic_rank(c), c));
        let mut pairs: Vec<usize> = (0..dataset.relations.len())
            .filter(|&r| dataset.relations[r].kind == RelationKind::Contradicts)
            .collect();
        pairs.sort_by_key(|&r| (topic_rank(dataset.relations[r].from), r));
        let documents: Vec<Option<Arc<Document>>> =
            dataset.sources.iter().map(|s| s.document.clone()).collect();
        let mut placed = vec![Vec::new(); dataset.sources.len()];
        for (claim_index, claim) in dataset.claims.iter().enumerate() {
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
        Data {
            dataset,
            graph,
            order,
            pairs,
            documents,
            placed,
            search,
            wrapped: RefCell::default(),
        }
    }

    /// The text shown of source `source`, empty when it could not be read.
    pub fn shown_text(&self, source: usize) -> &str {
        self.documents[source].as_deref().map_or("", Document::text)
    }

    /// The first quote of `claim` that has a place in a readable source.
    pub fn nth_placed(&self, claim: usize, nth: usize) -> Option<(usize, &PlacedSpan)> {
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

    pub fn placed_count(&self, claim: usize) -> usize {
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
    pub fn claims_citing(&self, index: usize) -> usize {
        let id = &self.dataset.sources[index].id;
        self.dataset
            .claims
            .iter()
            .filter(|c| c.spans.iter().any(|s| &s.source == id))
            .count()
    }
}
