//! Exports of the claims in other tools' formats: W3C Web Annotations,
//! Argdown, schema.org ClaimReview and Graphviz. Each format is a pure
//! function of the dataset and the claims a filter selects.

mod argdown;
mod claimreview;
mod dot;
mod relations;
pub(crate) mod uri;
pub mod w3c;

use crate::filter::ClaimFilter;
use crate::graph::Graph;
use crate::ix::ClaimIx;
use crate::model::{Dataset, Relation};

pub use claimreview::{Publisher, rating};
pub use relations::{RelationMapping, kind_named, mapping};
pub use uri::{percent_decode, percent_encode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A W3C Web Annotation Data Model AnnotationCollection (JSON-LD).
    W3c,
    /// Argdown: statements by topic, with support and contradiction.
    Argdown,
    /// schema.org ClaimReview JSON-LD for the reviewed claims.
    ClaimReview(Publisher),
    /// A Graphviz graph: claims clustered by topic, one edge per link.
    Dot,
}

/// An export's text, and what it could not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    pub text: String,
    /// One line each, raw (not yet made safe for a terminal).
    pub notes: Vec<String>,
}

/// The claims a filter keeps, and the relations between two of them.
pub struct Selection<'d> {
    pub dataset: &'d Dataset,
    /// Indices into `dataset.claims`, in file order.
    pub claims: Vec<ClaimIx>,
    /// Relations whose two ends are both selected, in declaration order.
    pub relations: Vec<&'d Relation>,
}

impl<'d> Selection<'d> {
    pub fn new(dataset: &'d Dataset, graph: &Graph, filter: &ClaimFilter) -> Selection<'d> {
        let claims = filter.apply(dataset, graph);
        let mut selected = vec![false; dataset.claims.len()];
        for &c in &claims {
            selected[c.0] = true;
        }
        let relations = dataset
            .relations
            .iter()
            .filter(|r| selected[r.from.0] && selected[r.to.0])
            .collect();
        Selection {
            dataset,
            claims,
            relations,
        }
    }

    /// The selected claims grouped by topic: declared topics first, in
    /// their order, then undeclared ones as first met; empty groups left out.
    pub fn by_topic(&self) -> Vec<(&'d str, Vec<ClaimIx>)> {
        let dataset = self.dataset;
        let mut groups: Vec<(&str, Vec<ClaimIx>)> = dataset
            .topics
            .iter()
            .map(|t| (t.id.as_str(), Vec::new()))
            .collect();
        for &c in &self.claims {
            let topic = dataset.claims[c].topic.as_str();
            match groups.iter_mut().find(|(t, _)| *t == topic) {
                Some((_, members)) => members.push(c),
                None => groups.push((topic, vec![c])),
            }
        }
        groups.retain(|(_, members)| !members.is_empty());
        groups
    }
}

pub fn export(dataset: &Dataset, graph: &Graph, filter: &ClaimFilter, format: &Format) -> Export {
    let selection = Selection::new(dataset, graph, filter);
    match format {
        Format::W3c => w3c::export(&selection),
        Format::Argdown => argdown::export(&selection),
        Format::ClaimReview(publisher) => claimreview::export(&selection, publisher),
        Format::Dot => dot::export(&selection),
    }
}
