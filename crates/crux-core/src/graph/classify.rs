//! What kind of disagreement a contradiction is, computed from who asserts
//! each claim and which documents make it; never typed by hand.

use crate::ix::SourceIx;
use crate::model::{Dataset, Relation, RelationKind, Voice};

/// Who disagrees with whom in a `contradicts` link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Disagreement {
    /// Documents disagree, each in its own voice.
    Documents,
    /// A party a document reports disputes what a document says in its
    /// own voice.
    PartyDisputesDocument,
    /// Parties dispute each other, as the documents report them.
    Parties,
    /// One party is reported two incompatible ways (it changed its line,
    /// or the documents report it differently).
    OneParty,
    /// One document contradicts itself in its own voice.
    SelfContradiction,
}

impl Disagreement {
    pub const ALL: [Disagreement; 5] = [
        Disagreement::Documents,
        Disagreement::PartyDisputesDocument,
        Disagreement::Parties,
        Disagreement::OneParty,
        Disagreement::SelfContradiction,
    ];

    /// Whether a party the documents report is on at least one side.
    pub fn involves_party(self) -> bool {
        !matches!(
            self,
            Disagreement::Documents | Disagreement::SelfContradiction
        )
    }

    pub fn describe(self) -> &'static str {
        match self {
            Disagreement::Documents => "documents disagree in their own voices",
            Disagreement::PartyDisputesDocument => "a party disputes a document",
            Disagreement::Parties => "parties dispute each other, as reported",
            Disagreement::OneParty => "one party is reported two ways",
            Disagreement::SelfContradiction => "a document contradicts itself",
        }
    }
}

/// The disagreement between two contradicting claims, each given by who
/// asserts it and the sources (indices) that make it.
///
/// A party that no declaration resolves (`Voice::Unknown`) counts as a
/// party unlike any other: the claim is not the document's own voice.
pub fn classify(a: (Voice, &[SourceIx]), b: (Voice, &[SourceIx])) -> Disagreement {
    match (a.0, b.0) {
        (Voice::Document, Voice::Document) => {
            if a.1.iter().any(|source| b.1.contains(source)) {
                Disagreement::SelfContradiction
            } else {
                Disagreement::Documents
            }
        }
        (Voice::Document, _) | (_, Voice::Document) => Disagreement::PartyDisputesDocument,
        (Voice::Party(x), Voice::Party(y)) if x == y => Disagreement::OneParty,
        _ => Disagreement::Parties,
    }
}

impl Dataset {
    /// The disagreement a relation records, when it is a contradiction.
    pub fn disagreement(&self, relation: &Relation) -> Option<Disagreement> {
        if relation.kind != RelationKind::Contradicts {
            return None;
        }
        let (a, b) = (relation.from, relation.to);
        Some(classify(
            (self.voice(a), &self.claim_sources(a)),
            (self.voice(b), &self.claim_sources(b)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ix::PartyIx;
    use Disagreement::*;

    const DOC: Voice = Voice::Document;

    fn sources(indices: &[usize]) -> Vec<SourceIx> {
        indices.iter().map(|&i| SourceIx(i)).collect()
    }

    #[test]
    fn two_documents_in_their_own_voices_disagree() {
        assert_eq!(
            classify((DOC, &sources(&[0])), (DOC, &sources(&[3]))),
            Documents
        );
    }

    #[test]
    fn one_document_in_its_own_voice_on_both_sides_contradicts_itself() {
        assert_eq!(
            classify((DOC, &sources(&[2])), (DOC, &sources(&[2]))),
            SelfContradiction
        );
        assert_eq!(
            classify((DOC, &sources(&[1, 2])), (DOC, &sources(&[2, 4]))),
            SelfContradiction
        );
    }

    #[test]
    fn a_reported_party_against_a_documents_voice_is_a_party_dispute_of_it() {
        assert_eq!(
            classify(
                (Voice::Party(PartyIx(0)), &sources(&[1])),
                (DOC, &sources(&[3]))
            ),
            PartyDisputesDocument
        );
        // The same document reporting a party against its own voice.
        assert_eq!(
            classify(
                (DOC, &sources(&[3])),
                (Voice::Party(PartyIx(0)), &sources(&[3]))
            ),
            PartyDisputesDocument
        );
    }

    #[test]
    fn a_document_reporting_both_parties_does_not_contradict_itself() {
        assert_eq!(
            classify(
                (Voice::Party(PartyIx(0)), &sources(&[1])),
                (Voice::Party(PartyIx(1)), &sources(&[1]))
            ),
            Parties
        );
        assert_eq!(
            classify(
                (Voice::Party(PartyIx(0)), &sources(&[1])),
                (Voice::Party(PartyIx(1)), &sources(&[2]))
            ),
            Parties
        );
    }

    #[test]
    fn one_party_reported_two_ways() {
        assert_eq!(
            classify(
                (Voice::Party(PartyIx(4)), &sources(&[0])),
                (Voice::Party(PartyIx(4)), &sources(&[1]))
            ),
            OneParty
        );
    }

    #[test]
    fn an_unresolved_party_is_never_taken_for_the_documents_voice() {
        assert_eq!(
            classify((Voice::Unknown, &sources(&[2])), (DOC, &sources(&[2]))),
            PartyDisputesDocument
        );
        assert_eq!(
            classify(
                (Voice::Unknown, &sources(&[2])),
                (Voice::Unknown, &sources(&[2]))
            ),
            Parties
        );
    }
}
