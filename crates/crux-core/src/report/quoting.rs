//! Which sources each of the report's claims quotes, and in whose voice:
//! looked up once, as the loader's checks look them up for each use, for
//! the counts, the classes of the contradictions and the matrix.

use crate::graph::{Disagreement, classify};
use crate::ix::{ClaimIx, SourceIx};
use crate::model::{Dataset, Relation, RelationKind, Voice};

pub(super) struct Quoting {
    /// By claim: the sources it quotes, each once, in index order (as
    /// `Dataset::claim_sources`); empty for a claim not in the report.
    sources: Vec<Vec<SourceIx>>,
    /// By claim: who asserts it (as `Dataset::voice`).
    voices: Vec<Voice>,
}

impl Quoting {
    pub(super) fn of(dataset: &Dataset, selected: &[ClaimIx]) -> Self {
        let mut sources = vec![Vec::new(); dataset.claims.len()];
        let mut voices = vec![Voice::Unknown; dataset.claims.len()];
        for &c in selected {
            sources[c.0] = dataset.claim_sources(c);
            voices[c.0] = dataset.voice(c);
        }
        Quoting { sources, voices }
    }

    pub(super) fn sources(&self, claim: ClaimIx) -> &[SourceIx] {
        &self.sources[claim.0]
    }

    pub(super) fn voice(&self, claim: ClaimIx) -> Voice {
        self.voices[claim.0]
    }

    /// `Dataset::disagreement`, for a relation between two of the
    /// report's claims.
    pub(super) fn disagreement(&self, relation: &Relation) -> Option<Disagreement> {
        (relation.kind == RelationKind::Contradicts).then(|| {
            let side = |c| (self.voice(c), self.sources(c));
            classify(side(relation.from), side(relation.to))
        })
    }

    /// For each of the dataset's sources, how many of the report's claims
    /// quote it.
    pub(super) fn claims_quoting(&self, dataset: &Dataset) -> Vec<usize> {
        let mut quoted = vec![0usize; dataset.sources.len()];
        for s in self.sources.iter().flatten() {
            quoted[s.0] += 1;
        }
        quoted
    }
}
