//! What a claims file holds once loaded: sources, topics, claims with their
//! resolved quotes, and the relations between claims.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::text::{LineCol, LineIndex};

/// A loaded claims file. Everything valid in the file is here, even when
/// other parts of it are broken; `diagnostics` says what is not.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The claims file as given on the command line.
    pub path: PathBuf,
    /// The claims file's text, exactly as read (BOM and CRLF included);
    /// shared, so a save's base or an undo entry holding it costs a pointer.
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub title: Option<String>,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub claims: Vec<Claim>,
    /// Every declared link once, in declaration order; a link declared on
    /// both sides appears once.
    pub relations: Vec<Relation>,
    pub diagnostics: Vec<Diagnostic>,
    pub(crate) source_ids: HashMap<String, usize>,
    pub(crate) topic_ids: HashMap<String, usize>,
    pub(crate) claim_ids: HashMap<String, usize>,
}

impl Dataset {
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.source_ids.get(id).copied()
    }
    pub fn topic_index(&self, id: &str) -> Option<usize> {
        self.topic_ids.get(id).copied()
    }
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claim_ids.get(id).copied()
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
    pub fn relations_of(&self, index: usize) -> impl Iterator<Item = (&Relation, usize)> {
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
    /// The document's text; `None` when it could not be read safely.
    pub text: Option<String>,
    pub lines: LineIndex,
    /// Where the source is declared in the claims file (its table header).
    pub decl: Range<usize>,
    /// The `path` value in the claims file (the header when it is missing).
    pub path_value: Range<usize>,
}

impl Source {
    /// The title when there is one, else the id.
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub question: String,
    pub note: Option<String>,
    pub decl: Range<usize>,
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
    /// The claim's table header in the claims file.
    pub decl: Range<usize>,
    /// The `topic` value in the claims file (the header when it is missing).
    pub topic_value: Range<usize>,
    /// The `status` value in the claims file, when present.
    pub status_value: Option<Range<usize>>,
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
    pub anchor: Option<Anchor>,
    /// The quote value in the claims file.
    pub quote_value: Range<usize>,
    /// The source id value in the claims file.
    pub source_value: Range<usize>,
}

/// A quote's exact place in its source document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Anchor {
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
    pub kind: MatchKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Normalized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    Agrees,
    Contradicts,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Agrees => "agrees",
            RelationKind::Contradicts => "contradicts",
        }
    }
}

/// A symmetric link between two claims (indices into `Dataset::claims`).
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: RelationKind,
    /// The claim that declares the link.
    pub from: usize,
    pub to: usize,
    pub note: Option<String>,
    /// The entry in the claims file.
    pub decl: Range<usize>,
}

impl Relation {
    /// The claim at the other end, if `index` is one end of this link.
    pub fn other(&self, index: usize) -> Option<usize> {
        if self.from == index {
            Some(self.to)
        } else if self.to == index {
            Some(self.from)
        } else {
            None
        }
    }
    /// The two ends, smaller index first.
    pub fn ends(&self) -> (usize, usize) {
        (self.from.min(self.to), self.from.max(self.to))
    }
}
