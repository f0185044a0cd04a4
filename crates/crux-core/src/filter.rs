//! Which claims to show: one filter shared by `crux list`, the report and
//! the TUI.

use crate::graph::Graph;
use crate::ix::ClaimIx;
use crate::model::{Dataset, Status};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    pub topic: Option<String>,
    pub status: Option<Status>,
    pub source: Option<String>,
    /// Only claims this party asserts (id as written in `asserted_by`).
    pub party: Option<String>,
    pub contradicted_only: bool,
}

impl ClaimFilter {
    pub fn is_active(&self) -> bool {
        *self != ClaimFilter::default()
    }

    pub fn matches(&self, dataset: &Dataset, graph: &Graph, claim: ClaimIx) -> bool {
        let c = &dataset.claims[claim];
        self.topic.as_ref().is_none_or(|t| &c.topic == t)
            && self.status.is_none_or(|s| c.status == s)
            && self
                .source
                .as_ref()
                .is_none_or(|s| c.spans.iter().any(|span| &span.source == s))
            && self
                .party
                .as_ref()
                .is_none_or(|p| c.asserted_by.as_ref().is_some_and(|by| &by.value == p))
            && (!self.contradicted_only || graph.is_contradicted(claim))
    }

    /// Indices of the matching claims, in file order.
    pub fn apply(&self, dataset: &Dataset, graph: &Graph) -> Vec<ClaimIx> {
        ClaimIx::all(dataset.claims.len())
            .filter(|&c| self.matches(dataset, graph, c))
            .collect()
    }

    /// A short description for status bars and report headers, e.g.
    /// `topic=drone-count status=unreviewed`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = &self.topic {
            parts.push(format!("topic={t}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(s) = &self.source {
            parts.push(format!("source={s}"));
        }
        if let Some(p) = &self.party {
            parts.push(format!("party={p}"));
        }
        if self.contradicted_only {
            parts.push("contradicted".to_string());
        }
        parts.join(" ")
    }
}
