//! A topic's positions by stance: for each, the parties that hold it, the
//! documents that hold it in their own voice, and the documents that
//! report it. A document that reports two parties' positions holds
//! neither, so it never sits on both sides.

use std::collections::HashMap;

use super::Graph;
use crate::ix::{ClaimIx, PartyIx, SourceIx};
use crate::model::{Dataset, Voice};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    /// The topic's claims in this position, in file order.
    pub claims: Vec<ClaimIx>,
    /// Parties (indices) whose claims these are, in first-claim order.
    pub parties: Vec<PartyIx>,
    /// Sources (indices) that make one of these claims in their own voice.
    pub documents: Vec<SourceIx>,
    /// Sources (indices) that make one of these claims, in any voice.
    pub reporters: Vec<SourceIx>,
}

/// Every declared topic's positions (indexed like `dataset.topics`), each
/// topic's in the order of their first claim.
pub fn stances(dataset: &Dataset, graph: &Graph) -> Vec<Vec<Stance>> {
    let mut claims_of: Vec<Vec<ClaimIx>> = vec![Vec::new(); dataset.topics.len()];
    for claim in ClaimIx::all(dataset.claims.len()) {
        if let Some(topic) = dataset.topic_index(&dataset.claims[claim].topic) {
            claims_of[topic.0].push(claim);
        }
    }
    claims_of
        .iter()
        .map(|claims| stances_among(dataset, graph, claims))
        .collect()
}

/// The positions of `claims` (one topic's, or the part of it a report
/// shows), in the order of their first claim in `claims`.
pub fn stances_among(dataset: &Dataset, graph: &Graph, claims: &[ClaimIx]) -> Vec<Stance> {
    let mut found: Vec<Stance> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for &claim in claims {
        let at = *index.entry(graph.position_of(claim)).or_insert_with(|| {
            found.push(Stance {
                claims: Vec::new(),
                parties: Vec::new(),
                documents: Vec::new(),
                reporters: Vec::new(),
            });
            found.len() - 1
        });
        let stance = &mut found[at];
        stance.claims.push(claim);
        let sources = dataset.claim_sources(claim);
        match dataset.voice(claim) {
            Voice::Party(party) => push_new(&mut stance.parties, party),
            Voice::Document => sources
                .iter()
                .for_each(|&s| push_new(&mut stance.documents, s)),
            Voice::Unknown => {}
        }
        sources
            .iter()
            .for_each(|&s| push_new(&mut stance.reporters, s));
    }
    found
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// 001 reports Baku's claim and Tehran's denial; 003 asserts Baku's
    /// account in its own voice, and refines it.
    const CLAIMS: &str = r#"
[sources.huseynov]
path = "a.txt"
[sources.inss]
path = "b.txt"
[topics.origin]
question = "Where were the drones launched from?"
[parties.baku]
name = "Azerbaijani authorities"
[parties.tehran]
name = "Iranian representatives"

[claims.baku-says-iran]
topic = "origin"
text = "Baku said the drones came from Iran."
asserted_by = "baku"
spans = [{ source = "huseynov", quote = "from Iranian territory" }]

[claims.iran-denies]
topic = "origin"
text = "Iran denied it."
asserted_by = "tehran"
spans = [{ source = "huseynov", quote = "denied" }]
contradicts = [{ claim = "baku-says-iran", note = "" }]

[claims.inss-from-iran]
topic = "origin"
text = "Drones launched from Iranian territory struck."
spans = [{ source = "inss", quote = "launched from Iranian territory" }]
refines = ["baku-says-iran"]
"#;

    #[test]
    fn a_document_reporting_both_parties_sits_on_neither_side() {
        let dataset = crate::load_str(Path::new("/nonexistent/claims.toml"), CLAIMS);
        let graph = Graph::new(&dataset);
        let found = stances(&dataset, &graph);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0],
            [
                Stance {
                    claims: vec![ClaimIx(0), ClaimIx(2)],
                    parties: vec![PartyIx(0)],
                    documents: vec![SourceIx(1)],
                    reporters: vec![SourceIx(0), SourceIx(1)],
                },
                Stance {
                    claims: vec![ClaimIx(1)],
                    parties: vec![PartyIx(1)],
                    documents: vec![],
                    reporters: vec![SourceIx(0)],
                },
            ]
        );
    }
}
