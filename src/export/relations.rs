//! How each relation kind is written in each format: the one place a new
//! kind gets its mapping (the match below will not compile without it).

use super::dot::EdgeStyle;
use crate::model::RelationKind;

/// A relation kind as the export formats write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationMapping {
    /// The W3C linking annotation's tag (read back by `crux import w3c`).
    pub w3c_tag: &'static str,
    /// The Argdown relation, written under the declaring claim's statement:
    /// `+` the other claim supports it, `><` the two are contradictory.
    pub argdown: &'static str,
    /// How the Graphviz edge is drawn.
    pub dot: EdgeStyle,
}

pub fn mapping(kind: RelationKind) -> RelationMapping {
    match kind {
        RelationKind::Agrees => RelationMapping {
            w3c_tag: "agrees",
            argdown: "+",
            dot: EdgeStyle {
                style: "solid",
                color: "#1b7837",
                width: "1.5",
            },
        },
        RelationKind::Contradicts => RelationMapping {
            w3c_tag: "contradicts",
            argdown: "><",
            dot: EdgeStyle {
                style: "dashed",
                color: "#b2182b",
                width: "2",
            },
        },
    }
}

/// The kind a W3C linking annotation's tag names.
pub fn kind_named(tag: &str) -> Option<RelationKind> {
    [RelationKind::Agrees, RelationKind::Contradicts]
        .into_iter()
        .find(|&kind| mapping(kind).w3c_tag == tag)
}
