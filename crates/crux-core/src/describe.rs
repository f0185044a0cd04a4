//! Who asserts a claim, how, and about when, in words: one wording for
//! `crux show`, `crux list --json` and the reports.
//!
//! Strings are raw (names and hedges exactly as in the claims file); the
//! caller makes them safe for where they are shown.

use serde::Serialize;

use crate::ix::ClaimIx;
use crate::model::{Claim, Dataset, Voice};
use crate::when::When;

/// What a claim's assertor is called when it is the author's own voice.
pub const OWN_VOICE: &str = "the document's own voice";

/// Who asserts claim `index`: the declared party's name, the document's
/// own voice, or the id of a party the file does not declare.
pub fn assertor(dataset: &Dataset, index: ClaimIx) -> String {
    match (dataset.voice(index), &dataset.claims[index].asserted_by) {
        (Voice::Party(party), _) => dataset.parties[party].name.clone(),
        (Voice::Unknown, Some(by)) => format!("{} (undeclared party)", by.value),
        _ => OWN_VOICE.to_string(),
    }
}

/// Who asserts claim `index`, with a declared party's id:
/// `Azerbaijan's Ministry of Defense (party `azerbaijan-mod`)`.
pub fn by(dataset: &Dataset, index: ClaimIx) -> String {
    match &dataset.claims[index].asserted_by {
        Some(party) if dataset.party(&party.value).is_some() => {
            format!("{} (party `{}`)", assertor(dataset, index), party.value)
        }
        _ => assertor(dataset, index),
    }
}

/// How a claim is put forward: its mode, with the document's hedge word
/// when it keeps one, e.g. `hedged ("it seems")`.
pub fn how(claim: &Claim) -> String {
    match &claim.hedge {
        Some(hedge) => format!("{} (\"{hedge}\")", claim.mode.as_str()),
        None => claim.mode.as_str().to_string(),
    }
}

/// The time a claim is about, resolved for display and for sorting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct About {
    /// `when` as written in the claims file.
    pub written: String,
    /// The named period's id, when `when` names one.
    pub period: Option<String>,
    /// That period's name; `None` for dates or an undeclared period.
    pub period_name: Option<String>,
    /// First and last day (`YYYY-MM-DD`); `None` at an open end or when
    /// the period is undeclared.
    pub first: Option<String>,
    pub last: Option<String>,
    /// How it reads: `the June 2025 war (2025-06)`, `2026-03`,
    /// `june-2025-war (undeclared period)`.
    pub label: String,
}

/// The time claim `index` is about, as it reads; `not stated` when it gives none.
pub fn when(dataset: &Dataset, index: ClaimIx) -> String {
    about(dataset, index).map_or("not stated".to_string(), |a| a.label)
}

/// The time claim `index` is about; `None` when it gives none.
pub fn about(dataset: &Dataset, index: ClaimIx) -> Option<About> {
    let when = &dataset.claims[index].when.as_ref()?.value;
    let span = dataset.claim_time(index);
    let days = span.map(|s| s.to_string());
    let (written, period, period_name, label) = match when {
        When::Dates(written) => {
            let days = written.to_string();
            (days.clone(), None, None, days)
        }
        When::Period(id) => {
            let name = dataset.period(id).map(|p| p.name.clone());
            let label = match (&name, &days) {
                (Some(name), Some(days)) => format!("{name} ({days})"),
                (Some(name), None) => name.clone(),
                (None, _) => format!("{id} (undeclared period)"),
            };
            (id.clone(), Some(id.clone()), name, label)
        }
    };
    Some(About {
        written,
        period,
        period_name,
        first: span.and_then(|s| s.first).map(|d| d.to_string()),
        last: span.and_then(|s| s.last).map(|d| d.to_string()),
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const CLAIMS: &str = r#"
[sources.doc]
path = "doc.txt"
[topics.t]
question = "?"
[parties.mod]
name = "Azerbaijan's Ministry of Defense"
[periods.war]
name = "the June 2025 war"
when = "2025-06"

[claims.own]
topic = "t"
text = "It seems likely."
hedge = "it seems"
when = "2026-03..2026-07"
spans = [{ source = "doc", quote = "x" }]

[claims.party]
topic = "t"
text = "Four drones."
asserted_by = "mod"
mode = "forecast"
when = "war"
spans = [{ source = "doc", quote = "x" }]

[claims.typo]
topic = "t"
text = "Five."
asserted_by = "mdo"
when = "wra"
spans = [{ source = "doc", quote = "x" }]
"#;

    #[test]
    fn who_how_and_when_read_as_words() {
        let d = crate::load_str(Path::new("/nonexistent/claims.toml"), CLAIMS);
        assert_eq!(assertor(&d, ClaimIx(0)), "the document's own voice");
        assert_eq!(assertor(&d, ClaimIx(1)), "Azerbaijan's Ministry of Defense");
        assert_eq!(assertor(&d, ClaimIx(2)), "mdo (undeclared party)");
        assert_eq!(by(&d, ClaimIx(0)), "the document's own voice");
        assert_eq!(
            by(&d, ClaimIx(1)),
            "Azerbaijan's Ministry of Defense (party `mod`)"
        );
        assert_eq!(by(&d, ClaimIx(2)), "mdo (undeclared party)");
        assert_eq!(when(&d, ClaimIx(1)), "the June 2025 war (2025-06)");
        assert_eq!(how(&d.claims[0]), "hedged (\"it seems\")");
        assert_eq!(how(&d.claims[1]), "forecast");
        let own = about(&d, ClaimIx(0)).unwrap();
        assert_eq!(own.label, "2026-03-01..2026-07-31");
        assert_eq!(own.first.as_deref(), Some("2026-03-01"));
        let party = about(&d, ClaimIx(1)).unwrap();
        assert_eq!(party.label, "the June 2025 war (2025-06)");
        assert_eq!(party.period.as_deref(), Some("war"));
        assert_eq!(party.last.as_deref(), Some("2025-06-30"));
        let typo = about(&d, ClaimIx(2)).unwrap();
        assert_eq!(typo.label, "wra (undeclared period)");
        assert_eq!((typo.first, typo.last), (None, None));
    }
}
