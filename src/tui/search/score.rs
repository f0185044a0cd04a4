//! The search's fuzzy score: skim's (fuzzy-matcher's `SkimMatcherV2`, case
//! ignored), as a matcher gives it the first time it is asked.
//!
//! A `SkimMatcherV2` keeps its score matrix between calls, and a few of its
//! cells are read before they are written: the bonus of a run of matches in
//! the first row. So it can score a field a few points differently after
//! scoring another one, and whether a claim reaches the search's threshold
//! could depend on which thread scored which claims before it. This is the
//! same dynamic programme on a matrix cleared for every field, over bytes
//! when the field is ASCII, with no per-call allocation.

use std::cell::RefCell;

const NEG_INFINITY: i32 = i16::MIN as i32;
const MATCH: i32 = 16;
const CASE_MISMATCH: i32 = -2;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const FIRST_CHAR_MULTIPLIER: i32 = 2;
const HEAD: i32 = MATCH / 2;
const BREAK: i32 = MATCH / 2 + GAP_EXTENSION;
const CAMEL: i32 = MATCH / 2 + 2 * GAP_EXTENSION;

/// Two rows of the matrix (the row before and the row being filled), each
/// cell's best score ending in a match (`matched`), ending in a gap
/// (`gapped`), and its run bonus; and each column's bonus for where it is
/// in a word.
#[derive(Default)]
struct Rows {
    matched: Vec<i32>,
    gapped: Vec<i32>,
    bonus: Vec<i32>,
    in_place: Vec<i32>,
    first_matches: Vec<usize>,
}

thread_local! {
    static ROWS: RefCell<Rows> = RefCell::default();
}

/// skim's score of `field` for `query` (case ignored), or `None` when the
/// query's characters are not all in the field in order.
pub fn score(field: &str, query: &[char]) -> Option<i64> {
    ROWS.with(|rows| {
        let mut rows = rows.borrow_mut();
        if field.is_ascii() {
            score_in(field.as_bytes(), query, &mut rows)
        } else {
            let chars: Vec<char> = field.chars().collect();
            score_in(&chars, query, &mut rows)
        }
    })
    .map(i64::from)
}

/// A character of a field: a byte of an ASCII one, else a `char`.
trait Letter: Copy {
    fn char(self) -> char;
    fn kind(self) -> CharType;
}

impl Letter for u8 {
    fn char(self) -> char {
        char::from(self)
    }
    fn kind(self) -> CharType {
        ASCII_KINDS[usize::from(self & 0x7f)]
    }
}

impl Letter for char {
    fn char(self) -> char {
        self
    }
    fn kind(self) -> CharType {
        CharType::of(self)
    }
}

static ASCII_KINDS: [CharType; 128] = {
    let mut kinds = [CharType::Lower; 128];
    let mut b = 0;
    while b < 128 {
        kinds[b] = CharType::of(b as u8 as char);
        b += 1;
    }
    kinds
};

fn score_in<C: Letter>(choice: &[C], pattern: &[char], rows: &mut Rows) -> Option<i32> {
    if pattern.is_empty() {
        return Some(0);
    }
    let Rows {
        matched,
        gapped,
        bonus,
        in_place,
        first_matches,
    } = rows;
    first_matches.clear();
    for (at, &c) in choice.iter().enumerate() {
        let Some(&p) = pattern.get(first_matches.len()) else {
            break;
        };
        if c.char().eq_ignore_ascii_case(&p) {
            first_matches.push(at);
        }
    }
    if first_matches.len() < pattern.len() {
        return None;
    }
    let cols = choice.len() + 1;
    in_place.clear();
    in_place.push(0);
    let mut before = CharType::Empty;
    for &c in choice {
        let now = c.kind();
        in_place.push(role_bonus(before, now));
        before = now;
    }
    in_place[1] *= FIRST_CHAR_MULTIPLIER;
    matched.clear();
    matched.resize(2 * cols, NEG_INFINITY);
    bonus.clear();
    bonus.resize(2 * cols, 0);
    gapped.clear();
    gapped.resize(cols, GAP_EXTENSION);
    gapped.resize(2 * cols, NEG_INFINITY);
    for (i, &p) in pattern.iter().enumerate() {
        // Row i + 1 of the matrix is filled from row i, two rows in turn.
        let (matched_0, matched_1) = matched.split_at_mut(cols);
        let (gapped_0, gapped_1) = gapped.split_at_mut(cols);
        let (bonus_0, bonus_1) = bonus.split_at_mut(cols);
        let (matched_here, matched_above, gapped_here, gapped_above, bonus_here) = if i & 1 == 0 {
            (matched_1, &*matched_0, gapped_1, &*gapped_0, bonus_1)
        } else {
            (matched_0, &*matched_1, gapped_0, &*gapped_1, bonus_0)
        };
        for col in first_matches[i] + 1..cols {
            let c = choice[col - 1].char();
            if c.eq_ignore_ascii_case(&p) {
                let score = MATCH + if c == p { 0 } else { CASE_MISMATCH };
                let run = bonus_here[col - 1].max(in_place[col]).max(CONSECUTIVE);
                bonus_here[col - 1] = run;
                let after_match = matched_above[col - 1] + run;
                let after_gap = gapped_above[col - 1] + in_place[col];
                matched_here[col] = after_match.max(after_gap) + score;
            } else {
                matched_here[col] = NEG_INFINITY;
                bonus_here[col] = 0;
            }
            gapped_here[col] = (GAP_START + GAP_EXTENSION + matched_here[col - 1])
                .max(GAP_EXTENSION + gapped_here[col - 1]);
        }
    }
    let row = (pattern.len() & 1) * cols;
    let from = first_matches[pattern.len() - 1];
    matched[row + from..row + cols].iter().copied().max()
}

#[derive(Clone, Copy, PartialEq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSeparator,
    SoftSeparator,
}

impl CharType {
    const fn of(c: char) -> CharType {
        match c {
            '\0' => CharType::Empty,
            ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSeparator,
            '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSeparator,
            '0'..='9' => CharType::Number,
            'A'..='Z' => CharType::Upper,
            _ => CharType::Lower,
        }
    }
}

/// The bonus of a character of type `now` after one of type `before`: the
/// start of a word, after punctuation, a camelCase hump, or none.
fn role_bonus(before: CharType, now: CharType) -> i32 {
    match (before, now) {
        (CharType::Empty | CharType::HardSeparator, _) => HEAD,
        (CharType::SoftSeparator, _) => BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => CAMEL,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// skim's score from a matcher that never scored anything before.
    fn first_call(field: &str, query: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(field, query)
    }

    proptest::proptest! {
        #[test]
        fn the_score_is_skims_on_its_first_call(
            field in "[a-cA-C0-9 ._/(é\u{0}-]{0,40}",
            query in "[a-cA-C0-9 ._é-]{1,5}",
        ) {
            let chars: Vec<char> = query.chars().collect();
            proptest::prop_assert_eq!(score(&field, &chars), first_call(&field, &query));
        }

        #[test]
        fn the_score_does_not_depend_on_what_was_scored_before(
            before in "[abAB _.-]{0,30}",
            field in "[abAB _.-]{0,30}",
            query in "[ab]{1,4}",
        ) {
            let chars: Vec<char> = query.chars().collect();
            let fresh = score(&field, &chars);
            let _ = score(&before, &chars);
            proptest::prop_assert_eq!(score(&field, &chars), fresh);
        }
    }

    #[test]
    fn skims_own_matcher_scores_a_field_differently_after_another() {
        // What this module is for: the same matcher, asked twice about
        // one field, answers differently once it has scored another.
        let matcher = SkimMatcherV2::default().ignore_case();
        let field = "-b_yA_bA";
        let alone = first_call(field, "bba");
        matcher.fuzzy_match(".y_bBa-yBA--", "bba");
        matcher.fuzzy_match(".y_bBa-yBA--", "ab");
        assert_ne!(matcher.fuzzy_match(field, "bba"), alone);
        assert_eq!(score(field, &['b', 'b', 'a']), alone);
    }
}
