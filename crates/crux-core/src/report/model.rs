//! The report model: everything a report shows, built once from the dataset
//! and the graph (`build.rs`). Renderers only lay it out; they derive nothing.
//!
//! Strings here are raw (exactly as in the claims file or the document);
//! each renderer makes them safe for its format. The model serializes as
//! the JSON report (`docs/REPORT-SCHEMA.md`).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::describe::About;
use crate::graph::Disagreement;
use crate::model::{Anchor, MatchKind, Mode, RelationKind, Status};

pub use super::counts::{ClassCount, ContradictionGroup, HeadlineItem, KindCount};
pub use super::matrix::{Matrix, Table};
pub use super::open::{OpenProblems, QuoteProblem};
pub use super::timeline::{Timeline, TimelineEntry, timeline};

/// The JSON schema id; bump it when a field changes meaning or goes away.
pub const SCHEMA: &str = "crux-report/3";

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
    pub(super) claim_index: HashMap<String, usize>,
    #[serde(skip)]
    pub(super) source_index: HashMap<String, usize>,
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

pub(super) fn span_match(anchor: Option<&Anchor>) -> SpanMatch {
    match anchor.map(|a| a.kind) {
        Some(MatchKind::Exact) => SpanMatch::Exact,
        Some(MatchKind::Normalized) => SpanMatch::Normalized,
        None => SpanMatch::Unresolved,
    }
}
