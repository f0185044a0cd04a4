//! The report model: everything a report shows, built once from the dataset
//! and the graph. Renderers only lay it out; they derive nothing.
//!
//! Strings here are raw (exactly as in the claims file or the document);
//! each renderer makes them safe for its format. The model serializes as
//! the JSON report (`docs/REPORT-SCHEMA.md`).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::describe::{self, About};
use crate::filter::ClaimFilter;
use crate::graph::{Disagreement, Graph, stances_among};
use crate::model::{Anchor, Dataset, MatchKind, Mode, RelationKind, Status};

use super::counts;
pub use super::counts::{ClassCount, ContradictionGroup, HeadlineItem, KindCount};
pub use super::matrix::Matrix;
use super::matrix::matrix;
use super::open::quote_problems;
pub use super::open::{OpenProblems, QuoteProblem};
use super::timeline::timeline;
pub use super::timeline::{Timeline, TimelineEntry};

/// The JSON schema id; bump it when a field changes meaning or goes away.
pub const SCHEMA: &str = "crux-report/2";

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub title: String,
    /// The claims file as given (only its file name when given absolute).
    pub file: String,
    pub generated: Option<String>,
    pub filter: FilterInfo,
    pub counts: Counts,
    /// The counts as the report's first line reads them, by kind.
    pub headline: Vec<HeadlineItem>,
    pub progress: Vec<StatusCount>,
    pub diagnostics: DiagnosticCounts,
    pub sources: Vec<SourceEntry>,
    /// The report's contradictions by class, documents disagreeing first.
    pub contradictions: Vec<ContradictionGroup>,
    pub topics: Vec<TopicEntry>,
    pub timeline: Timeline,
    pub claims: Vec<ClaimEntry>,
    pub relations: Vec<RelationEntry>,
    pub matrix: Matrix,
    pub open: OpenProblems,
    #[serde(skip)]
    claim_index: HashMap<String, usize>,
    #[serde(skip)]
    source_index: HashMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterInfo {
    pub active: bool,
    /// e.g. `topic=drone-origin status=unreviewed`; empty when inactive.
    pub description: String,
    pub topic: Option<String>,
    pub status: Option<Status>,
    pub source: Option<String>,
    pub party: Option<String>,
    pub contradictions_only: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Claims in the report (after filtering).
    pub claims: usize,
    /// Claims in the claims file.
    pub claims_total: usize,
    pub topics: usize,
    pub sources: usize,
    /// `contradicts` links by who disagrees, in the order of
    /// `Disagreement::ALL`, zeros included.
    pub contradictions: Vec<ClassCount>,
    /// Links of the other kinds: updates, refines, rivals, contrasts,
    /// agrees, zeros included.
    pub links: Vec<KindCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticCounts {
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    pub id: String,
    /// The path as written in the claims file.
    pub path: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// Whether the document could be read.
    pub readable: bool,
    /// Claims in the report quoting it.
    pub claims: usize,
}

impl SourceEntry {
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicEntry {
    pub id: String,
    pub question: String,
    pub note: Option<String>,
    /// False for a topic id claims use but the file never declares.
    pub declared: bool,
    /// At least one `contradicts` link touches its claims: two claims that
    /// cannot both be true.
    pub disputed: bool,
    /// Claim ids, in file order.
    pub claims: Vec<String>,
    pub positions: Vec<Position>,
    /// Indices into `relations` of contradictions touching its claims,
    /// by class (documents disagreeing first), then in declaration order.
    pub contradictions: Vec<usize>,
    /// Indices into `relations` of agreements touching its claims.
    pub corroborations: Vec<usize>,
    /// Indices into `relations` of links of the other kinds (refines,
    /// updates, rivals, contrasts) touching its claims: none of them a
    /// contradiction.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_relations: Vec<usize>,
}

/// Claims of one topic joined by agreement (a graph position restricted to
/// the topic's claims in the report), with who holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Position {
    /// `A`, `B`, ... within the topic.
    pub label: String,
    pub claims: Vec<String>,
    /// Names of the parties whose claims these are.
    pub parties: Vec<String>,
    /// Ids of the sources that make one of these claims in their own voice.
    pub documents: Vec<String>,
    /// Ids of the sources that make one of these claims only as a party's:
    /// they report the position without holding it.
    pub reported_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimEntry {
    pub id: String,
    pub topic: String,
    /// Label of its position within its topic.
    pub position: String,
    pub text: String,
    pub status: Status,
    pub note: Option<String>,
    /// Line of the claim's table header in the claims file.
    pub line: usize,
    /// The party id as written in `asserted_by`; `None` is the document's
    /// own voice.
    pub asserted_by: Option<String>,
    /// Who asserts it, in words: the party's name or the document's own voice.
    pub assertor: String,
    pub mode: Mode,
    pub hedge: Option<String>,
    /// The mode with its hedge word, e.g. `hedged ("it seems")`.
    pub how: String,
    /// The time it is about; `None` when it states none.
    pub about: Option<About>,
    /// Ids of the sources it quotes, each once, in span order.
    pub sources: Vec<String>,
    pub spans: Vec<SpanEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpanEntry {
    /// Source id as written.
    pub source: String,
    /// The source's path as written, when the source exists.
    pub path: Option<String>,
    /// The quote as typed in the claims file.
    pub quote: String,
    /// The document's own text at `anchor.bytes`, when the quote resolved.
    pub passage: Option<String>,
    #[serde(rename = "match")]
    pub match_kind: SpanMatch,
    pub anchor: Option<Anchor>,
    /// The passage on the live page (a URL text fragment), when the
    /// source has a `url` and the quote resolved.
    #[serde(skip)]
    pub live: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanMatch {
    Exact,
    Normalized,
    Unresolved,
}

impl SpanMatch {
    pub fn as_str(self) -> &'static str {
        match self {
            SpanMatch::Exact => "exact",
            SpanMatch::Normalized => "normalized",
            SpanMatch::Unresolved => "unresolved",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationEntry {
    pub kind: RelationKind,
    /// The claim that declares the link.
    pub from: String,
    pub to: String,
    pub note: Option<String>,
    /// For a contradiction, who disagrees with whom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<Disagreement>,
    /// True when either claim is unreviewed.
    pub unreviewed: bool,
}

impl Report {
    pub fn claim(&self, id: &str) -> Option<&ClaimEntry> {
        self.claim_index.get(id).map(|&i| &self.claims[i])
    }
    /// Index of a claim in `claims`.
    pub fn claim_number(&self, id: &str) -> Option<usize> {
        self.claim_index.get(id).copied()
    }
    pub fn source(&self, id: &str) -> Option<&SourceEntry> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }
    pub fn disputed_topics(&self) -> impl Iterator<Item = &TopicEntry> {
        self.topics.iter().filter(|t| t.disputed)
    }
    pub fn undisputed_topics(&self) -> impl Iterator<Item = &TopicEntry> {
        self.topics.iter().filter(|t| !t.disputed)
    }
    pub fn reviewed(&self) -> usize {
        self.progress
            .iter()
            .filter(|p| p.status.is_reviewed())
            .map(|p| p.count)
            .sum()
    }
}

/// The claims file as it may appear in a report: as given when relative,
/// only the file name when absolute (no machine paths in reports).
pub fn report_file_name(path: &Path) -> String {
    let shown = if path.is_absolute() {
        path.file_name().map(Path::new).unwrap_or(Path::new(""))
    } else {
        path
    };
    shown.to_string_lossy().into_owned()
}

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
        selected[c] = true;
    }

    let mut claims: Vec<ClaimEntry> = selected_list
        .iter()
        .map(|&c| claim_entry(dataset, c))
        .collect();
    let claim_index: HashMap<String, usize> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();

    // Relations whose two ends are both in the report, in declaration order.
    let mut relation_ends = Vec::new();
    let relations: Vec<RelationEntry> = dataset
        .relations
        .iter()
        .filter(|r| selected[r.from] && selected[r.to])
        .map(|r| {
            relation_ends.push((r.from, r.to));
            let (from, to) = (&dataset.claims[r.from], &dataset.claims[r.to]);
            RelationEntry {
                kind: r.kind,
                from: from.id.clone(),
                to: to.id.clone(),
                note: r.note.clone(),
                disagreement: dataset.disagreement(r),
                unreviewed: !from.status.is_reviewed() || !to.status.is_reviewed(),
            }
        })
        .collect();

    let topics = topic_entries(dataset, graph, &selected_list, &relation_ends, &relations);
    for topic in &topics {
        for position in &topic.positions {
            for id in &position.claims {
                claims[claim_index[id]].position = position.label.clone();
            }
        }
    }

    let mut quoted = vec![0usize; dataset.sources.len()];
    for &c in &selected_list {
        let mut seen: Vec<usize> = dataset.claims[c]
            .spans
            .iter()
            .filter_map(|s| dataset.source_index(&s.source))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            quoted[s] += 1;
        }
    }
    let sources: Vec<SourceEntry> = dataset
        .sources
        .iter()
        .zip(&quoted)
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
        .collect();
    let source_index = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();

    let matrix = matrix(dataset, &quoted, &relation_ends, &relations);
    let open = OpenProblems {
        quotes: quote_problems(dataset, &selected_list),
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
    };

    let classes = counts::by_class(&relations);
    let kinds = counts::by_kind(&relations);
    Report {
        schema: SCHEMA,
        title: dataset.title.clone().unwrap_or_else(|| {
            dataset.path.file_name().map_or_else(
                || "claims".to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        }),
        file: report_file_name(&dataset.path),
        generated: timestamp,
        filter: FilterInfo {
            active: filter.is_active(),
            description: filter.describe(),
            topic: filter.topic.clone(),
            status: filter.status,
            source: filter.source.clone(),
            party: filter.party.clone(),
            contradictions_only: filter.contradicted_only,
        },
        headline: counts::headline(&classes, &kinds),
        counts: Counts {
            claims: claims.len(),
            claims_total: dataset.claims.len(),
            topics: topics.len(),
            sources: sources.len(),
            contradictions: classes,
            links: kinds,
        },
        progress: Status::ALL
            .iter()
            .map(|&status| StatusCount {
                status,
                count: claims.iter().filter(|c| c.status == status).count(),
            })
            .collect(),
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

/// The quote at `anchor` on the page the source is published at, as the
/// page shows it (markup left out), with the words around it on its line.
fn live_link(source: &crate::model::Source, anchor: &Anchor) -> Option<String> {
    let url = source.url.as_deref()?;
    let document = source.document.as_deref()?;
    let text = document.text();
    let shown = document.display_range(&anchor.bytes);
    let line_start = text[..shown.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[shown.end..]
        .find('\n')
        .map_or(text.len(), |i| shown.end + i);
    super::html::fragment::link(
        url,
        &text[line_start..shown.start],
        &text[shown.clone()],
        &text[shown.end..line_end],
    )
}

fn claim_entry(dataset: &Dataset, c: usize) -> ClaimEntry {
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

pub(super) fn span_match(anchor: Option<&Anchor>) -> SpanMatch {
    match anchor.map(|a| a.kind) {
        Some(MatchKind::Exact) => SpanMatch::Exact,
        Some(MatchKind::Normalized) => SpanMatch::Normalized,
        None => SpanMatch::Unresolved,
    }
}

fn topic_entries(
    dataset: &Dataset,
    graph: &Graph,
    selected: &[usize],
    relation_ends: &[(usize, usize)],
    relations: &[RelationEntry],
) -> Vec<TopicEntry> {
    // Declared topics in file order, then undeclared ids in order of first use.
    let mut order: Vec<(String, Option<usize>)> = dataset
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), Some(i)))
        .collect();
    for &c in selected {
        let id = &dataset.claims[c].topic;
        if dataset.topic_index(id).is_none() && !order.iter().any(|(t, _)| t == id) {
            order.push((id.clone(), None));
        }
    }
    let mut topics = Vec::new();
    for (id, declared) in order {
        let members: Vec<usize> = selected
            .iter()
            .copied()
            .filter(|&c| dataset.claims[c].topic == id)
            .collect();
        if members.is_empty() {
            continue;
        }
        let positions: Vec<Position> = stances_among(dataset, graph, &members)
            .into_iter()
            .enumerate()
            .map(|(n, stance)| {
                let source_id = |s: &usize| dataset.sources[*s].id.clone();
                // Sources that quote a claim of the position only as a party's.
                let reported_by = stance
                    .reporters
                    .iter()
                    .filter(|s| !stance.documents.contains(s))
                    .map(source_id)
                    .collect();
                Position {
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
                    reported_by,
                }
            })
            .collect();
        let touching = |kinds: &[RelationKind]| -> Vec<usize> {
            relation_ends
                .iter()
                .enumerate()
                .filter(|&(i, (a, b))| {
                    kinds.contains(&relations[i].kind)
                        && (members.contains(a) || members.contains(b))
                })
                .map(|(i, _)| i)
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
            id,
        });
    }
    topics
}

#[cfg(test)]
mod tests {
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
