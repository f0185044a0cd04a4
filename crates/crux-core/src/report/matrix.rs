//! The source-by-source matrix: how many links join claims quoting each
//! pair of documents, a contradiction counted against the documents only
//! when both claims are in their own voices.

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::model::RelationEntry;
use super::quoting::Quoting;
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
    pub agrees: Table,
    /// `contradicts[i][j]`: contradictions between a claim in source i's
    /// own voice and one in source j's; on the diagonal, a document
    /// contradicting itself.
    pub contradicts: Table,
    /// `disputes[i][j]`: contradictions with a party's claim on at least
    /// one side, between claims quoting source i and source j; on the
    /// diagonal, a dispute the document reports, not one it takes part in.
    pub disputes: Table,
}

pub(super) fn matrix(
    dataset: &Dataset,
    quoting: &Quoting,
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
    let rows_of = |claim: ClaimIx| quoting.sources(claim).iter().map(|s| row[s.0]);
    let n = ids.len();
    // Each link's cells, counted once all are known: one sort, where adding
    // them one at a time to sorted rows took most of the matrix's time.
    let mut agrees = Vec::new();
    let mut contradicts = Vec::new();
    let mut disputes = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (&(a, b), relation) in relation_ends.iter().zip(relations) {
        let own_voices = quoting.voice(a) == Voice::Document && quoting.voice(b) == Voice::Document;
        let cells = match relation.kind {
            RelationKind::Agrees => &mut agrees,
            RelationKind::Contradicts if own_voices => &mut contradicts,
            RelationKind::Contradicts => &mut disputes,
            _ => continue,
        };
        pairs.clear();
        for i in rows_of(a) {
            for j in rows_of(b) {
                pairs.push((i.min(j), i.max(j)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for &(i, j) in &pairs {
            cells.push((i, j));
            if i != j {
                cells.push((j, i));
            }
        }
    }
    Matrix {
        sources: ids,
        agrees: Table::counting(n, agrees),
        contradicts: Table::counting(n, contradicts),
        disputes: Table::counting(n, disputes),
    }
}

/// An n × n table of counts, kept sparse: most pairs of documents share no
/// link, and dense, the three tables of 10,000 documents took 2.4 GB (and
/// 3.3 GB of JSON). It serializes as its non-zero cells, `[row, column,
/// count]` in row-major order.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Each row's cells that are not zero, as (column, count) by column.
    rows: Vec<Vec<(usize, usize)>>,
}

impl Table {
    /// The n × n table counting each time a (row, column) is in `cells`.
    fn counting(size: usize, mut cells: Vec<(usize, usize)>) -> Self {
        cells.sort_unstable();
        let mut rows = vec![Vec::new(); size];
        for same in cells.chunk_by(|a, b| a == b) {
            let (i, j) = same[0];
            rows[i].push((j, same.len()));
        }
        Table { rows }
    }

    /// The count in row `i`, column `j`.
    pub fn get(&self, i: usize, j: usize) -> usize {
        let row = &self.rows[i];
        row.binary_search_by_key(&j, |&(column, _)| column)
            .map_or(0, |at| row[at].1)
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cells = self.rows.iter().map(Vec::len).sum();
        let mut out = serializer.serialize_seq(Some(cells))?;
        for (row, cells) in self.rows.iter().enumerate() {
            for &(column, count) in cells {
                out.serialize_element(&[row, column, count])?;
            }
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn a_table_serializes_as_its_non_zero_cells_row_by_row() {
        let table = Table::counting(3, vec![(0, 2), (2, 0), (0, 2), (1, 1)]);
        assert_eq!(
            serde_json::to_string(&table).unwrap(),
            "[[0,2,2],[1,1,1],[2,0,1]]"
        );
        assert_eq!((table.get(0, 2), table.get(2, 1)), (2, 0));
        assert_eq!(
            serde_json::to_string(&Table::counting(0, Vec::new())).unwrap(),
            "[]"
        );
    }
}
