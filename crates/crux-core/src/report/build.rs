//! Building the report model from the dataset and the graph.

use std::collections::HashMap;

use crate::beside::beside;
use crate::describe;
use crate::filter::ClaimFilter;
use crate::graph::{Graph, stances_among};
use crate::ix::{ClaimIx, SourceIx};
use crate::model::{Anchor, Dataset, RelationKind, Status};

use super::counts;
use super::matrix::matrix;
use super::model::*;
use super::open::quote_problems;
use super::quoting::Quoting;
use super::timeline::timeline;

/// `A`..`Z`, then `AA`, `AB`, ...
fn position_label(mut n: usize) -> String {
    let mut label = Vec::new();
    loop {
        label.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    label.reverse();
    String::from_utf8(label).expect("ascii")
}

pub fn build(
    dataset: &Dataset,
    graph: &Graph,
    filter: &ClaimFilter,
    timestamp: Option<String>,
) -> Report {
    let selected_list = filter.apply(dataset, graph);
    let mut selected = vec![false; dataset.claims.len()];
    for &c in &selected_list {
        selected[c.0] = true;
    }
    // The claims' entries need nothing else built here, so they are
    // built beside the rest: after the load nothing else runs, and the
    // report would otherwise be one thread's work while the other cores idle.
    let (claims, links) = std::thread::scope(|scope| {
        let claims = beside(scope, || claim_entries(dataset, &selected_list));
        let links = links(dataset, graph, &selected_list, &selected);
        (claims.join(), links)
    });
    let (mut claims, claim_index, quote_problems) = claims;
    let Links {
        relations,
        quoted,
        topics,
        matrix,
    } = links;
    for topic in &topics {
        for position in &topic.positions {
            for id in &position.claims {
                claims[claim_index[id]].position = position.label.clone();
            }
        }
    }
    let sources = source_entries(dataset, &quoted);
    let source_index = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let open = open_problems(dataset, graph, &selected_list, &relations, quote_problems);
    let classes = counts::by_class(&relations);
    let kinds = counts::by_kind(&relations);
    Report {
        schema: SCHEMA,
        title: report_title(dataset),
        file: report_file_name(&dataset.path),
        generated: timestamp,
        filter: filter_info(filter),
        headline: counts::headline(&classes, &kinds),
        counts: Counts {
            claims: claims.len(),
            claims_total: dataset.claims.len(),
            topics: topics.len(),
            sources: sources.len(),
            contradictions: classes,
            links: kinds,
        },
        progress: progress(&claims),
        diagnostics: DiagnosticCounts {
            errors: dataset.error_count(),
            warnings: dataset.warning_count(),
        },
        sources,
        contradictions: counts::groups(&relations),
        topics,
        timeline: timeline(dataset, &selected_list, &quoted),
        claims,
        relations,
        matrix,
        open,
        claim_index,
        source_index,
    }
}

fn report_title(dataset: &Dataset) -> String {
    dataset.title.clone().unwrap_or_else(|| {
        dataset.path.file_name().map_or_else(
            || "claims".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    })
}

fn filter_info(filter: &ClaimFilter) -> FilterInfo {
    FilterInfo {
        active: filter.is_active(),
        description: filter.describe(),
        topic: filter.topic.clone(),
        status: filter.status,
        source: filter.source.clone(),
        party: filter.party.clone(),
        contradictions_only: filter.contradicted_only,
    }
}

fn progress(claims: &[ClaimEntry]) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|&status| StatusCount {
            status,
            count: claims.iter().filter(|c| c.status == status).count(),
        })
        .collect()
}

/// The report's claims' entries, their positions left blank, with the
/// index of each by id, and their quotes' open problems.
fn claim_entries(
    dataset: &Dataset,
    selected_list: &[ClaimIx],
) -> (Vec<ClaimEntry>, HashMap<String, usize>, Vec<QuoteProblem>) {
    let claims: Vec<ClaimEntry> = selected_list
        .iter()
        .map(|&c| claim_entry(dataset, c))
        .collect();
    let index = claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    (claims, index, quote_problems(dataset, selected_list))
}

/// What the report says of the links between its claims.
struct Links {
    relations: Vec<RelationEntry>,
    /// For each source, how many of the report's claims quote it.
    quoted: Vec<usize>,
    topics: Vec<TopicEntry>,
    matrix: Matrix,
}

fn links(dataset: &Dataset, graph: &Graph, selected_list: &[ClaimIx], selected: &[bool]) -> Links {
    let quoting = Quoting::of(dataset, selected_list);
    let (relations, relation_ends) = relation_entries(dataset, selected, &quoting);
    let quoted = quoting.claims_quoting(dataset);
    let (topics, matrix) = std::thread::scope(|scope| {
        let matrix = beside(scope, || {
            matrix(dataset, &quoting, &quoted, &relation_ends, &relations)
        });
        let topics = topic_entries(dataset, graph, selected_list, &relation_ends, &relations);
        (topics, matrix.join())
    });
    Links {
        relations,
        quoted,
        topics,
        matrix,
    }
}

/// Relations whose two ends are both in the report, in declaration order,
/// with the claim indices of their ends.
fn relation_entries(
    dataset: &Dataset,
    selected: &[bool],
    quoting: &Quoting,
) -> (Vec<RelationEntry>, Vec<(ClaimIx, ClaimIx)>) {
    let mut relation_ends = Vec::new();
    let relations = dataset
        .relations
        .iter()
        .filter(|r| selected[r.from.0] && selected[r.to.0])
        .map(|r| {
            relation_ends.push((r.from, r.to));
            let (from, to) = (&dataset.claims[r.from], &dataset.claims[r.to]);
            RelationEntry {
                kind: r.kind,
                from: from.id.clone(),
                to: to.id.clone(),
                note: r.note.clone(),
                disagreement: quoting.disagreement(r),
                unreviewed: !from.status.is_reviewed() || !to.status.is_reviewed(),
            }
        })
        .collect();
    (relations, relation_ends)
}

fn source_entries(dataset: &Dataset, quoted: &[usize]) -> Vec<SourceEntry> {
    dataset
        .sources
        .iter()
        .zip(quoted)
        .map(|(s, &n)| SourceEntry {
            id: s.id.clone(),
            path: s.path.clone(),
            title: s.title.clone(),
            author: s.author.clone(),
            outlet: s.outlet.clone(),
            date: s.date.clone(),
            readable: s.document.is_some(),
            claims: n,
        })
        .collect()
}

fn open_problems(
    dataset: &Dataset,
    graph: &Graph,
    selected_list: &[ClaimIx],
    relations: &[RelationEntry],
    quotes: Vec<QuoteProblem>,
) -> OpenProblems {
    OpenProblems {
        quotes,
        unreviewed_contradictions: relations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RelationKind::Contradicts && r.unreviewed)
            .map(|(i, _)| i)
            .collect(),
        unrelated_claims: selected_list
            .iter()
            .filter(|&&c| !graph.is_linked(c))
            .map(|&c| dataset.claims[c].id.clone())
            .collect(),
    }
}

/// The quote at `anchor` on the page the source is published at, as the
/// page shows it (markup left out), with the words around it on its line.
fn live_link(source: &crate::model::Source, anchor: &Anchor) -> Option<String> {
    let url = source.url.as_deref()?;
    let document = source.document.as_deref()?;
    let text = document.text();
    let shown = document.display_range(&anchor.bytes);
    let line_start = crate::text::line_start(text, shown.start);
    let line_end = crate::text::line_end(text, shown.end);
    super::html::fragment::link(
        url,
        &text[line_start..shown.start],
        &text[shown.clone()],
        &text[shown.end..line_end],
    )
}

fn claim_entry(dataset: &Dataset, c: ClaimIx) -> ClaimEntry {
    let claim = &dataset.claims[c];
    let mut sources: Vec<String> = Vec::new();
    let spans = claim
        .spans
        .iter()
        .map(|span| {
            let source = dataset.source(&span.source);
            let passage = match (&span.anchor, source.and_then(|s| s.text())) {
                (Some(anchor), Some(text)) => text.get(anchor.bytes.clone()).map(str::to_string),
                _ => None,
            };
            if !sources.contains(&span.source) {
                sources.push(span.source.clone());
            }
            SpanEntry {
                source: span.source.clone(),
                path: source.map(|s| s.path.clone()),
                quote: span.quote.clone(),
                passage,
                match_kind: span_match(span.anchor.as_ref()),
                live: source.and_then(|s| live_link(s, span.anchor.as_ref()?)),
                anchor: span.anchor.clone(),
            }
        })
        .collect();
    ClaimEntry {
        id: claim.id.clone(),
        topic: claim.topic.clone(),
        position: String::new(),
        text: claim.text.clone(),
        status: claim.status,
        note: claim.note.clone(),
        line: dataset.location(claim.decl.start).line,
        asserted_by: claim.asserted_by.as_ref().map(|by| by.value.clone()),
        assertor: describe::assertor(dataset, c),
        mode: claim.mode,
        hedge: claim.hedge.clone(),
        how: describe::how(claim),
        about: describe::about(dataset, c),
        sources,
        spans,
    }
}

fn topic_entries(
    dataset: &Dataset,
    graph: &Graph,
    selected: &[ClaimIx],
    relation_ends: &[(ClaimIx, ClaimIx)],
    relations: &[RelationEntry],
) -> Vec<TopicEntry> {
    // Declared topics in file order, then undeclared ids in order of first use.
    let mut order: Vec<(&str, Option<usize>)> = dataset
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), Some(i)))
        .collect();
    // Each topic id used, looked up once per claim: the relations then
    // find their ends' topics by claim.
    let mut slot_of: HashMap<&str, usize> = HashMap::new();
    let mut members_of: Vec<Vec<ClaimIx>> = Vec::new();
    let mut slot_of_claim = vec![usize::MAX; dataset.claims.len()];
    for &c in selected {
        let id = dataset.claims[c].topic.as_str();
        let slot = *slot_of.entry(id).or_insert_with(|| {
            if dataset.topic_index(id).is_none() {
                order.push((id, None));
            }
            members_of.push(Vec::new());
            members_of.len() - 1
        });
        members_of[slot].push(c);
        slot_of_claim[c.0] = slot;
    }
    // Every relation in the report has both ends selected, so it touches
    // the topics of its two ends and no other.
    let mut relations_of: Vec<Vec<usize>> = vec![Vec::new(); members_of.len()];
    for (i, &(a, b)) in relation_ends.iter().enumerate() {
        let (slot_a, slot_b) = (slot_of_claim[a.0], slot_of_claim[b.0]);
        relations_of[slot_a].push(i);
        if slot_b != slot_a {
            relations_of[slot_b].push(i);
        }
    }
    let mut topics = Vec::new();
    for (id, declared) in order {
        let Some(&slot) = slot_of.get(id) else {
            continue;
        };
        let members = members_of[slot].as_slice();
        let touching_topic = relations_of[slot].as_slice();
        let positions = position_entries(dataset, graph, members);
        let touching = |kinds: &[RelationKind]| -> Vec<usize> {
            touching_topic
                .iter()
                .copied()
                .filter(|&i| kinds.contains(&relations[i].kind))
                .collect()
        };
        let mut contradictions = touching(&[RelationKind::Contradicts]);
        contradictions.sort_by_key(|&i| relations[i].disagreement);
        let topic = declared.map(|i| &dataset.topics[i]);
        topics.push(TopicEntry {
            question: topic.map(|t| t.question.clone()).unwrap_or_default(),
            note: topic.and_then(|t| t.note.clone()),
            declared: topic.is_some(),
            disputed: !contradictions.is_empty(),
            claims: members
                .iter()
                .map(|&c| dataset.claims[c].id.clone())
                .collect(),
            positions,
            contradictions,
            corroborations: touching(&[RelationKind::Agrees]),
            other_relations: touching(&[
                RelationKind::Refines,
                RelationKind::Updates,
                RelationKind::Rivals,
                RelationKind::Contrasts,
            ]),
            id: id.to_owned(),
        });
    }
    topics
}

/// The positions among a topic's `members`, labelled `A`, `B`, ...
fn position_entries(dataset: &Dataset, graph: &Graph, members: &[ClaimIx]) -> Vec<Position> {
    let source_id = |s: &SourceIx| dataset.sources[*s].id.clone();
    stances_among(dataset, graph, members)
        .into_iter()
        .enumerate()
        .map(|(n, stance)| Position {
            label: position_label(n),
            claims: stance
                .claims
                .iter()
                .map(|&c| dataset.claims[c].id.clone())
                .collect(),
            parties: stance
                .parties
                .iter()
                .map(|&p| dataset.parties[p].name.clone())
                .collect(),
            documents: stance.documents.iter().map(source_id).collect(),
            // Sources that quote a claim of the position only as a party's.
            reported_by: stance
                .reporters
                .iter()
                .filter(|s| !stance.documents.contains(s))
                .map(source_id)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn position_labels_continue_past_z() {
        assert_eq!(position_label(0), "A");
        assert_eq!(position_label(25), "Z");
        assert_eq!(position_label(26), "AA");
        assert_eq!(position_label(27), "AB");
        assert_eq!(position_label(26 + 26 * 26), "AAA");
    }

    #[test]
    fn absolute_claims_paths_lose_their_directories() {
        assert_eq!(report_file_name(Path::new("claims.toml")), "claims.toml");
        assert_eq!(report_file_name(Path::new("a/b.toml")), "a/b.toml");
        assert_eq!(report_file_name(Path::new("/home/me/b.toml")), "b.toml");
    }
}
