//! The source-by-source matrix: how many agree and contradict links join
//! claims quoting each pair of documents.

use serde::Serialize;

use super::model::RelationEntry;
use crate::model::{Dataset, RelationKind};

/// Agree and contradict links between claims quoting each pair of documents.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Matrix {
    /// Ids of the sources quoted by the report's claims; rows and columns.
    pub sources: Vec<String>,
    /// `agrees[i][j]`: agree links joining a claim quoting source i and one
    /// quoting source j. Symmetric.
    pub agrees: Vec<Vec<usize>>,
    pub contradicts: Vec<Vec<usize>>,
}

pub(super) fn matrix(
    dataset: &Dataset,
    quoted: &[usize],
    relation_ends: &[(usize, usize)],
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
    let rows_of = |claim: usize| -> Vec<usize> {
        let mut rows: Vec<usize> = dataset.claims[claim]
            .spans
            .iter()
            .filter_map(|s| dataset.source_index(&s.source))
            .map(|s| row[s])
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    };
    let n = ids.len();
    let mut agrees = vec![vec![0; n]; n];
    let mut contradicts = vec![vec![0; n]; n];
    for (&(a, b), relation) in relation_ends.iter().zip(relations) {
        let cells = match relation.kind {
            RelationKind::Agrees => &mut agrees,
            RelationKind::Contradicts => &mut contradicts,
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
    }
}
