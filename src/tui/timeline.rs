//! The Timeline screen's rows: the claims by the time they are about, the
//! documents' publication dates among them (what was known when), then the
//! claims that state no time. Ordered as the report's timeline is.

use crate::ix::{ClaimIx, SourceIx};
use crate::model::Dataset;
use crate::report::model::{TimelineEntry, timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A time claims are about, as it reads (`the June 2025 war (2025-06)`),
    /// and how many claims are about it.
    Time {
        label: String,
        claims: usize,
    },
    Claim(ClaimIx),
    /// A document published on `date`.
    Published {
        date: String,
        source: SourceIx,
    },
    /// The heading of the claims that state no time, and how many there are.
    Undated(usize),
}

impl Row {
    /// Whether the cursor can rest on the row.
    pub fn is_stop(&self) -> bool {
        matches!(self, Row::Claim(_) | Row::Published { .. })
    }
}

#[derive(Debug, Default)]
pub struct Timeline {
    pub rows: Vec<Row>,
    /// The rows the cursor can rest on, in order.
    pub stops: Vec<usize>,
    /// How many claims state a time.
    pub dated: usize,
    /// Quoted sources with no publication date.
    pub undated_sources: Vec<SourceIx>,
}

impl Timeline {
    /// Every claim of `dataset`; `order` lists them as the claim list does
    /// (for the claims that state no time).
    pub fn new(dataset: &Dataset, order: &[ClaimIx]) -> Timeline {
        let mut quoted = vec![0usize; dataset.sources.len()];
        for claim in &dataset.claims {
            let mut sources: Vec<SourceIx> = claim
                .spans
                .iter()
                .filter_map(|span| dataset.source_index(&span.source))
                .collect();
            sources.dedup();
            for source in sources {
                quoted[source.0] += 1;
            }
        }
        let all: Vec<ClaimIx> = ClaimIx::all(dataset.claims.len()).collect();
        let report = timeline(dataset, &all, &quoted);
        let mut rows = Vec::new();
        let mut dated = 0;
        for entry in report.entries {
            match entry {
                TimelineEntry::About { label, claims, .. } => {
                    let claims: Vec<ClaimIx> = claims
                        .iter()
                        .filter_map(|id| dataset.claim_index(id))
                        .collect();
                    dated += claims.len();
                    rows.push(Row::Time {
                        label,
                        claims: claims.len(),
                    });
                    rows.extend(claims.into_iter().map(Row::Claim));
                }
                TimelineEntry::Published { date, sources } => {
                    for id in sources {
                        if let Some(source) = dataset.source_index(&id) {
                            rows.push(Row::Published {
                                date: date.clone(),
                                source,
                            });
                        }
                    }
                }
            }
        }
        let mut is_undated = vec![false; dataset.claims.len()];
        for id in &report.undated {
            if let Some(claim) = dataset.claim_index(id) {
                is_undated[claim.0] = true;
            }
        }
        let undated: Vec<ClaimIx> = order.iter().copied().filter(|&c| is_undated[c.0]).collect();
        if !undated.is_empty() {
            rows.push(Row::Undated(undated.len()));
            rows.extend(undated.into_iter().map(Row::Claim));
        }
        let stops = (0..rows.len()).filter(|&r| rows[r].is_stop()).collect();
        let undated_sources = report
            .undated_sources
            .iter()
            .filter_map(|id| dataset.source_index(id))
            .collect();
        Timeline {
            rows,
            stops,
            dated,
            undated_sources,
        }
    }

    /// Whether stop `stop` starts a moment: the first claim under a time
    /// (or under the claims with none), or a publication.
    pub fn starts_moment(&self, stop: usize) -> bool {
        let row = self.stops[stop];
        matches!(self.rows[row], Row::Published { .. })
            || row
                .checked_sub(1)
                .is_some_and(|before| !self.rows[before].is_stop())
    }

    /// The heading `stop` is under: the time, the publication, or `None`
    /// among the claims that state no time.
    pub fn moment(&self, stop: usize) -> Option<&Row> {
        let row = *self.stops.get(stop)?;
        self.rows[..=row]
            .iter()
            .rev()
            .find(|r| !matches!(r, Row::Claim(_)))
            .filter(|r| !matches!(r, Row::Undated(_)))
    }
}
