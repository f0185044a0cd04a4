//! Counts by kind: contradictions by who disagrees, and links of every
//! other kind, never added up into one "contradictions" figure.

use serde::Serialize;

use super::model::RelationEntry;
use crate::graph::Disagreement;
use crate::model::RelationKind;

#[derive(Debug, Clone, Serialize)]
pub struct ClassCount {
    pub class: Disagreement,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub kind: RelationKind,
    pub count: usize,
}

/// One figure of the headline, e.g. `{count: 2, what: "contradictions
/// between documents"}`.
#[derive(Debug, Clone, Serialize)]
pub struct HeadlineItem {
    pub count: usize,
    /// What is counted, singular or plural to agree with `count`.
    pub what: String,
    /// Whether these are contradictions (claims that cannot both be true).
    pub contradiction: bool,
}

/// The report's contradictions of one class.
#[derive(Debug, Clone, Serialize)]
pub struct ContradictionGroup {
    pub class: Disagreement,
    /// e.g. `documents disagree in their own voices`.
    pub title: String,
    /// Indices into `relations`, in declaration order.
    pub relations: Vec<usize>,
}

/// The kinds after the contradictions, in headline order.
const OTHER_KINDS: [RelationKind; 5] = [
    RelationKind::Updates,
    RelationKind::Refines,
    RelationKind::Rivals,
    RelationKind::Contrasts,
    RelationKind::Agrees,
];

pub(super) fn by_class(relations: &[RelationEntry]) -> Vec<ClassCount> {
    Disagreement::ALL
        .into_iter()
        .map(|class| ClassCount {
            class,
            count: relations
                .iter()
                .filter(|r| r.disagreement == Some(class))
                .count(),
        })
        .collect()
}

pub(super) fn by_kind(relations: &[RelationEntry]) -> Vec<KindCount> {
    OTHER_KINDS
        .into_iter()
        .map(|kind| KindCount {
            kind,
            count: relations.iter().filter(|r| r.kind == kind).count(),
        })
        .collect()
}

/// Contradictions by class, documents disagreeing first; empty classes
/// left out.
pub(super) fn groups(relations: &[RelationEntry]) -> Vec<ContradictionGroup> {
    Disagreement::ALL
        .into_iter()
        .map(|class| ContradictionGroup {
            class,
            title: class.describe().to_string(),
            relations: (0..relations.len())
                .filter(|&i| relations[i].disagreement == Some(class))
                .collect(),
        })
        .filter(|group| !group.relations.is_empty())
        .collect()
}

/// Every non-zero figure, contradictions first; contradictions between
/// documents always, since none is a finding too.
pub(super) fn headline(classes: &[ClassCount], kinds: &[KindCount]) -> Vec<HeadlineItem> {
    let classes = classes
        .iter()
        .filter(|c| c.count > 0 || c.class == Disagreement::Documents)
        .map(|c| (c.count, class_phrase(c.class), true));
    let kinds = kinds
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| (k.count, kind_phrase(k.kind), false));
    classes
        .chain(kinds)
        .map(|(count, (one, many), contradiction)| HeadlineItem {
            count,
            what: if count == 1 { one } else { many }.to_string(),
            contradiction,
        })
        .collect()
}

fn class_phrase(class: Disagreement) -> (&'static str, &'static str) {
    match class {
        Disagreement::Documents => (
            "contradiction between documents",
            "contradictions between documents",
        ),
        Disagreement::PartyDisputesDocument => (
            "dispute a party raises against a document",
            "disputes a party raises against a document",
        ),
        Disagreement::Parties => ("dispute between parties", "disputes between parties"),
        Disagreement::OneParty => (
            "contradiction within one party's reported words",
            "contradictions within one party's reported words",
        ),
        Disagreement::SelfContradiction => (
            "contradiction within a document",
            "contradictions within a document",
        ),
    }
}

fn kind_phrase(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Agrees => ("agreement", "agreements"),
        RelationKind::Contradicts => ("contradiction", "contradictions"),
        RelationKind::Refines => ("refinement", "refinements"),
        RelationKind::Updates => ("update", "updates"),
        RelationKind::Rivals => ("rival explanation", "rival explanations"),
        RelationKind::Contrasts => ("difference of emphasis", "differences of emphasis"),
    }
}
