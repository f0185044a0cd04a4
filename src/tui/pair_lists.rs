//! The two lists the Contradictions screen shows: the contradictions,
//! grouped by who disagrees (documents in their own voices first), and the
//! other differences (updates, refinements, rivals, contrasts), grouped by
//! kind. Never one list: only a contradiction joins claims that cannot
//! both be true.

use crate::graph::Disagreement;
use crate::ix::{self, ClaimIx, RelationIx};
use crate::model::{Dataset, RelationKind};

/// Which list the Contradictions screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairView {
    Contradictions,
    /// Links of the kinds that differ without contradicting.
    Differences,
}

impl PairView {
    /// The list the screen does not show.
    pub fn other(self) -> PairView {
        match self {
            PairView::Contradictions => PairView::Differences,
            PairView::Differences => PairView::Contradictions,
        }
    }

    /// What one item of the list is called, for the status bar.
    pub fn item(self) -> &'static str {
        match self {
            PairView::Contradictions => "contradiction",
            PairView::Differences => "difference",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            PairView::Contradictions => "Contradictions",
            PairView::Differences => "Other differences",
        }
    }
}

/// The kinds the differences list shows, in the report headline's order.
pub const DIFFERENCES: [RelationKind; 4] = [
    RelationKind::Updates,
    RelationKind::Refines,
    RelationKind::Rivals,
    RelationKind::Contrasts,
];

/// Relation indices under headings: each group is a run of `relations`.
#[derive(Debug, Default)]
pub struct Grouped {
    pub relations: Vec<RelationIx>,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// e.g. `Documents disagree in their own voices`.
    pub title: String,
    pub len: usize,
}

impl Grouped {
    pub fn len(&self) -> usize {
        self.relations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.relations.is_empty()
    }

    pub fn get(&self, position: usize) -> Option<RelationIx> {
        self.relations.get(position).copied()
    }

    /// `items`, each with the key of its group, sorted by group (in
    /// `order`), then by `rank`; a group without items has no heading.
    fn new<K: PartialEq + Copy>(
        order: &[K],
        title: impl Fn(K) -> String,
        mut items: Vec<(K, (usize, RelationIx))>,
    ) -> Grouped {
        let at = |key: &K| order.iter().position(|k| k == key);
        items.sort_by_key(|(key, rank)| (at(key), *rank));
        let mut grouped = Grouped::default();
        for &key in order {
            let len = items.iter().filter(|(k, _)| *k == key).count();
            if len > 0 {
                grouped.groups.push(Group {
                    title: title(key),
                    len,
                });
            }
        }
        grouped.relations = items.into_iter().map(|(_, (_, r))| r).collect();
        grouped
    }
}

/// Every `contradicts` link, by who disagrees, then by topic.
pub fn contradictions(dataset: &Dataset, topic_rank: impl Fn(ClaimIx) -> usize) -> Grouped {
    let items = ix::enumerate(&dataset.relations, RelationIx)
        .filter_map(|(r, relation)| {
            let class = dataset.disagreement(relation)?;
            Some((class, (topic_rank(relation.from), r)))
        })
        .collect();
    Grouped::new(
        &Disagreement::ALL,
        |class| sentence(class.describe()),
        items,
    )
}

/// Every link of the kinds in [`DIFFERENCES`], by kind, then by topic.
pub fn differences(dataset: &Dataset, topic_rank: impl Fn(ClaimIx) -> usize) -> Grouped {
    let items = ix::enumerate(&dataset.relations, RelationIx)
        .filter(|(_, relation)| DIFFERENCES.contains(&relation.kind))
        .map(|(r, relation)| (relation.kind, (topic_rank(relation.from), r)))
        .collect();
    Grouped::new(&DIFFERENCES, |kind| kind_title(kind).to_string(), items)
}

/// The heading of a kind's group, as the report's headline names it.
pub fn kind_title(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Agrees => "Agreements",
        RelationKind::Contradicts => "Contradictions",
        RelationKind::Refines => "Refinements",
        RelationKind::Updates => "Updates",
        RelationKind::Rivals => "Rival explanations",
        RelationKind::Contrasts => "Differences of emphasis",
    }
}

/// `text` with its first letter capitalised.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
