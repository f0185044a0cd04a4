//! After crux writes one status, the claims file differs from the loaded
//! text in one contiguous place; this moves the dataset's byte ranges past
//! that place so line numbers stay right without reloading the documents.

use std::ops::Range;

use crate::model::Dataset;
use crate::text::LineIndex;

pub fn follow_edit(dataset: &mut Dataset, new_text: String) {
    let old = dataset.text.as_bytes();
    let new = new_text.as_bytes();
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let old_end = old.len() - suffix;
    let new_end = new.len() - suffix;
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
    dataset.lines = LineIndex::new(&new_text);
    dataset.text = new_text;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lines_after_an_inserted_status_move_down() {
        let text = "[topics.t]\nquestion = \"q\"\n\n[claims.a]\ntopic = \"t\"\ntext = \"a\"\nspans = []\n\n[claims.b]\ntopic = \"t\"\ntext = \"b\"\nspans = []\n";
        let mut dataset = crate::load_str(Path::new("claims.toml"), text.to_string());
        let b = dataset.claim_index("b").unwrap();
        assert_eq!(dataset.location(dataset.claims[b].decl.start).line, 9);
        let edited = text.replace("text = \"a\"\n", "text = \"a\"\nstatus = \"confirmed\"\n");
        follow_edit(&mut dataset, edited);
        assert_eq!(dataset.location(dataset.claims[b].decl.start).line, 10);
        let decl = dataset.claims[b].decl.clone();
        assert_eq!(&dataset.text[decl], "b");
    }
}
