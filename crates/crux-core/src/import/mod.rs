//! Imports of other tools' annotations into the claims file: W3C Web
//! Annotations (what `crux export --format w3c` writes) and Hypothesis
//! exports. Each format is read into [`Incoming`]; [`plan`] then anchors
//! every annotation in the local copy of its document and turns what is
//! new into [`Edit`](crate::edit::Edit)s, written through the one save path.

pub mod hypothesis;
mod json;
mod links;
mod locate;
mod place;
mod plan;
pub mod w3c;

use std::ops::Range;

use crate::diag::Diagnostic;

pub use place::{Placed, place};
pub use plan::{Options, Plan, plan};

/// What an annotation says about its passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selectors {
    pub exact: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// A TextPositionSelector: code points into the document's text.
    pub position: Option<Range<usize>>,
}

/// One annotation of a passage, as read from an import file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// Its place in the import file (its id), for diagnostics.
    pub at: Option<Range<usize>>,
    /// How messages name it: `annotation `<id>``.
    pub name: String,
    /// Its own IRI or id, which links name.
    pub iri: Option<String>,
    /// The claim and span (0-based) crux exported it from.
    pub crux_span: Option<(String, usize)>,
    /// The document it annotates.
    pub uri: Option<String>,
    pub selectors: Selectors,
    pub text: Option<String>,
    pub tags: Vec<String>,
    /// The question of its topic, when the file gives one.
    pub question: Option<String>,
    pub note: Option<String>,
    /// Where it can be seen (a Hypothesis link), kept in the claim's note
    /// so that importing it again is recognised.
    pub provenance: Option<String>,
}

/// A link between two annotated passages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    pub at: Option<Range<usize>>,
    pub name: String,
    /// The IRIs of the annotations it links, the declaring side first.
    pub targets: Vec<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
}

/// An import file, read.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub annotations: Vec<Annotation>,
    pub links: Vec<Link>,
    /// What could not be read, located in the import file.
    pub problems: Vec<Diagnostic>,
}
