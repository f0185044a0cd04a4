//! schema.org ClaimReview JSON-LD for the reviewed claims, as search
//! engines read fact checks: `claimReviewed`, a `reviewRating` with its
//! `alternateName`, the review's `url` and `author`, and the claim as an
//! `itemReviewed` with where it appeared.

use serde_json::{Value, json};

use super::uri::percent_encode;
use super::{Export, Selection};
use crate::ix::ClaimIx;
use crate::model::{Dataset, Source, Status, Voice};

/// Who publishes the reviews, and where: ClaimReview requires both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    /// The page the reviews are published on; each review's `url` is this
    /// page with the claim id as its anchor.
    pub url: String,
    /// The organisation publishing them (the review's `author`).
    pub name: String,
}

/// Ratings run from 1 (worst) to 3 (best).
pub const WORST: u8 = 1;
pub const BEST: u8 = 3;

/// A reviewed claim's rating: its value and the words search results show.
/// `None` for an unreviewed claim, which is not a fact check.
pub fn rating(status: Status) -> Option<(u8, &'static str)> {
    match status {
        Status::Unreviewed => None,
        Status::Rejected => Some((1, "False")),
        Status::Disputed => Some((2, "Disputed")),
        Status::Confirmed => Some((3, "True")),
    }
}

pub(super) fn export(selection: &Selection<'_>, publisher: &Publisher) -> Export {
    let dataset = selection.dataset;
    let mut notes = Vec::new();
    let mut reviews = Vec::new();
    let mut unreviewed = 0;
    let mut by_parties = 0;
    for &c in &selection.claims {
        let claim = &dataset.claims[c];
        let Some((value, words)) = rating(claim.status) else {
            unreviewed += 1;
            continue;
        };
        if matches!(dataset.voice(c), Voice::Party(_)) {
            by_parties += 1;
        }
        let mut review = json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": format!("{}#{}", publisher.url, percent_encode(&claim.id, b"")),
            "claimReviewed": claim.text,
            "author": { "@type": "Organization", "name": publisher.name },
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": BEST,
                "worstRating": WORST,
                "alternateName": words,
                "name": words,
            },
            "itemReviewed": item_reviewed(dataset, c),
        });
        if let Some(note) = &claim.note {
            review["reviewBody"] = note.as_str().into();
        }
        reviews.push(review);
    }
    if unreviewed > 0 {
        notes.push(format!(
            "{unreviewed} unreviewed claim(s) left out: a ClaimReview needs a rating"
        ));
    }
    if by_parties > 0 {
        notes.push(format!(
            "{by_parties} claim(s) asserted by a party have it as an Organization author: crux does not record whether a party is a person"
        ));
    }
    let undated = dataset
        .sources
        .iter()
        .filter(|s| s.date.as_deref().is_some_and(|d| iso_date(d).is_none()))
        .count();
    if undated > 0 {
        notes.push(format!(
            "{undated} source date(s) are not YYYY-MM-DD and are left out"
        ));
    }
    let json = serde_json::to_string_pretty(&Value::Array(reviews)).expect("JSON values serialize");
    let mut text = crate::text::json_for_terminal(json);
    text.push('\n');
    Export { text, notes }
}

/// The claim as a schema.org Claim: who asserts it its author, each
/// document quoting it an appearance, the earliest dated one its first
/// appearance.
fn item_reviewed(dataset: &Dataset, index: ClaimIx) -> Value {
    let claim = &dataset.claims[index];
    let mut sources: Vec<&Source> = Vec::new();
    for span in &claim.spans {
        if let Some(source) = dataset.source(&span.source)
            && !sources.iter().any(|s| s.id == source.id)
        {
            sources.push(source);
        }
    }
    let appearances: Vec<Value> = sources.iter().map(|s| creative_work(s)).collect();
    let first = sources
        .iter()
        .filter_map(|s| Some((iso_date(s.date.as_deref()?)?, *s)))
        .min_by_key(|(date, _)| *date);
    let mut item = json!({ "@type": "Claim" });
    let authors: Vec<Value> = match dataset.voice(index) {
        // crux does not record whether a party is a person: see INTEROP.md.
        Voice::Party(party) => vec![organization(&dataset.parties[party].name)],
        Voice::Document => {
            let mut voices: Vec<Value> = Vec::new();
            for voice in sources.iter().filter_map(|s| voice_of(s)) {
                if !voices.contains(&voice) {
                    voices.push(voice);
                }
            }
            voices
        }
        Voice::Unknown => Vec::new(),
    };
    match <[Value; 1]>::try_from(authors) {
        Ok([author]) => item["author"] = author,
        Err(authors) if authors.is_empty() => {}
        Err(authors) => item["author"] = Value::Array(authors),
    }
    item["appearance"] = appearances.into();
    if let Some((date, source)) = first {
        item["datePublished"] = date.into();
        item["firstAppearance"] = creative_work(source);
    }
    item
}

fn creative_work(source: &Source) -> Value {
    let mut work = json!({ "@type": "CreativeWork" });
    if let Some(url) = &source.url {
        work["url"] = url.as_str().into();
    }
    work["name"] = source.display_name().into();
    if let Some(date) = source.date.as_deref().and_then(iso_date) {
        work["datePublished"] = date.into();
    }
    if let Some(author) = &source.author {
        work["author"] = person(author);
    }
    if let Some(outlet) = &source.outlet {
        work["publisher"] = organization(outlet);
    }
    work
}

/// Who speaks in a document's own voice: its author, else its outlet.
fn voice_of(source: &Source) -> Option<Value> {
    match (&source.author, &source.outlet) {
        (Some(author), _) => Some(person(author)),
        (None, Some(outlet)) => Some(organization(outlet)),
        (None, None) => None,
    }
}

fn person(name: &str) -> Value {
    json!({ "@type": "Person", "name": name })
}

fn organization(name: &str) -> Value {
    json!({ "@type": "Organization", "name": name })
}

/// `text` when it is an ISO 8601 calendar date, `YYYY-MM-DD`.
fn iso_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10))
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calendar_dates_are_dates() {
        assert_eq!(iso_date("2026-03-14"), Some("2026-03-14"));
        for not in [
            "2026-3-14",
            "March 2026",
            "2026-03-14T10:00",
            "",
            "2026/03/14",
        ] {
            assert_eq!(iso_date(not), None, "{not}");
        }
    }
}
