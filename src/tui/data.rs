//! A loaded claims file (its graph included) and what the screens derive
//! from it once per load: claims grouped by topic, the linked pairs of
//! claims that differ, and, as each document is read, its display text and
//! where every quote sits in it.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::pair_lists::{self, Grouped, PairView};
use super::search::Search;
use super::timeline::Timeline;
use crate::beside::{CLAIMS_PER_THREAD, beside};
use crate::document::Document;
use crate::ix::{self, ClaimIx, SourceIx, Table};
use crate::load::Anchored;
use crate::load::cache::AnchorCache;
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
    pub search: Search,
    /// The documents being read and anchored, while some are not yet.
    pub anchoring: Option<Anchoring>,
    /// Whether the dataset holds only the claims file's first claims while
    /// the rest is read (see [`crate::load::begin`]): nothing is anchored
    /// or checked, and nothing may be written, until it is.
    pub first_claims_only: bool,
    /// The documents read for this dataset, kept for the next one (a
    /// reload after a write or an outside change) to reuse.
    pub cache: AnchorCache,
    /// Per source: the (claim, span) of every quote in it.
    quotes: Table<SourceIx, Vec<(ClaimIx, usize)>>,
    /// Per source: every anchored quote in it, by position in its text
    /// shown, found when first drawn.
    placed: Table<SourceIx, OnceCell<Vec<PlacedSpan>>>,
    /// Wrapped rows of each source's display text, per (source, width),
    /// filled as the view draws them.
    pub wrapped: RefCell<HashMap<(SourceIx, u16), WrappedRows>>,
}

/// How far reading and anchoring the documents has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchoring {
    /// Documents read and anchored.
    pub done: usize,
    /// Documents to read.
    pub total: usize,
    /// Why it stopped before the end: what is anchored stays.
    pub failed: Option<String>,
    /// Per source: not read yet.
    pending: Table<SourceIx, bool>,
}

impl Anchoring {
    /// "anchoring 412/1,000 documents", or that it stopped there.
    pub fn describe(&self) -> String {
        let (done, total) = (thousands(self.done), thousands(self.total));
        match &self.failed {
            None => format!("anchoring {done}/{total} documents"),
            Some(_) => format!("anchoring stopped at {done}/{total} documents (r reloads)"),
        }
    }
}

/// `n` with a comma between each group of three digits.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl Data {
    /// The screens' data for a dataset loaded whole.
    pub fn new(dataset: Dataset) -> Data {
        let topic_rank = |claim: ClaimIx| {
            dataset
                .topic_index(&dataset.claims[claim].topic)
                .map_or(usize::MAX, |topic| topic.0)
        };
        let mut order: Vec<ClaimIx> = ClaimIx::all(dataset.claims.len()).collect();
        order.sort_by_key(|&c| (topic_rank(c), c));
        let pairs = || {
            (
                pair_lists::contradictions(&dataset, topic_rank),
                pair_lists::differences(&dataset, topic_rank),
            )
        };
        let rest = || {
            (
                Search::new(&dataset, &order),
                Timeline::new(&dataset, &order),
            )
        };
        // The pairs on the second core while this one makes the rest: the
        // first frame waits for all of it, and anchoring has not started.
        let ((contradictions, differences), (search, timeline)) =
            if dataset.claims.len() < CLAIMS_PER_THREAD {
                (pairs(), rest())
            } else {
                std::thread::scope(|scope| {
                    let pairs = beside(scope, pairs);
                    let rest = rest();
                    (pairs.join(), rest)
                })
            };
        let mut quotes = Table::filled(dataset.sources.len(), Vec::new());
        for (claim_index, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
            for (span_index, span) in claim.spans.iter().enumerate() {
                if let Some(source) = dataset.source_index(&span.source) {
                    quotes[source].push((claim_index, span_index));
                }
            }
        }
        let sources = dataset.sources.len();
        Data {
            dataset,
            order,
            contradictions,
            differences,
            timeline,
            search,
            anchoring: None,
            first_claims_only: false,
            cache: AnchorCache::new(),
            quotes,
            placed: (0..sources).map(|_| OnceCell::new()).collect(),
            wrapped: RefCell::default(),
        }
    }

    /// The screens' data for a dataset whose documents are still to be
    /// read: each source with a document is pending until
    /// [`fill_in`](Data::fill_in) brings it.
    pub fn anchoring(dataset: Dataset) -> Data {
        let pending: Table<SourceIx, bool> =
            dataset.sources.iter().map(|s| s.has_document()).collect();
        let total = pending.iter().filter(|&&p| p).count();
        let mut data = Data::new(dataset);
        if total > 0 {
            data.anchoring = Some(Anchoring {
                done: 0,
                total,
                failed: None,
                pending,
            });
        }
        data
    }

    /// The screens' data for the first claims of a claims file whose rest
    /// is still being read: their documents are pending, as for
    /// [`anchoring`](Data::anchoring), until the whole file replaces them.
    pub fn first_claims(first: Dataset) -> Data {
        let mut data = Data::anchoring(first);
        data.first_claims_only = true;
        data
    }

    /// Documents read and anchored, put in place: their quotes, texts and
    /// diagnostics, in the order every front end shows them.
    pub fn fill_in(&mut self, documents: Vec<Anchored>) {
        if documents.is_empty() {
            return;
        }
        for document in documents {
            let source = document.source();
            if source.0 >= self.placed.len() {
                continue;
            }
            document.fill_in(&mut self.dataset, &mut self.cache);
            self.placed[source] = OnceCell::new();
            self.wrapped.borrow_mut().retain(|&(s, _), _| s != source);
            if let Some(anchoring) = &mut self.anchoring
                && std::mem::take(&mut anchoring.pending[source])
            {
                anchoring.done += 1;
            }
        }
        crate::load::sort_diagnostics(&mut self.dataset);
        if self
            .anchoring
            .as_ref()
            .is_some_and(|a| a.done >= a.total && a.failed.is_none())
        {
            self.anchoring = None;
        }
    }

    /// Anchoring stopped before the end, for `why`.
    pub fn anchoring_failed(&mut self, why: String) {
        if let Some(anchoring) = &mut self.anchoring {
            anchoring.failed = Some(why);
        }
    }

    /// Whether source `index`'s document is still to be read.
    pub fn is_pending(&self, source: SourceIx) -> bool {
        self.anchoring
            .as_ref()
            .is_some_and(|a| a.pending.get(source).copied().unwrap_or(false))
    }

    /// Whether a document claim `claim` quotes is still to be read.
    pub fn claim_pending(&self, claim: ClaimIx) -> bool {
        self.anchoring.is_some()
            && self.dataset.claims[claim]
                .spans
                .iter()
                .filter_map(|span| self.dataset.source_index(&span.source))
                .any(|source| self.is_pending(source))
    }

    /// What is still being read, for a pane that would show it: `(not read
    /// yet: anchoring 412/1,000 documents)`.
    pub fn not_read_yet(&self) -> String {
        match &self.anchoring {
            _ if self.first_claims_only => "(not read yet: reading the claims first)".to_string(),
            Some(anchoring) => format!("(not read yet: {})", anchoring.describe()),
            None => "(not read yet)".to_string(),
        }
    }

    /// Source `source`'s document; `None` when it is not read (yet) or
    /// could not be.
    pub fn document(&self, source: SourceIx) -> Option<&Document> {
        self.dataset.sources[source].document.as_deref()
    }

    /// The text shown of source `source`, empty when it is not read.
    pub fn shown_text(&self, source: SourceIx) -> &str {
        self.document(source).map_or("", Document::text)
    }

    /// Every anchored quote in source `index`, by position.
    pub fn placed(&self, source: SourceIx) -> &[PlacedSpan] {
        self.placed[source].get_or_init(|| {
            let Some(document) = self.document(source) else {
                return Vec::new();
            };
            let claims = &self.dataset.claims;
            let mut placed: Vec<PlacedSpan> = self.quotes[source]
                .iter()
                .filter_map(|&(claim, span)| {
                    let anchor = claims[claim].spans[span].anchor.as_ref()?;
                    Some(PlacedSpan {
                        claim,
                        span,
                        display: document.display_range(&anchor.bytes),
                    })
                })
                .collect();
            placed.sort_by_key(|p| (p.display.start, p.claim));
            placed
        })
    }

    /// The list the Contradictions screen shows in `view`.
    pub fn pairs(&self, view: PairView) -> &Grouped {
        match view {
            PairView::Contradictions => &self.contradictions,
            PairView::Differences => &self.differences,
        }
    }

    /// The `nth` quote of `claim` that has a place in a readable source.
    pub fn nth_placed(&self, claim: ClaimIx, nth: usize) -> Option<(SourceIx, &PlacedSpan)> {
        let spans = &self.dataset.claims[claim].spans;
        spans
            .iter()
            .enumerate()
            .filter(|(_, span)| span.anchor.is_some())
            .filter_map(|(i, span)| {
                let source = self.dataset.source_index(&span.source)?;
                let placed = self
                    .placed(source)
                    .iter()
                    .find(|p| p.claim == claim && p.span == i)?;
                Some((source, placed))
            })
            .nth(nth)
    }

    /// How many quotes of `claim` have a place in a readable source.
    pub fn placed_count(&self, claim: ClaimIx) -> usize {
        let dataset = &self.dataset;
        dataset.claims[claim]
            .spans
            .iter()
            .filter(|span| {
                span.anchor.is_some()
                    && dataset
                        .source(&span.source)
                        .is_some_and(|s| s.document.is_some())
            })
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
        // A claim's quotes are listed together, in claim order.
        let quotes = &self.quotes[index];
        quotes
            .iter()
            .enumerate()
            .filter(|&(i, &(claim, _))| i == 0 || quotes[i - 1].0 != claim)
            .count()
    }
}
