//! How each relation kind is written in each format: the one place a new
//! kind gets its mapping (the match below will not compile without it).

use super::dot::EdgeStyle;
use crate::model::RelationKind;

/// A relation kind as the export formats write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationMapping {
    /// The W3C linking annotation's tag (read back by `crux import w3c`).
    pub w3c_tag: &'static str,
    /// The Argdown relation, written under the declaring claim's statement
    /// before the other claim's title: `+` the other supports it, `+>` it
    /// supports (entails) the other, `><` the two are contradictory. `None`
    /// when Argdown has no relation that says what the kind says; the link
    /// is then a comment.
    pub argdown: Option<&'static str>,
    /// How the Graphviz edge is drawn.
    pub dot: EdgeStyle,
}

pub fn mapping(kind: RelationKind) -> RelationMapping {
    let edge = |style, color, width, directed| EdgeStyle {
        style,
        color,
        width,
        directed,
    };
    match kind {
        RelationKind::Agrees => RelationMapping {
            w3c_tag: "agrees",
            argdown: Some("+"),
            dot: edge("solid", "#1b7837", "1.5", false),
        },
        RelationKind::Contradicts => RelationMapping {
            w3c_tag: "contradicts",
            argdown: Some("><"),
            dot: edge("dashed", "#b2182b", "2", false),
        },
        // The more precise claim entails the less precise one.
        RelationKind::Refines => RelationMapping {
            w3c_tag: "refines",
            argdown: Some("+>"),
            dot: edge("solid", "#2166ac", "1.5", true),
        },
        // Argdown's only other statement relations are attacks and
        // contradictions: a later report does not attack an earlier one,
        // alternatives offered as such need not exclude each other, and
        // contrasting claims can both be true.
        RelationKind::Updates => RelationMapping {
            w3c_tag: "updates",
            argdown: None,
            dot: edge("dashed", "#762a83", "1.5", true),
        },
        RelationKind::Rivals => RelationMapping {
            w3c_tag: "rivals",
            argdown: None,
            dot: edge("dotted", "#e08214", "2", false),
        },
        RelationKind::Contrasts => RelationMapping {
            w3c_tag: "contrasts",
            argdown: None,
            dot: edge("dotted", "#5e5e5e", "1.5", false),
        },
    }
}

/// The kind a W3C linking annotation's tag names.
pub fn kind_named(tag: &str) -> Option<RelationKind> {
    RelationKind::ALL
        .into_iter()
        .find(|&kind| mapping(kind).w3c_tag == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_w3c_tag() {
        for kind in RelationKind::ALL {
            assert_eq!(kind_named(mapping(kind).w3c_tag), Some(kind));
        }
        assert_eq!(kind_named("supports"), None);
    }

    #[test]
    fn every_kind_is_drawn_its_own_way() {
        for (i, a) in RelationKind::ALL.into_iter().enumerate() {
            for b in RelationKind::ALL.into_iter().skip(i + 1) {
                assert_ne!(mapping(a).dot, mapping(b).dot, "{a:?} and {b:?}");
            }
        }
    }
}
