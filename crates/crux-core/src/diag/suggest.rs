//! "Did you mean ...?" for ids and keys.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The known name closest to `wrong`: a small edit distance first (typos),
/// else the best fuzzy subsequence match (abbreviations, missing words).
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let known: Vec<&str> = known.into_iter().collect();
    let length = wrong.chars().count();
    let budget = (length / 3).max(2);
    let by_edits = known
        .iter()
        .map(|k| (edit_distance(wrong, k), *k))
        .filter(|(d, _)| *d <= budget && *d < length)
        .min_by_key(|(d, k)| (*d, *k));
    if let Some((_, k)) = by_edits {
        return Some(k);
    }
    let matcher = SkimMatcherV2::default();
    known
        .iter()
        .filter_map(|k| matcher.fuzzy_match(k, wrong).map(|score| (score, *k)))
        .max_by(|(a, ka), (b, kb)| a.cmp(b).then(kb.cmp(ka)))
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_suggests_the_nearest_id() {
        let ids = [
            "inss-four-drones",
            "huseynov-several-drones",
            "brief-denial",
        ];
        assert_eq!(
            did_you_mean("inss-for-drones", ids),
            Some("inss-four-drones")
        );
        assert_eq!(
            did_you_mean("contradict", ["agrees", "contradicts"]),
            Some("contradicts")
        );
    }

    #[test]
    fn an_abbreviation_suggests_by_fuzzy_match() {
        let ids = ["inss-four-drones", "huseynov-several-drones"];
        assert_eq!(
            did_you_mean("sevdrones", ids),
            Some("huseynov-several-drones")
        );
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(did_you_mean("zzzz", ["agrees", "contradicts"]), None);
        assert_eq!(did_you_mean("c", ["a", "b"]), None);
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_substitutions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Azərbaycan", "Azerbaycan"), 1);
    }
}
