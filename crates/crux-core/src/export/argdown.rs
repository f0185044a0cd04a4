//! Argdown: one statement for each claim, one section for each topic, one
//! relation for each link, declared under the claim that declares it.

use std::collections::{HashMap, HashSet};

use super::{Export, Selection, mapping};
use crate::ix::ClaimIx;
use crate::model::Dataset;
use crate::text::{one_line, visible_line};

/// Characters Argdown reads as markup in a statement's text or a heading:
/// references, tags, mentions, emphasis, data, comments and escapes.
const MARKUP: &[char] = &['\\', '[', ']', '<', '>', '#', '@', '*', '_', '{', '}', '/'];

pub(super) fn export(selection: &Selection<'_>) -> Export {
    let dataset = selection.dataset;
    let titles = titles(dataset, &selection.claims);
    let mut notes = Vec::new();
    let mut unmapped = std::collections::BTreeSet::new();
    let mut out = String::new();
    if let Some(title) = &dataset.title {
        out.push_str(&format!("// {}\n\n", visible_line(&one_line(title))));
    }
    for (topic, claims) in selection.by_topic() {
        let heading = dataset.topic(topic).map_or(topic, |t| t.question.as_str());
        out.push_str(&format!("# {}\n\n", escape(heading)));
        for claim in claims {
            let c = &dataset.claims[claim];
            out.push_str(&format!(
                "[{}]: {} #{}\n",
                titles[&claim],
                escape(&c.text),
                c.status.as_str()
            ));
            for relation in selection.relations.iter().filter(|r| r.from == claim) {
                let to = &titles[&relation.to];
                match mapping(relation.kind).argdown {
                    Some(arrow) => out.push_str(&format!("  {arrow} [{to}]")),
                    None => {
                        // A comment, not a relation: see `mapping`.
                        out.push_str(&format!("// {} [{to}]", relation.kind.as_str()));
                        unmapped.insert(relation.kind.as_str());
                    }
                }
                if let Some(note) = &relation.note {
                    out.push_str(&format!(" // {}", visible_line(&one_line(note))));
                }
                out.push('\n');
            }
            if let Some(note) = &c.note {
                for line in note.lines() {
                    out.push_str(&format!("// {}\n", visible_line(line)));
                }
            }
            if c.text.contains('\n') {
                notes.push(format!(
                    "claim `{}`: its text's line breaks became spaces",
                    c.id
                ));
            }
            out.push('\n');
        }
    }
    if titles
        .iter()
        .any(|(&c, title)| *title != dataset.claims[c].id)
    {
        notes.push(
            "claim ids with brackets, control characters or outer spaces were given other statement titles"
                .to_string(),
        );
    }
    if !unmapped.is_empty() {
        let kinds: Vec<&str> = unmapped.into_iter().collect();
        notes.push(format!(
            "Argdown has no relation for {} links: they are comments under the declaring claim",
            kinds.join(", ")
        ));
    }
    Export { text: out, notes }
}

/// A statement title for each claim: its id, unless Argdown cannot hold it
/// in `[...]`; then the id with those characters made `_`, made unique.
fn titles(dataset: &Dataset, claims: &[ClaimIx]) -> HashMap<ClaimIx, String> {
    let mut used: HashSet<String> = claims
        .iter()
        .map(|&c| dataset.claims[c].id.clone())
        .filter(|id| fits_a_title(id))
        .collect();
    claims
        .iter()
        .map(|&c| {
            let id = &dataset.claims[c].id;
            if fits_a_title(id) {
                return (c, id.clone());
            }
            let base: String = id
                .trim()
                .chars()
                .map(|ch| {
                    let alone = ch.to_string();
                    if "[]\\".contains(ch) || visible_line(&alone) != alone {
                        '_'
                    } else {
                        ch
                    }
                })
                .collect();
            let base = if base.is_empty() {
                "claim".to_string()
            } else {
                base
            };
            let title = crate::ids::unique(&base, |t| used.contains(t));
            used.insert(title.clone());
            (c, title)
        })
        .collect()
}

fn fits_a_title(id: &str) -> bool {
    !id.is_empty()
        && id.trim() == id
        && visible_line(id) == id
        && !id.chars().any(|c| "[]\\".contains(c))
}

/// `text` on one line, its controls made visible (the map is read on
/// terminals too) and Argdown's markup escaped.
fn escape(text: &str) -> String {
    let text = visible_line(&one_line(text)).into_owned();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_plain_text_is_not() {
        assert_eq!(
            escape("a [b] #c @d *e* _f_ {g} // h"),
            r"a \[b\] \#c \@d \*e\* \_f\_ \{g\} \/\/ h"
        );
        assert_eq!(
            escape("Baku's mid-March: 4 + 1 ə"),
            "Baku's mid-March: 4 + 1 ə"
        );
    }

    #[test]
    fn titles_keep_ids_argdown_can_hold() {
        assert!(fits_a_title("b silent ç:1"));
        assert!(!fits_a_title("a]b"));
        assert!(!fits_a_title(" lead"));
        assert!(!fits_a_title("line\nbreak"));
    }
}
