//! Ids made from text: slugs for file names and claim ids that follow the
//! `<source>-<slug>` convention.

use crate::model::Dataset;

/// Words that carry no meaning of their own in an id.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "it", "its", "as",
    "which", "who", "not",
];

/// At most this many words go into a suggested id.
const MAX_WORDS: usize = 5;
/// A suggested id stops growing past this many bytes, once it has three words.
const SHORT_ENOUGH: usize = 16;

/// Lowercase ASCII words of `text` joined by `-`: `"Iran's Drones!"` ->
/// `iran-s-drones`. Other characters separate words.
pub fn slug(text: &str) -> String {
    words(text).collect::<Vec<_>>().join("-")
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// `<source>-<slug>` from the first three to five significant words of
/// `text`, made unique among the dataset's claims with `-2`, `-3`...
pub fn suggest_claim_id(dataset: &Dataset, source_id: &str, text: &str) -> String {
    let significant = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.split(['\'', '’']).next().unwrap_or_default())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_ascii_lowercase);
    let mut picked: Vec<String> = Vec::new();
    for word in significant {
        let length: usize = picked.iter().map(|w| w.len() + 1).sum();
        if picked.len() == MAX_WORDS || (picked.len() >= 3 && length >= SHORT_ENOUGH) {
            break;
        }
        picked.push(word);
    }
    let source = slug(source_id);
    let base = match (source.is_empty(), picked.is_empty()) {
        (_, true) if source.is_empty() => "claim".to_string(),
        (_, true) => format!("{source}-claim"),
        (true, false) => picked.join("-"),
        (false, false) => format!("{source}-{}", picked.join("-")),
    };
    unique(&base, |id| dataset.claim_index(id).is_some())
}

/// `base`, or `base-2`, `base-3`... the first that `taken` refuses.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert_eq!(slug("Iran's  Drones! (2026)"), "iran-s-drones-2026");
        assert_eq!(slug("Azərbaycan Notes.md"), "az-rbaycan-notes-md");
        assert_eq!(slug("—"), "");
    }

    #[test]
    fn suggested_ids_skip_small_words_and_are_unique() {
        let dataset = crate::load_str(
            Path::new("claims.toml"),
            "[claims.inss-four-iranian-drones]\n[claims.inss-four-iranian-drones-2]\n",
        );
        assert_eq!(
            suggest_claim_id(
                &dataset,
                "inss",
                "Four of the Iranian drones took part in the attack."
            ),
            "inss-four-iranian-drones-3"
        );
        assert_eq!(
            suggest_claim_id(&dataset, "huseynov", "Baku's restraint was a choice"),
            "huseynov-baku-restraint-choice"
        );
        assert_eq!(
            suggest_claim_id(
                &dataset,
                "a",
                "Several Iranian-made drones struck targets in Nakhchivan"
            ),
            "a-several-iranian-made"
        );
        assert_eq!(suggest_claim_id(&dataset, "a", "— …"), "a-claim");
    }
}
