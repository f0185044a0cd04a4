//! What a claims file holds once loaded: sources, topics, parties, periods,
//! claims with their resolved quotes, and the relations between claims.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::ix::{ClaimIx, PartyIx, PeriodIx, RelationIx, SourceIx, TopicIx};
use crate::shared_text::SharedText;
use crate::text::{LineCol, LineIndex};
use crate::when::{TimeSpan, When};

/// A loaded claims file. Everything valid in the file is here, even when
/// other parts of it are broken; `diagnostics` says what is not.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The claims file as given on the command line.
    pub path: PathBuf,
    /// The claims file's text, exactly as read (BOM and CRLF included);
    /// shared, so a save's base or an undo entry holding it costs a pointer.
    pub text: SharedText,
    pub lines: LineIndex,
    pub title: Option<String>,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub parties: Vec<Party>,
    pub periods: Vec<Period>,
    pub claims: Vec<Claim>,
    /// Every declared link once, in declaration order; a link declared on
    /// both sides appears once.
    pub relations: Vec<Relation>,
    /// Links and positions over `claims` and `relations`, built once by
    /// the loader for its checks and kept for every front end.
    pub graph: Graph,
    /// Every link entry's target as written, resolved or not, in file order.
    pub link_targets: Vec<LinkTarget>,
    pub diagnostics: Vec<Diagnostic>,
    pub(crate) source_ids: HashMap<String, SourceIx>,
    pub(crate) topic_ids: HashMap<String, TopicIx>,
    pub(crate) party_ids: HashMap<String, PartyIx>,
    pub(crate) period_ids: HashMap<String, PeriodIx>,
    pub(crate) claim_ids: HashMap<String, ClaimIx>,
}

/// Adjacency and positions of a dataset's claims, built once per load.
/// Declared here so a `Dataset` can hold it; built and queried by `graph`.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// For each kind (in `RelationKind::ALL` order), for each claim:
    /// (other claim, relation index) of its links of that kind.
    pub(crate) links: Vec<Vec<Vec<(ClaimIx, RelationIx)>>>,
    /// For each claim, the position it belongs to.
    pub(crate) position_of: Vec<usize>,
    /// Claims of each position, in file order.
    pub(crate) positions: Vec<Vec<ClaimIx>>,
}

impl Dataset {
    pub fn source_index(&self, id: &str) -> Option<SourceIx> {
        self.source_ids.get(id).copied()
    }
    pub fn topic_index(&self, id: &str) -> Option<TopicIx> {
        self.topic_ids.get(id).copied()
    }
    pub fn claim_index(&self, id: &str) -> Option<ClaimIx> {
        self.claim_ids.get(id).copied()
    }
    pub fn party_index(&self, id: &str) -> Option<PartyIx> {
        self.party_ids.get(id).copied()
    }
    pub fn period_index(&self, id: &str) -> Option<PeriodIx> {
        self.period_ids.get(id).copied()
    }
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.party_index(id).map(|i| &self.parties[i])
    }
    pub fn period(&self, id: &str) -> Option<&Period> {
        self.period_index(id).map(|i| &self.periods[i])
    }
    /// The days claim `index` is about, its named period resolved; `None`
    /// when it gives no time or names an unknown period.
    pub fn claim_time(&self, index: ClaimIx) -> Option<TimeSpan> {
        match &self.claims[index].when.as_ref()?.value {
            When::Dates(span) => Some(*span),
            When::Period(id) => self.period(id)?.span,
        }
    }
    /// Who asserts claim `index`: a declared party, else the voice of the
    /// documents that make it (an unknown party is diagnosed, and counts
    /// as no voice at all rather than as the document's).
    pub fn voice(&self, index: ClaimIx) -> Voice {
        match &self.claims[index].asserted_by {
            None => Voice::Document,
            Some(by) => match self.party_index(&by.value) {
                Some(party) => Voice::Party(party),
                None => Voice::Unknown,
            },
        }
    }
    /// The sources claim `index` quotes, each once, in index order.
    pub fn claim_sources(&self, index: ClaimIx) -> Vec<SourceIx> {
        let mut sources: Vec<SourceIx> = self.claims[index]
            .spans
            .iter()
            .filter_map(|s| self.source_index(&s.source))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index(id).map(|i| &self.sources[i])
    }
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index(id).map(|i| &self.topics[i])
    }
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index(id).map(|i| &self.claims[i])
    }
    /// Line and column of a byte offset in the claims file.
    pub fn location(&self, byte: usize) -> LineCol {
        self.lines.line_col(&self.text, byte)
    }
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
    /// Relations that touch claim `index`, with the other claim's index.
    pub fn relations_of(&self, index: ClaimIx) -> impl Iterator<Item = (&Relation, ClaimIx)> {
        self.relations
            .iter()
            .filter_map(move |r| r.other(index).map(|o| (r, o)))
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    /// The path as written in the claims file (relative to it).
    pub path: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
    /// Where the document is published, for exports and imports.
    pub url: Option<String>,
    /// The document read; `None` when it could not be read safely.
    pub document: Option<Arc<Document>>,
    /// Where the source is declared in the claims file (its table header).
    pub decl: Range<usize>,
    /// The `path` value in the claims file (the header when it is missing).
    pub path_value: Range<usize>,
}

impl Source {
    /// Whether it names a document to read: its path is not blank (a
    /// blank one is diagnosed as missing).
    pub fn has_document(&self) -> bool {
        !self.path.trim().is_empty()
    }

    /// The title when there is one, else the id.
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }

    /// The text its quotes are written against and its anchors index
    /// (see [`Document::quoted`]); `None` when it could not be read.
    pub fn text(&self) -> Option<&str> {
        self.document.as_deref().map(Document::quoted)
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub question: String,
    pub note: Option<String>,
    pub decl: Range<usize>,
}

/// Someone a document reports as saying something: a ministry, a
/// president, a TV channel. Declared once, like a topic.
#[derive(Debug, Clone)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub decl: Range<usize>,
}

/// A named stretch of time, such as "the June 2025 war".
#[derive(Debug, Clone)]
pub struct Period {
    pub id: String,
    pub name: String,
    /// Its days; `None` when its `when` is missing or malformed (diagnosed).
    pub span: Option<TimeSpan>,
    pub note: Option<String>,
    pub decl: Range<usize>,
}

/// Who asserts a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Voice {
    /// The documents that make the claim, in their own voice.
    Document,
    /// A declared party the documents report (index into `parties`).
    Party(PartyIx),
    /// `asserted_by` names no declared party.
    Unknown,
}

/// How a claim is put forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Qualified by a hedge word ("likely", "it seems").
    Hedged,
    /// One explanation put forward among others, not endorsed.
    Hypothesis,
    /// About what will happen.
    Forecast,
    /// About what someone should do.
    Recommendation,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Asserted,
        Mode::Hedged,
        Mode::Hypothesis,
        Mode::Forecast,
        Mode::Recommendation,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Hedged => "hedged",
            Mode::Hypothesis => "hypothesis",
            Mode::Forecast => "forecast",
            Mode::Recommendation => "recommendation",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Unreviewed,
    Confirmed,
    Disputed,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Unreviewed,
        Status::Confirmed,
        Status::Disputed,
        Status::Rejected,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::Confirmed => "confirmed",
            Status::Disputed => "disputed",
            Status::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
    pub fn is_reviewed(self) -> bool {
        self != Status::Unreviewed
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    /// Topic id as written; may name a topic that does not exist (diagnosed).
    pub topic: String,
    pub text: String,
    pub spans: Vec<Span>,
    pub status: Status,
    pub note: Option<String>,
    /// The party that asserts the claim as written; `None` is the voice of
    /// the documents that make it.
    pub asserted_by: Option<Located<String>>,
    pub mode: Mode,
    /// The hedge word kept from the document ("likely", "it seems").
    pub hedge: Option<String>,
    /// The time the claim is about, as parsed.
    pub when: Option<Located<When>>,
    /// The claim's table header in the claims file.
    pub decl: Range<usize>,
    /// The `topic` value in the claims file (the header when it is missing).
    pub topic_value: Range<usize>,
    /// The `status` value in the claims file, when present.
    pub status_value: Option<Range<usize>>,
    /// Where a `status` line would go when the claim has no `status` key:
    /// the value that ends last in its `[claims.<id>]` table. `None` when
    /// it has one, or is written in another form (an inline table, dotted
    /// keys, a sub-table).
    pub status_after: Option<Range<usize>>,
}

/// The byte range, in the claims file, of bytes `part` of a string value
/// written at `value` (quotes included) whose text is `written`: exact when
/// the value is written without escapes, else the whole value.
pub fn part_of_value(
    file: &str,
    value: &Range<usize>,
    written: &str,
    part: Range<usize>,
) -> Range<usize> {
    let raw = file.get(value.clone()).unwrap_or("");
    let quoted = [('"', '"'), ('\'', '\'')].iter().any(|&(open, close)| {
        raw.strip_prefix(open).and_then(|r| r.strip_suffix(close)) == Some(written)
    });
    if quoted && part.end <= written.len() {
        value.start + 1 + part.start..value.start + 1 + part.end
    } else {
        value.clone()
    }
}

/// A value read from the claims file with the byte range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// One quote of a claim and, when it resolved, where it sits in its source.
#[derive(Debug, Clone)]
pub struct Span {
    /// Source id as written.
    pub source: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub occurrence: Option<usize>,
    /// The line of the document the quote last started on, as written
    /// (`line = N`): a hint that breaks ties between places.
    pub line: Option<usize>,
    pub anchor: Option<Anchor>,
    /// The quote value in the claims file.
    pub quote_value: Range<usize>,
    /// The source id value in the claims file.
    pub source_value: Range<usize>,
}

/// A quote's exact place in its source document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Anchor {
    /// In the document's quoted text ([`Source::text`]).
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
    /// Where the quote starts and ends in the file.
    pub start: LineCol,
    pub end: LineCol,
    pub kind: MatchKind,
    /// For a paged document (a PDF): the page the quote starts on, and the
    /// line within that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<crate::pdf::PageLine>,
}

impl Anchor {
    /// Where the quote starts, as a reader of the document finds it:
    /// `p. 3, line 12` in a paged document, else `line 12`.
    pub fn cited_line(&self) -> String {
        match self.page {
            Some(at) => format!("p. {}, line {}", at.page, at.line),
            None => format!("line {}", self.start.line),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Normalized,
}

/// Why two claims differ, or that they do not. Each kind is written as a
/// key of the claim table that declares the link (`refines = [...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// Both say the same, or one bears out the other.
    Agrees,
    /// Both cannot be true of the same thing at the same time.
    Contradicts,
    /// The declaring claim is a more precise version of the same fact.
    Refines,
    /// The declaring claim is later information that replaces the other.
    Updates,
    /// Alternative explanations of the same thing, offered as such.
    Rivals,
    /// Both can be true, but they pull apart in emphasis or framing.
    Contrasts,
}

impl RelationKind {
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Agrees,
        RelationKind::Contradicts,
        RelationKind::Refines,
        RelationKind::Updates,
        RelationKind::Rivals,
        RelationKind::Contrasts,
    ];
    /// The key the kind is written under in a claim table.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Agrees => "agrees",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Refines => "refines",
            RelationKind::Updates => "updates",
            RelationKind::Rivals => "rivals",
            RelationKind::Contrasts => "contrasts",
        }
    }
    pub fn parse(s: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Whether it matters which claim declares the link.
    pub fn is_directional(self) -> bool {
        matches!(self, RelationKind::Refines | RelationKind::Updates)
    }
    /// Whether the two claims hold one position (both true of one fact).
    pub fn joins_position(self) -> bool {
        matches!(self, RelationKind::Agrees | RelationKind::Refines)
    }
    /// How the link reads from one of its claims towards the other:
    /// `declaring` when that claim is the one that declares it.
    pub fn phrase(self, declaring: bool) -> &'static str {
        match (self, declaring) {
            (RelationKind::Agrees, _) => "agrees with",
            (RelationKind::Contradicts, _) => "contradicts",
            (RelationKind::Refines, true) => "refines",
            (RelationKind::Refines, false) => "is refined by",
            (RelationKind::Updates, true) => "updates",
            (RelationKind::Updates, false) => "is updated by",
            (RelationKind::Rivals, _) => "is an alternative to",
            (RelationKind::Contrasts, _) => "is in tension with",
        }
    }
}

/// A link between two claims (indices into `Dataset::claims`); symmetric
/// unless its kind is directional, when it runs from `from` to `to`.
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: RelationKind,
    /// The claim that declares the link.
    pub from: ClaimIx,
    pub to: ClaimIx,
    pub note: Option<String>,
    /// The entry in the claims file.
    pub decl: Range<usize>,
}

/// Where a link entry names the claim it links to.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    /// The claim that declares the link.
    pub from: ClaimIx,
    pub kind: RelationKind,
    /// The target claim's id as written, and its value in the claims file.
    pub claim: Located<String>,
}

impl Relation {
    /// The claim at the other end, if `index` is one end of this link.
    pub fn other(&self, index: ClaimIx) -> Option<ClaimIx> {
        if self.from == index {
            Some(self.to)
        } else if self.to == index {
            Some(self.from)
        } else {
            None
        }
    }
    /// The two ends, smaller index first.
    pub fn ends(&self) -> (ClaimIx, ClaimIx) {
        (self.from.min(self.to), self.from.max(self.to))
    }
}
