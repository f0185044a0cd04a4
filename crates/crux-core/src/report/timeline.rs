//! The timeline: the report's claims ordered by the time they are about,
//! with each document's publication date among them, so that what was
//! known when can be read off.

use std::collections::HashMap;

use serde::Serialize;

use crate::describe;
use crate::ix::ClaimIx;
use crate::model::Dataset;
use crate::when::{TimeSpan, When};

#[derive(Debug, Clone, Serialize, Default)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    /// Ids of reported claims that state no time (or name an undeclared
    /// period), in file order: not on the timeline.
    pub undated: Vec<String>,
    /// Ids of quoted sources whose `date` is missing or not a date.
    pub undated_sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineEntry {
    /// Claims about one time, in file order.
    About {
        /// How the time reads, e.g. `the June 2025 war (2025-06)`.
        label: String,
        first: Option<String>,
        last: Option<String>,
        claims: Vec<String>,
    },
    /// Documents published on one date, in file order.
    Published { date: String, sources: Vec<String> },
}

/// `selected`: the report's claims, in file order; `quoted[s]`: how many
/// of them quote source `s`.
pub fn timeline(dataset: &Dataset, selected: &[ClaimIx], quoted: &[usize]) -> Timeline {
    // (span, label, claims) per distinct time, in order of first claim.
    let mut about: Vec<(TimeSpan, String, Vec<ClaimIx>)> = Vec::new();
    let mut about_index: HashMap<String, usize> = HashMap::new();
    let mut undated = Vec::new();
    for &claim in selected {
        let (Some(span), Some(described)) =
            (dataset.claim_time(claim), describe::about(dataset, claim))
        else {
            undated.push(dataset.claims[claim].id.clone());
            continue;
        };
        match about_index.get(&described.label) {
            Some(&at) => about[at].2.push(claim),
            None => {
                about_index.insert(described.label.clone(), about.len());
                about.push((span, described.label, vec![claim]));
            }
        }
    }
    let mut published: Vec<(TimeSpan, String, Vec<usize>)> = Vec::new();
    let mut undated_sources = Vec::new();
    for (index, source) in dataset.sources.iter().enumerate() {
        if quoted[index] == 0 {
            continue;
        }
        let span = match source.date.as_deref().map(When::parse) {
            Some(Ok(When::Dates(span))) if span.first.is_some() && span.last.is_some() => span,
            _ => {
                undated_sources.push(source.id.clone());
                continue;
            }
        };
        match published.iter_mut().find(|(s, _, _)| *s == span) {
            Some((_, _, sources)) => sources.push(index),
            None => published.push((span, span.to_string(), vec![index])),
        }
    }
    // Claims about a day come before the documents published that day.
    let mut order: Vec<(TimeSpan, u8, String, TimelineEntry)> = Vec::new();
    for (span, label, claims) in about {
        let entry = TimelineEntry::About {
            first: span.first.map(|d| d.to_string()),
            last: span.last.map(|d| d.to_string()),
            claims: claims
                .iter()
                .map(|&c| dataset.claims[c].id.clone())
                .collect(),
            label: label.clone(),
        };
        order.push((span, 0, label, entry));
    }
    for (span, date, sources) in published {
        let entry = TimelineEntry::Published {
            date: date.clone(),
            sources: sources
                .iter()
                .map(|&s| dataset.sources[s].id.clone())
                .collect(),
        };
        order.push((span, 1, date, entry));
    }
    order.sort_by(|a, b| {
        a.0.timeline_order(&b.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    Timeline {
        entries: order.into_iter().map(|(_, _, _, entry)| entry).collect(),
        undated,
        undated_sources,
    }
}
