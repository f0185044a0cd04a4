//! How each relation kind is written in each format: the one place a new
//! kind gets its mapping (the match below will not compile without it).

use crate::model::RelationKind;

/// A relation kind as the export formats write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationMapping {
    /// The W3C linking annotation's tag (read back by `crux import w3c`).
    pub w3c_tag: &'static str,
    /// The Argdown relation, written under the declaring claim's statement:
    /// `+` the other claim supports it, `><` the two are contradictory.
    pub argdown: &'static str,
}

pub fn mapping(kind: RelationKind) -> RelationMapping {
    match kind {
        RelationKind::Agrees => RelationMapping {
            w3c_tag: "agrees",
            argdown: "+",
        },
        RelationKind::Contradicts => RelationMapping {
            w3c_tag: "contradicts",
            argdown: "><",
        },
    }
}

/// The kind a W3C linking annotation's tag names.
pub fn kind_named(tag: &str) -> Option<RelationKind> {
    [RelationKind::Agrees, RelationKind::Contradicts]
        .into_iter()
        .find(|&kind| mapping(kind).w3c_tag == tag)
}
