//! Whether a claim matches a query: its fields judged one by one, without
//! scoring a field when the answer is sure.

use super::score;

/// A field must score this much per query character to count as a match,
/// so scattered letters across a long quote do not.
const MIN_SCORE_PER_CHAR: i64 = 16;

/// A query, and what decides cheaply whether a field matches it.
pub struct Query<'q> {
    pub text: &'q str,
    chars: Vec<char>,
    /// The score a field must reach.
    pub needed: i64,
}

pub enum Judged {
    /// The query is not a fuzzy subsequence of the field.
    Unreachable,
    /// It is, without scoring high enough.
    Reachable,
    Matches,
}

impl<'q> Query<'q> {
    pub fn new(text: &'q str) -> Query<'q> {
        Query {
            text,
            chars: text.chars().collect(),
            needed: MIN_SCORE_PER_CHAR * text.chars().count() as i64,
        }
    }

    /// What the fuzzy score (see [`score`]) says of `field`, without
    /// scoring when the answer is sure. It compares ASCII letters whatever
    /// their case and anything else exactly, so for an ASCII query a field
    /// without the query's bytes in order (ASCII case aside) has no match.
    /// Characters found side by side score at least 18 per character less
    /// 5 (a match is 16, 14 in the other case; each next one adds at least
    /// 4; the first is -1 plus a bonus of 0 or more), so three or more
    /// match without their score; two do in the same case (20 each less 5),
    /// and one letter does at the start of a word (-1, 8 for a word's
    /// start, 14 or more).
    pub fn judge(&self, field: &str) -> Judged {
        let query = self.text.as_bytes();
        if self.text.is_ascii() {
            if !in_order(field.as_bytes(), query) {
                return Judged::Unreachable;
            }
            let field = field.as_bytes();
            let sure = match query.len() {
                1 => query[0].is_ascii_alphabetic() && starts_a_word(field, query[0]),
                2 => memchr::memmem::find(field, query).is_some(),
                _ => side_by_side(field, query),
            };
            if sure {
                return Judged::Matches;
            }
        }
        match score::score(field, &self.chars) {
            None => Judged::Unreachable,
            Some(score) if score >= self.needed => Judged::Matches,
            Some(_) => Judged::Reachable,
        }
    }
}

/// The claims among `candidates` with a field that holds the query as
/// a fuzzy subsequence, each with whether a field scores high enough.
pub fn reach(fields: &[Vec<String>], query: &Query, candidates: &[usize]) -> Vec<(usize, bool)> {
    let mut reached = Vec::new();
    for &claim in candidates {
        let mut reachable = false;
        for field in &fields[claim] {
            match query.judge(field) {
                Judged::Unreachable => {}
                Judged::Reachable => reachable = true,
                Judged::Matches => {
                    reachable = true;
                    reached.push((claim, true));
                    break;
                }
            }
        }
        if reachable && reached.last().is_none_or(|&(c, _)| c != claim) {
            reached.push((claim, false));
        }
    }
    reached
}

/// Where ASCII byte `byte` next occurs in `text`, in either case.
fn next_of(text: &[u8], byte: u8) -> Option<usize> {
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    if lower == upper {
        memchr::memchr(byte, text)
    } else {
        memchr::memchr2(lower, upper, text)
    }
}

/// Whether the bytes of `query` occur in `text` in order, ASCII case aside.
fn in_order(text: &[u8], query: &[u8]) -> bool {
    let mut from = 0;
    for &byte in query {
        match next_of(&text[from..], byte) {
            Some(at) => from += at + 1,
            None => return false,
        }
    }
    true
}

/// Whether letter `letter` starts `text` or a word after a space, in either case.
fn starts_a_word(text: &[u8], letter: u8) -> bool {
    if text
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
    {
        return true;
    }
    let mut from = 0;
    while let Some(at) = memchr::memchr(b' ', &text[from..]) {
        let next = from + at + 1;
        if text
            .get(next)
            .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
        {
            return true;
        }
        from = next;
    }
    false
}

/// Whether `query` occurs in `text` as it is, ASCII case aside.
fn side_by_side(text: &[u8], query: &[u8]) -> bool {
    let Some((&first, rest)) = query.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = next_of(&text[from..], first) {
        let start = from + at;
        let end = start + query.len();
        if end > text.len() {
            return false;
        }
        if text[start + 1..end].eq_ignore_ascii_case(rest) {
            return true;
        }
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// What skim's matcher alone says of `field`, asked for the first time.
    fn judged_by_the_matcher(query: &Query, field: &str) -> u8 {
        let matcher = SkimMatcherV2::default().ignore_case();
        match matcher.fuzzy_match(field, query.text) {
            None => 0,
            Some(score) if score >= query.needed => 2,
            Some(_) => 1,
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_say_what_the_matcher_says(
            field in "[a-eA-E é’9_.-]{0,40}",
            query in "[a-eA-E é9-]{1,6}",
        ) {
            let query = Query::new(&query);
            let judged = match query.judge(&field) {
                Judged::Unreachable => 0,
                Judged::Reachable => 1,
                Judged::Matches => 2,
            };
            proptest::prop_assert_eq!(judged, judged_by_the_matcher(&query, &field));
        }
    }
}
