//! Where each id is written in the claims file: the table that declares
//! it and every value that names it, from the loaded dataset's own spans.

use std::ops::Range;

use crate::ix::{self, ClaimIx};
use crate::model::{Dataset, part_of_value};
use crate::when::When;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Source,
    Topic,
    Party,
    Period,
    Claim,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Topic => "topic",
            Kind::Party => "party",
            Kind::Period => "period",
            Kind::Claim => "claim",
        }
    }
}

/// One place an id is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub kind: Kind,
    pub id: String,
    /// The key of a declaration (`foo` of `[claims.foo]`), or the whole
    /// string value of a reference, quotes included.
    pub span: Range<usize>,
    /// The id itself: inside the quotes of a value written without escapes.
    pub inner: Range<usize>,
    pub declaration: bool,
}

/// Every id occurrence of a dataset, in file order.
#[derive(Debug, Default)]
pub struct Index {
    occurrences: Vec<Occurrence>,
}

impl Index {
    pub fn new(dataset: &Dataset) -> Self {
        let text: &str = &dataset.text;
        let mut found = Vec::new();
        let mut declare = |kind, id: &str, span: &Range<usize>| {
            if !span.is_empty() && text.get(span.clone()).is_some() {
                found.push(occurrence(text, kind, id, span, true));
            }
        };
        for s in &dataset.sources {
            declare(Kind::Source, &s.id, &s.decl);
        }
        for t in &dataset.topics {
            declare(Kind::Topic, &t.id, &t.decl);
        }
        for p in &dataset.parties {
            declare(Kind::Party, &p.id, &p.decl);
        }
        for p in &dataset.periods {
            declare(Kind::Period, &p.id, &p.decl);
        }
        for c in &dataset.claims {
            declare(Kind::Claim, &c.id, &c.decl);
        }
        let mut refer = |kind, id: &str, span: &Range<usize>| {
            if is_string(text, span) {
                found.push(occurrence(text, kind, id, span, false));
            }
        };
        for c in &dataset.claims {
            if c.topic_value != c.decl {
                refer(Kind::Topic, &c.topic, &c.topic_value);
            }
            if let Some(party) = &c.asserted_by {
                refer(Kind::Party, &party.value, &party.span);
            }
            if let Some(when) = &c.when
                && let When::Period(period) = &when.value
            {
                refer(Kind::Period, period, &when.span);
            }
            for span in &c.spans {
                refer(Kind::Source, &span.source, &span.source_value);
            }
        }
        for link in &dataset.link_targets {
            refer(Kind::Claim, &link.claim.value, &link.claim.span);
        }
        found.sort_by_key(|o| (o.span.start, o.span.end));
        Index { occurrences: found }
    }

    /// The occurrence under `byte` (a cursor right after an id counts).
    pub fn at(&self, byte: usize) -> Option<&Occurrence> {
        let after = self.occurrences.partition_point(|o| o.span.start <= byte);
        self.occurrences[..after]
            .iter()
            .rev()
            .take(2)
            .find(|o| o.span.start <= byte && byte <= o.span.end)
    }

    pub fn declaration(&self, kind: Kind, id: &str) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.declaration && o.kind == kind && o.id == id)
    }

    /// Every occurrence of the id, declaration included, in file order.
    pub fn all(&self, kind: Kind, id: &str) -> impl Iterator<Item = &Occurrence> {
        let id = id.to_string();
        self.occurrences
            .iter()
            .filter(move |o| o.kind == kind && o.id == id)
    }
}

fn occurrence(
    text: &str,
    kind: Kind,
    id: &str,
    span: &Range<usize>,
    declaration: bool,
) -> Occurrence {
    Occurrence {
        kind,
        id: id.to_string(),
        span: span.clone(),
        inner: part_of_value(text, span, id, 0..id.len()),
        declaration,
    }
}

/// Whether `span` of `text` is a string literal (a loader span that fell
/// back to a table header or a whole table is not).
fn is_string(text: &str, span: &Range<usize>) -> bool {
    text.get(span.clone()).is_some_and(|raw| {
        raw.len() >= 2
            && [b'"', b'\''].contains(&raw.as_bytes()[0])
            && raw.as_bytes()[raw.len() - 1] == raw.as_bytes()[0]
    })
}

/// The claim and span whose quote value holds `byte`.
pub fn quote_at(dataset: &Dataset, byte: usize) -> Option<(ClaimIx, usize)> {
    ix::enumerate(&dataset.claims, ClaimIx).find_map(|(c, claim)| {
        let s = claim
            .spans
            .iter()
            .position(|s| s.quote_value.start <= byte && byte <= s.quote_value.end)?;
        Some((c, s))
    })
}

/// The claim whose table holds `byte`: the last one whose header line
/// starts before it.
pub fn claim_at(dataset: &Dataset, byte: usize) -> Option<ClaimIx> {
    let text: &str = &dataset.text;
    let line_start = |at: usize| {
        text.get(..at)
            .and_then(|before| before.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1)
    };
    let mut best: Option<ClaimIx> = None;
    for (i, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
        let starts = line_start(claim.decl.start);
        if starts <= byte && best.is_none_or(|b| dataset.claims[b].decl.start < claim.decl.start) {
            best = Some(i);
        }
    }
    let best = best?;
    // A table of another kind declared after the claim ends it.
    let starts = dataset.claims[best].decl.start;
    let later_table = dataset
        .sources
        .iter()
        .map(|s| &s.decl)
        .chain(dataset.topics.iter().map(|t| &t.decl))
        .chain(dataset.parties.iter().map(|p| &p.decl))
        .chain(dataset.periods.iter().map(|p| &p.decl))
        .any(|decl| decl.start > starts && decl.start <= byte);
    (!later_table).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> (Dataset, Index) {
        let dataset = crate::load_str(std::path::Path::new("/nonexistent/claims.toml"), text);
        let index = Index::new(&dataset);
        (dataset, index)
    }

    const FILE: &str = r#"[sources.a]
path = "a.txt"
[topics.t]
question = "q?"
[claims.one]
topic = "t"
text = "x"
spans = [{ source = "a", quote = "q" }]
agrees = ["two", { claim = "two", note = "n" }]
[claims.two]
topic = 't'
text = "y"
spans = [{ source = "a", quote = "r" }]
"#;

    #[test]
    fn declarations_and_references_are_found_where_written() {
        let (_, index) = index(FILE);
        let spans = |kind, id| {
            index
                .all(kind, id)
                .map(|o| (&FILE[o.span.clone()], o.declaration))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spans(Kind::Claim, "two"),
            [("\"two\"", false), ("\"two\"", false), ("two", true)]
        );
        assert_eq!(
            spans(Kind::Topic, "t"),
            [("t", true), ("\"t\"", false), ("'t'", false)]
        );
        assert_eq!(
            spans(Kind::Source, "a"),
            [("a", true), ("\"a\"", false), ("\"a\"", false)]
        );
    }

    #[test]
    fn the_occurrence_under_a_byte_includes_both_ends() {
        let (_, index) = index(FILE);
        let start = FILE.find("agrees = [\"two\"").unwrap() + "agrees = [".len();
        for byte in [start, start + 2, start + 5] {
            let found = index.at(byte).expect("an occurrence");
            assert_eq!((found.kind, found.id.as_str()), (Kind::Claim, "two"));
        }
        assert!(index.at(start - 1).is_none());
    }
}
