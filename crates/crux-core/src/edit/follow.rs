//! After a status is written, the claims file differs from the loaded text
//! in one contiguous place; this moves the dataset's byte ranges past that
//! place so line numbers stay right without reloading the documents.

use std::ops::Range;

use crate::model::Dataset;
use crate::shared_text::SharedText;

/// Where two texts differ: `old[start..old_end]` became `new[start..new_end]`;
/// what comes before and after is the same bytes in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Difference {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Difference {
    /// The smallest such region, by bytes (it may cut a character).
    pub fn between(old: &str, new: &str) -> Difference {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let start = common_prefix(old, new);
        let max_suffix = old.len().min(new.len()) - start;
        let suffix = common_suffix(
            &old[old.len() - max_suffix..],
            &new[new.len() - max_suffix..],
        );
        Difference {
            start,
            old_end: old.len() - suffix,
            new_end: new.len() - suffix,
        }
    }
}

/// Blocks compared whole (a memcmp) before the bytes of the one that differs.
const BLOCK: usize = 4096;

/// How many bytes `a` and `b` start with alike.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut same = 0;
    for (x, y) in a.chunks(BLOCK).zip(b.chunks(BLOCK)) {
        if x == y {
            same += x.len();
            continue;
        }
        return same + x.iter().zip(y).take_while(|(p, q)| p == q).count();
    }
    same
}

/// How many bytes `a` and `b` (of the same length) end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let mut same = 0;
    for (x, y) in a.rchunks(BLOCK).zip(b.rchunks(BLOCK)) {
        if x == y {
            same += x.len();
            continue;
        }
        return same
            + x.iter()
                .rev()
                .zip(y.iter().rev())
                .take_while(|(p, q)| p == q)
                .count();
    }
    same
}

/// Moves every byte range of `dataset` (loaded from its `text`) onto
/// `new_text`, which differs from it in one place, and makes it the text.
pub fn follow_edit(dataset: &mut Dataset, new_text: SharedText) {
    let Difference {
        start,
        old_end,
        new_end,
    } = Difference::between(&dataset.text, &new_text);
    let shift = |at: usize| -> usize {
        if at >= old_end {
            at - old_end + new_end
        } else {
            at.min(new_end)
        }
    };
    let fix = |range: &mut Range<usize>| *range = shift(range.start)..shift(range.end);
    for source in &mut dataset.sources {
        fix(&mut source.decl);
        fix(&mut source.path_value);
    }
    for topic in &mut dataset.topics {
        fix(&mut topic.decl);
    }
    for claim in &mut dataset.claims {
        fix(&mut claim.decl);
        fix(&mut claim.topic_value);
        if let Some(range) = &mut claim.status_value {
            fix(range);
        }
        if let Some(range) = &mut claim.status_after {
            fix(range);
        }
        for span in &mut claim.spans {
            fix(&mut span.quote_value);
            fix(&mut span.source_value);
        }
    }
    for relation in &mut dataset.relations {
        fix(&mut relation.decl);
    }
    for diagnostic in &mut dataset.diagnostics {
        if let Some(range) = &mut diagnostic.span {
            fix(range);
        }
    }
    dataset.lines = dataset.lines.spliced(&new_text, start, old_end, new_end);
    dataset.text = new_text;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lines_after_an_inserted_status_move_down() {
        let text = "[topics.t]\nquestion = \"q\"\n\n[claims.a]\ntopic = \"t\"\ntext = \"a\"\nspans = []\n\n[claims.b]\ntopic = \"t\"\ntext = \"b\"\nspans = []\n";
        let mut dataset = crate::load_str(Path::new("claims.toml"), text);
        let b = dataset.claim_index("b").unwrap();
        assert_eq!(dataset.location(dataset.claims[b].decl.start).line, 9);
        let edited = text.replace("text = \"a\"\n", "text = \"a\"\nstatus = \"confirmed\"\n");
        follow_edit(&mut dataset, edited.into());
        assert_eq!(dataset.location(dataset.claims[b].decl.start).line, 10);
        let decl = dataset.claims[b].decl.clone();
        assert_eq!(&dataset.text[decl], "b");
    }

    proptest::proptest! {
        #[test]
        fn the_difference_is_the_smallest_region_that_differs(
            old in "[ab]{0,9000}",
            at in 0usize..9000,
            removed in 0usize..5,
            inserted in "[ab]{0,5}",
        ) {
            let start = at.min(old.len());
            let end = (start + removed).min(old.len());
            let new = format!("{}{inserted}{}", &old[..start], &old[end..]);
            let d = Difference::between(&old, &new);
            let (a, b) = (old.as_bytes(), new.as_bytes());
            let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let most = a.len().min(b.len()) - prefix;
            let suffix = a.iter().rev().zip(b.iter().rev()).take(most).take_while(|(x, y)| x == y).count();
            proptest::prop_assert_eq!((d.start, d.old_end, d.new_end), (prefix, a.len() - suffix, b.len() - suffix));
        }
    }

    #[test]
    fn the_difference_is_the_changed_bytes_alone() {
        let d = Difference::between("x = 1\n", "x = 22\n");
        assert_eq!((d.start, d.old_end, d.new_end), (4, 5, 6));
        let same = Difference::between("abc", "abc");
        assert_eq!((same.start, same.old_end, same.new_end), (3, 3, 3));
        let grown = Difference::between("aa", "aaaa");
        assert_eq!((grown.start, grown.old_end, grown.new_end), (2, 2, 4));
    }
}
