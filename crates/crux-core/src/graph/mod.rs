//! The relation graph: positions (claims joined by agreement), the links
//! of every kind, what kind of disagreement each contradiction is, and the
//! consistency checks no annotation tool makes.

mod checks;
mod classify;
mod stance;

use std::collections::VecDeque;

pub use checks::find_hedge;
pub use classify::{Disagreement, classify};
pub use stance::{Stance, stances, stances_among};

use crate::diag::{Code, Diagnostic};
use crate::ix::{self, ClaimIx, RelationIx};
use crate::model::{Dataset, RelationKind};

pub use crate::model::Graph;

impl Graph {
    pub fn new(dataset: &Dataset) -> Self {
        let n = dataset.claims.len();
        let mut links = vec![vec![Vec::new(); n]; RelationKind::ALL.len()];
        let mut sets = DisjointSets::new(n);
        for (index, relation) in ix::enumerate(&dataset.relations, RelationIx) {
            let (a, b) = (relation.from, relation.to);
            let of_kind = &mut links[relation.kind as usize];
            of_kind[a.0].push((b, index));
            of_kind[b.0].push((a, index));
            if relation.kind.joins_position() {
                sets.union(a.0, b.0);
            }
        }
        let mut positions: Vec<Vec<ClaimIx>> = Vec::new();
        let mut root_position = vec![usize::MAX; n];
        let position_of = ClaimIx::all(n)
            .map(|claim| {
                let root = sets.find(claim.0);
                if root_position[root] == usize::MAX {
                    root_position[root] = positions.len();
                    positions.push(Vec::new());
                }
                positions[root_position[root]].push(claim);
                root_position[root]
            })
            .collect();
        Graph {
            links,
            position_of,
            positions,
        }
    }

    /// Claims linked to `claim` by `kind`, either way, with the relation index.
    pub fn linked(&self, claim: ClaimIx, kind: RelationKind) -> &[(ClaimIx, RelationIx)] {
        self.links
            .get(kind as usize)
            .and_then(|claims| claims.get(claim.0))
            .map_or(&[], Vec::as_slice)
    }

    /// Claims that agree with `claim` directly, with the relation index.
    pub fn agreeing(&self, claim: ClaimIx) -> &[(ClaimIx, RelationIx)] {
        self.linked(claim, RelationKind::Agrees)
    }

    /// Claims that contradict `claim` directly, with the relation index.
    pub fn contradicting(&self, claim: ClaimIx) -> &[(ClaimIx, RelationIx)] {
        self.linked(claim, RelationKind::Contradicts)
    }

    pub fn is_contradicted(&self, claim: ClaimIx) -> bool {
        !self.contradicting(claim).is_empty()
    }

    /// Whether `claim` has a link of any kind.
    pub fn is_linked(&self, claim: ClaimIx) -> bool {
        RelationKind::ALL
            .iter()
            .any(|&kind| !self.linked(claim, kind).is_empty())
    }

    /// The position (claims joined by `agrees` or `refines`) of a claim.
    pub fn position_of(&self, claim: ClaimIx) -> usize {
        self.position_of[claim.0]
    }

    /// Every position's claims; a claim with no agreement is a position alone.
    pub fn positions(&self) -> &[Vec<ClaimIx>] {
        &self.positions
    }

    /// Graph consistency warnings for `dataset`.
    pub fn check(&self, dataset: &Dataset) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut tree = None;
        for relation in &dataset.relations {
            if relation.kind != RelationKind::Contradicts
                || self.position_of(relation.from) != self.position_of(relation.to)
            {
                continue;
            }
            // One tree for all the checks: a search per contradiction would
            // be quadratic in a large position.
            let tree = tree.get_or_insert_with(|| AgreeTree::new(self));
            let chain = tree.chain(relation.from, relation.to);
            let ids: Vec<&str> = chain
                .iter()
                .map(|&c| dataset.claims[c].id.as_str())
                .collect();
            out.push(
                    Diagnostic::new(
                        Code::AgreeChainContradicts,
                        format!("`{}` contradicts `{}`, but a chain of agreements joins them", ids[0], ids[ids.len() - 1]),
                    )
                    .at(relation.decl.clone())
                    .label("declared to contradict")
                    .note(format!("agreement chain: {}", ids.join(" -> ")))
                    .help("one of these links is wrong: drop an `agrees` or `refines` in the chain, or this `contradicts`")
                    .claim(&dataset.claims[relation.from].id),
                );
        }
        for (index, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
            if !self.is_linked(index) {
                out.push(
                    Diagnostic::new(Code::Unrelated, format!("claim `{}` is linked to no other claim", claim.id))
                        .at(claim.decl.clone())
                        .label("no relation")
                        .help("link it with `agrees = [...]`, `contradicts = [...]` or another kind, or drop it if nothing else bears on it")
                        .claim(&claim.id),
                );
            }
        }
        let mut claims_per_topic = vec![0usize; dataset.topics.len()];
        for claim in &dataset.claims {
            if let Some(topic) = dataset.topic_index(&claim.topic) {
                claims_per_topic[topic.0] += 1;
            }
        }
        for (topic, count) in dataset.topics.iter().zip(claims_per_topic) {
            if count < 2 {
                out.push(
                    Diagnostic::new(Code::SingleClaimTopic, format!("topic `{}` has {count} claim(s)", topic.id))
                        .at(topic.decl.clone())
                        .label("fewer than two claims")
                        .help("a topic is a question documents answer differently: add the other claims, or fold it into another topic"),
                );
            }
        }
        let mut used = vec![false; dataset.sources.len()];
        for span in dataset.claims.iter().flat_map(|c| &c.spans) {
            if let Some(source) = dataset.source_index(&span.source) {
                used[source.0] = true;
            }
        }
        for (source, used) in dataset.sources.iter().zip(used) {
            if !used {
                out.push(
                    Diagnostic::new(
                        Code::UnusedSource,
                        format!("source `{}` has no claims", source.id),
                    )
                    .at(source.decl.clone())
                    .label("unused")
                    .help("quote it in a claim's `spans`, or remove it"),
                );
            }
        }
        out.extend(checks::check(dataset));
        out
    }
}

/// A breadth-first spanning tree of every position's agreements, rooted at
/// its first claim. The tree path between two claims of one position is an
/// agreement chain, found in time proportional to its length.
const NO_PARENT: ClaimIx = ClaimIx(usize::MAX);

struct AgreeTree {
    parent: Vec<ClaimIx>,
    depth: Vec<usize>,
}

impl AgreeTree {
    fn new(graph: &Graph) -> Self {
        let n = graph.position_of.len();
        let mut tree = AgreeTree {
            parent: vec![NO_PARENT; n],
            depth: vec![0; n],
        };
        for position in &graph.positions {
            let root = position[0];
            tree.parent[root.0] = root;
            let mut queue = VecDeque::from([root]);
            while let Some(claim) = queue.pop_front() {
                let same_position = RelationKind::ALL
                    .into_iter()
                    .filter(|kind| kind.joins_position())
                    .flat_map(|kind| graph.linked(claim, kind));
                for &(next, _) in same_position {
                    if tree.parent[next.0] == NO_PARENT {
                        tree.parent[next.0] = claim;
                        tree.depth[next.0] = tree.depth[claim.0] + 1;
                        queue.push_back(next);
                    }
                }
            }
        }
        tree
    }

    /// The chain from `from` to `to`, both included; they must share a position.
    fn chain(&self, from: ClaimIx, to: ClaimIx) -> Vec<ClaimIx> {
        let (mut a, mut b) = (from, to);
        let (mut up, mut down) = (vec![a], vec![b]);
        while self.depth[a.0] > self.depth[b.0] {
            a = self.parent[a.0];
            up.push(a);
        }
        while self.depth[b.0] > self.depth[a.0] {
            b = self.parent[b.0];
            down.push(b);
        }
        while a != b {
            a = self.parent[a.0];
            up.push(a);
            b = self.parent[b.0];
            down.push(b);
        }
        down.pop();
        up.extend(down.into_iter().rev());
        up
    }
}

struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut at = x;
        while self.parent[at] != root {
            let next = self.parent[at];
            self.parent[at] = root;
            at = next;
        }
        root
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ix::TopicIx;
    use crate::model::{Claim, Relation, Topic};

    fn claims(indices: &[usize]) -> Vec<ClaimIx> {
        indices.iter().map(|&i| ClaimIx(i)).collect()
    }

    /// Claims `ids` on one topic, linked by `(from, to, kind)`.
    fn dataset(ids: &[&str], links: &[(usize, usize, RelationKind)]) -> Dataset {
        let mut d = Dataset::default();
        d.topics.push(Topic {
            id: "t".into(),
            question: "?".into(),
            note: None,
            decl: 0..0,
        });
        d.topic_ids.insert("t".into(), TopicIx(0));
        for (i, id) in ids.iter().enumerate() {
            d.claims.push(Claim {
                id: id.to_string(),
                topic: "t".into(),
                text: String::new(),
                spans: Vec::new(),
                status: Default::default(),
                note: None,
                asserted_by: None,
                mode: Default::default(),
                hedge: None,
                when: None,
                decl: i..i + 1,
                topic_value: 0..0,
                status_value: None,
                status_after: None,
            });
            d.claim_ids.insert(id.to_string(), ClaimIx(i));
        }
        for &(from, to, kind) in links {
            d.relations.push(Relation {
                kind,
                from: ClaimIx(from),
                to: ClaimIx(to),
                note: None,
                decl: from..to,
            });
        }
        d
    }

    use RelationKind::{Agrees, Contradicts, Contrasts, Refines, Rivals, Updates};

    #[test]
    fn a_refinement_joins_a_position_and_the_other_new_kinds_do_not() {
        let d = dataset(
            &["a", "b", "c", "d", "e"],
            &[
                (0, 1, Refines),
                (1, 2, Updates),
                (2, 3, Rivals),
                (3, 4, Contrasts),
            ],
        );
        let g = Graph::new(&d);
        assert_eq!(
            g.positions(),
            &[claims(&[0, 1]), claims(&[2]), claims(&[3]), claims(&[4])]
        );
        assert_eq!(
            g.linked(ClaimIx(2), Updates),
            &[(ClaimIx(1), RelationIx(1))]
        );
        assert!(g.agreeing(ClaimIx(0)).is_empty() && !g.is_contradicted(ClaimIx(0)));
        let unrelated = Graph::new(&d)
            .check(&d)
            .into_iter()
            .filter(|x| x.code == Code::Unrelated)
            .count();
        assert_eq!(unrelated, 0, "every claim has a link of some kind");
    }

    #[test]
    fn a_chain_through_a_refinement_that_contradicts_is_reported() {
        let d = dataset(
            &["several", "four", "three-hit"],
            &[(1, 0, Refines), (2, 1, Agrees), (2, 0, Contradicts)],
        );
        let found = Graph::new(&d).check(&d);
        let chain: Vec<_> = found
            .iter()
            .filter(|x| x.code == Code::AgreeChainContradicts)
            .collect();
        assert_eq!(chain.len(), 1, "{found:#?}");
        assert_eq!(
            chain[0].notes,
            ["agreement chain: three-hit -> four -> several"]
        );
    }

    #[test]
    fn positions_group_claims_joined_by_agreement() {
        let d = dataset(
            &["a", "b", "c", "d"],
            &[(0, 1, Agrees), (2, 1, Agrees), (0, 3, Contradicts)],
        );
        let g = Graph::new(&d);
        assert_eq!(g.positions(), &[claims(&[0, 1, 2]), claims(&[3])]);
        assert_eq!(g.position_of(ClaimIx(2)), 0);
        assert_eq!(g.position_of(ClaimIx(3)), 1);
        assert!(g.is_contradicted(ClaimIx(3)) && !g.is_contradicted(ClaimIx(1)));
    }

    #[test]
    fn a_contradiction_inside_a_position_is_reported_with_its_chain() {
        let d = dataset(
            &["a", "b", "c"],
            &[(0, 1, Agrees), (1, 2, Agrees), (2, 0, Contradicts)],
        );
        let found = Graph::new(&d).check(&d);
        let chain: Vec<_> = found
            .iter()
            .filter(|x| x.code == Code::AgreeChainContradicts)
            .collect();
        assert_eq!(chain.len(), 1);
        assert_eq!(chain[0].notes, ["agreement chain: c -> b -> a"]);
    }

    #[test]
    fn unrelated_claims_and_thin_topics_warn() {
        let d = dataset(&["a", "b", "lonely"], &[(0, 1, Contradicts)]);
        let found = Graph::new(&d).check(&d);
        let unrelated: Vec<_> = found
            .iter()
            .filter(|x| x.code == Code::Unrelated)
            .map(|x| x.claim.clone())
            .collect();
        assert_eq!(unrelated, [Some("lonely".to_string())]);
        assert!(found.iter().all(|x| x.code != Code::SingleClaimTopic));

        let single = dataset(&["a"], &[]);
        let found = Graph::new(&single).check(&single);
        assert!(
            found.iter().any(
                |x| x.code == Code::SingleClaimTopic && x.message == "topic `t` has 1 claim(s)"
            )
        );
    }
}
