//! The source-by-source matrix: how many links join claims quoting each
//! pair of documents, a contradiction counted against the documents only
//! when both claims are in their own voices.

use serde::Serialize;

use super::model::RelationEntry;
use crate::ix::ClaimIx;
use crate::model::{Dataset, RelationKind, Voice};

/// Links between claims quoting each pair of documents. Every table is
/// symmetric; a link counts once per pair of documents.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Matrix {
    /// Ids of the sources quoted by the report's claims; rows and columns.
    pub sources: Vec<String>,
    /// `agrees[i][j]`: agree links joining a claim quoting source i and one
    /// quoting source j.
    pub agrees: Vec<Vec<usize>>,
    /// `contradicts[i][j]`: contradictions between a claim in source i's
    /// own voice and one in source j's; on the diagonal, a document
    /// contradicting itself.
    pub contradicts: Vec<Vec<usize>>,
    /// `disputes[i][j]`: contradictions with a party's claim on at least
    /// one side, between claims quoting source i and source j; on the
    /// diagonal, a dispute the document reports, not one it takes part in.
    pub disputes: Vec<Vec<usize>>,
}

pub(super) fn matrix(
    dataset: &Dataset,
    quoted: &[usize],
    relation_ends: &[(ClaimIx, ClaimIx)],
    relations: &[RelationEntry],
) -> Matrix {
    // Row of each dataset source in the matrix, for sources the report quotes.
    let mut row = vec![usize::MAX; dataset.sources.len()];
    let mut ids = Vec::new();
    for (s, &n) in quoted.iter().enumerate() {
        if n > 0 {
            row[s] = ids.len();
            ids.push(dataset.sources[s].id.clone());
        }
    }
    let rows_of = |claim: ClaimIx| -> Vec<usize> {
        dataset
            .claim_sources(claim)
            .into_iter()
            .map(|s| row[s.0])
            .collect()
    };
    let n = ids.len();
    let mut agrees = vec![vec![0; n]; n];
    let mut contradicts = vec![vec![0; n]; n];
    let mut disputes = vec![vec![0; n]; n];
    for (&(a, b), relation) in relation_ends.iter().zip(relations) {
        let own_voices = dataset.voice(a) == Voice::Document && dataset.voice(b) == Voice::Document;
        let cells = match relation.kind {
            RelationKind::Agrees => &mut agrees,
            RelationKind::Contradicts if own_voices => &mut contradicts,
            RelationKind::Contradicts => &mut disputes,
            _ => continue,
        };
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &i in &rows_of(a) {
            for &j in &rows_of(b) {
                pairs.push((i.min(j), i.max(j)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (i, j) in pairs {
            cells[i][j] += 1;
            if i != j {
                cells[j][i] += 1;
            }
        }
    }
    Matrix {
        sources: ids,
        agrees,
        contradicts,
        disputes,
    }
}
