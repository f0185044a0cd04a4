//! A `--topic`, `--source` or `--party` that names nothing in the claims file is a
//! typo, not an empty selection: `list` and `report` refuse it.

use super::{Filter, display_path};
use crux::Dataset;
use crux::diag::suggest::did_you_mean;
use crux::text::visible_line;

/// Most known ids listed when none is close to the one given.
const IDS_LISTED: usize = 8;

/// The error to print (exit 2) when the filter names a topic, source or
/// party the dataset does not have.
pub(super) fn unknown_id(filter: &Filter, dataset: &Dataset) -> Option<String> {
    // Ids the claims use count too: a claim on an undeclared topic (itself
    // an error) can still be selected.
    let mut topics: Vec<&str> = dataset.topics.iter().map(|t| t.id.as_str()).collect();
    topics.extend(dataset.claims.iter().map(|c| c.topic.as_str()));
    let mut sources: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
    let spans = dataset.claims.iter().flat_map(|c| &c.spans);
    sources.extend(spans.map(|span| span.source.as_str()));
    let mut parties: Vec<&str> = dataset.parties.iter().map(|p| p.id.as_str()).collect();
    let asserted = dataset.claims.iter().filter_map(|c| c.asserted_by.as_ref());
    parties.extend(asserted.map(|by| by.value.as_str()));
    for ids in [&mut topics, &mut sources, &mut parties] {
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| !id.is_empty() && seen.insert(*id));
    }
    unknown(
        dataset,
        "--topic",
        ("topic", "topics"),
        filter.topic.as_deref(),
        &topics,
    )
    .or_else(|| {
        unknown(
            dataset,
            "--source",
            ("source", "sources"),
            filter.source.as_deref(),
            &sources,
        )
    })
    .or_else(|| {
        unknown(
            dataset,
            "--party",
            ("party", "parties"),
            filter.party.as_deref(),
            &parties,
        )
    })
}

fn unknown(
    dataset: &Dataset,
    flag: &str,
    (what, whats): (&str, &str),
    given: Option<&str>,
    known: &[&str],
) -> Option<String> {
    let given = given.filter(|g| !known.contains(g))?;
    let mut message = format!(
        "error: {flag}: no {what} `{}` in {}",
        visible_line(given),
        display_path(&dataset.path)
    );
    // Every id is "near" an empty one: list them instead.
    let near = match given {
        "" => None,
        _ => did_you_mean(given, known.iter().copied()),
    };
    let help = match near {
        Some(near) => format!("did you mean `{}`?", visible_line(near)),
        None if known.is_empty() => format!("the file declares no {whats}"),
        None => {
            let mut listed: Vec<String> = known
                .iter()
                .take(IDS_LISTED)
                .map(|id| format!("`{}`", visible_line(id)))
                .collect();
            if known.len() > IDS_LISTED {
                listed.push(format!("and {} more", known.len() - IDS_LISTED));
            }
            format!("the {what} ids are {}", listed.join(", "))
        }
    };
    message.push_str(&format!("\n  help: {help}"));
    Some(message)
}
