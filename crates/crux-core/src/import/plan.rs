//! From annotations read from a file to the edits that add what is new to
//! the claims file: each annotation anchored in its document, grouped into
//! claims, checked against what the file already holds.

use std::collections::{HashMap, HashSet};

use super::links::link_edit;
use super::locate::{Placement, placement, problem};
use super::{Annotation, Incoming};
use crate::diag::{Code, Diagnostic};
use crate::edit::{Edit, NewClaim};
use crate::export::w3c::{STATUS_TAG, TOPIC_TAG};
use crate::ids::{suggest_claim_id, unique};
use crate::model::{Claim, Dataset, Status};
use crate::text::one_line;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--map URI=SOURCE`: the source of annotations on `URI`.
    pub map: Vec<(String, String)>,
    /// `--topic`: the topic of annotations whose tags name none.
    pub topic: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// In order: each new claim with its spans, status and note, then the links.
    pub edits: Vec<Edit>,
    /// What was not imported, and why, located in the import file.
    pub problems: Vec<Diagnostic>,
    pub claims_added: Vec<String>,
    pub links_added: usize,
    /// Annotations (by name) the claims file already holds, with their claim.
    pub present: Vec<(String, String)>,
    /// Claims the file holds under an annotation's id that differ from it:
    /// left as they are.
    pub differing: Vec<String>,
}

pub fn plan(dataset: &Dataset, incoming: &Incoming, options: &Options) -> Plan {
    let mut plan = Plan {
        problems: incoming.problems.clone(),
        ..Plan::default()
    };
    let mut placements = Vec::new();
    for annotation in &incoming.annotations {
        match placement(dataset, annotation, options) {
            Ok(placed) => placements.push(placed),
            Err(problem) => plan.problems.push(problem),
        }
    }
    let failed: HashSet<&str> = incoming
        .annotations
        .iter()
        .filter(|a| !placements.iter().any(|p| std::ptr::eq(p.annotation, *a)))
        .filter_map(|a| Some(a.crux_span.as_ref()?.0.as_str()))
        .collect();
    let mut claim_of_iri: HashMap<String, String> = HashMap::new();
    let mut planned: HashSet<String> = HashSet::new();
    let mut new_topics: HashSet<String> = HashSet::new();
    // The claim each annotation planned so far becomes, by what recognises
    // it again: an annotation twice in one file is imported once.
    let mut seen: HashMap<String, String> = HashMap::new();
    for (group, duplicates) in groups(placements) {
        if let Some(id) = group[0].annotation.crux_span.as_ref().map(|s| &s.0)
            && failed.contains(id.as_str())
        {
            // Its other spans were reported; half a claim is not imported.
            continue;
        }
        for duplicate in duplicates {
            let id = &duplicate
                .annotation
                .crux_span
                .as_ref()
                .expect("a crux span")
                .0;
            plan.present
                .push((duplicate.annotation.name.clone(), id.clone()));
        }
        let keys = recognised_by(&group[0]);
        if let Some(id) = keys.iter().find_map(|k| seen.get(k)) {
            plan.present
                .push((group[0].annotation.name.clone(), id.clone()));
            continue;
        }
        match claim_edits(dataset, &group, options, &planned, &mut new_topics) {
            Ok(Decision::Present(id)) => {
                for p in &group {
                    plan.present.push((p.annotation.name.clone(), id.clone()));
                }
                remember(&mut claim_of_iri, &group, &id);
            }
            Ok(Decision::Differs(id)) => plan.differing.push(id),
            Ok(Decision::Add(id, edits)) => {
                remember(&mut claim_of_iri, &group, &id);
                for key in keys {
                    seen.insert(key, id.clone());
                }
                planned.insert(id.clone());
                plan.claims_added.push(id);
                plan.edits.extend(edits);
            }
            Err(problem) => plan.problems.push(problem),
        }
    }
    let mut linked = HashMap::new();
    for link in &incoming.links {
        match link_edit(dataset, link, &claim_of_iri, &mut linked) {
            Ok(Some(edit)) => {
                plan.links_added += 1;
                plan.edits.push(edit);
            }
            Ok(None) => {}
            Err(problem) => plan.problems.push(problem),
        }
    }
    plan
}

/// What recognises an annotation without a crux id as one already
/// planned: its provenance, or its text on its passage.
fn recognised_by(placed: &Placement<'_>) -> Vec<String> {
    if placed.annotation.crux_span.is_some() {
        return Vec::new();
    }
    let passage = format!(
        "{}\u{0}{:?}\u{0}{}",
        placed.source.id,
        placed.bytes,
        claim_text(placed)
    );
    placed
        .annotation
        .provenance
        .iter()
        .cloned()
        .chain([passage])
        .collect()
}

/// The claim's text: the annotation's, or else the passage it quotes.
fn claim_text(placed: &Placement<'_>) -> String {
    placed
        .annotation
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| one_line(&placed.quote), str::to_string)
}

fn remember(claim_of_iri: &mut HashMap<String, String>, group: &[Placement<'_>], id: &str) {
    for p in group {
        if let Some(iri) = &p.annotation.iri {
            claim_of_iri.insert(iri.clone(), id.to_string());
        }
    }
}

type Group<'a> = (Vec<Placement<'a>>, Vec<Placement<'a>>);

/// Placements grouped into claims: the spans crux exported from one claim
/// together, in span order; any other annotation alone. A span given twice
/// is kept once, the second set apart.
fn groups(placements: Vec<Placement<'_>>) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for p in placements {
        match &p.annotation.crux_span {
            Some((id, index)) => match group_of.get(id) {
                Some(&g) => {
                    let (spans, duplicates) = &mut groups[g];
                    let again = spans
                        .iter()
                        .any(|q| q.annotation.crux_span.as_ref().map(|s| s.1) == Some(*index));
                    if again {
                        duplicates.push(p);
                    } else {
                        spans.push(p);
                    }
                }
                None => {
                    group_of.insert(id.clone(), groups.len());
                    groups.push((vec![p], Vec::new()));
                }
            },
            None => groups.push((vec![p], Vec::new())),
        }
    }
    for (spans, _) in &mut groups {
        spans.sort_by_key(|p| p.annotation.crux_span.as_ref().map_or(0, |s| s.1));
    }
    groups
}

enum Decision {
    /// The claims file already holds it, as this claim.
    Present(String),
    /// A claim with its id exists and says something else.
    Differs(String),
    Add(String, Vec<Edit>),
}

fn claim_edits(
    dataset: &Dataset,
    group: &[Placement<'_>],
    options: &Options,
    planned: &HashSet<String>,
    new_topics: &mut HashSet<String>,
) -> Result<Decision, Diagnostic> {
    let first = &group[0];
    let annotation = first.annotation;
    let text = claim_text(first);
    let crux_id = annotation.crux_span.as_ref().map(|s| s.0.clone());
    if let Some(id) = &crux_id
        && let Some(existing) = dataset.claim(id)
    {
        return Ok(if says_the_same(existing, &text, group) {
            Decision::Present(id.clone())
        } else {
            Decision::Differs(id.clone())
        });
    }
    if crux_id.is_none()
        && let Some(id) = already_imported(dataset, first, &text)
    {
        return Ok(Decision::Present(id));
    }
    let status = status(annotation)?;
    let topic = topic(dataset, annotation, options)?;
    let new_topic_question = if dataset.topic(&topic).is_some() || new_topics.contains(&topic) {
        None
    } else {
        Some(question_for_new_topic(annotation, &topic)?)
    };
    if new_topic_question.is_some() {
        new_topics.insert(topic.clone());
    }
    let id = match crux_id {
        Some(id) if !planned.contains(&id) => id,
        _ => {
            let base = suggest_claim_id(dataset, &first.source.id, &text);
            unique(&base, |id| {
                dataset.claim_index(id).is_some() || planned.contains(id)
            })
        }
    };
    let mut edits = vec![Edit::AddClaim(NewClaim {
        id: id.clone(),
        topic,
        new_topic_question,
        text,
        source: first.source.id.clone(),
        quote: first.quote.clone(),
        prefix: first.prefix.clone(),
        suffix: first.suffix.clone(),
    })];
    for p in &group[1..] {
        edits.push(Edit::AddSpan {
            claim: id.clone(),
            source: p.source.id.clone(),
            quote: p.quote.clone(),
            prefix: p.prefix.clone(),
            suffix: p.suffix.clone(),
        });
    }
    if status != Status::Unreviewed {
        edits.push(Edit::SetStatus {
            claim: id.clone(),
            status,
        });
    }
    let note = imported_note(annotation);
    if let Some(note) = note {
        edits.push(Edit::SetNote {
            claim: id.clone(),
            note: Some(note),
        });
    }
    Ok(Decision::Add(id, edits))
}

/// Whether `existing` is what `group` would import: the same text and the
/// same passages.
fn says_the_same(existing: &Claim, text: &str, group: &[Placement<'_>]) -> bool {
    existing.text == text
        && existing.spans.len() == group.len()
        && group.iter().all(|p| {
            existing.spans.iter().any(|s| {
                s.source == p.source.id && s.anchor.as_ref().is_some_and(|a| a.bytes == p.bytes)
            })
        })
}

/// The question of the topic `topic` that the annotation asks to create;
/// an error when it has none.
fn question_for_new_topic(annotation: &Annotation, topic: &str) -> Result<String, Diagnostic> {
    match &annotation.question {
        Some(question) if !question.trim().is_empty() => Ok(question.clone()),
        _ => Err(problem(
            annotation,
            Code::UnknownTopic,
            format!(
                "{}: there is no topic `{topic}` in the claims file",
                annotation.name
            ),
        )
        .label("unknown topic")
        .help(format!(
            "declare `[topics.{topic}]` with its `question`, then import again"
        ))),
    }
}

/// The claim's note: the annotation's own, then where it came from.
fn imported_note(annotation: &Annotation) -> Option<String> {
    match (&annotation.note, &annotation.provenance) {
        (Some(note), Some(from)) => Some(format!("{note}\n{from}")),
        (Some(note), None) => Some(note.clone()),
        (None, from) => from.clone(),
    }
}

/// The claim an annotation without a crux id was imported as before: its
/// provenance is in the claim's note, or the claim says the same of the
/// same passage.
fn already_imported(dataset: &Dataset, placed: &Placement<'_>, text: &str) -> Option<String> {
    let provenance = placed.annotation.provenance.as_deref();
    dataset
        .claims
        .iter()
        .find(|claim| {
            let noted =
                provenance.is_some_and(|p| claim.note.as_deref().is_some_and(|n| n.contains(p)));
            let same_passage = claim.text == text
                && claim.spans.iter().any(|s| {
                    s.source == placed.source.id
                        && s.anchor.as_ref().is_some_and(|a| a.bytes == placed.bytes)
                });
            noted || same_passage
        })
        .map(|claim| claim.id.clone())
}

fn status(annotation: &Annotation) -> Result<Status, Diagnostic> {
    let Some(tag) = annotation
        .tags
        .iter()
        .find_map(|t| t.strip_prefix(STATUS_TAG))
    else {
        return Ok(Status::Unreviewed);
    };
    Status::parse(tag).ok_or_else(|| {
        problem(
            annotation,
            Code::InvalidValue,
            format!(
                "{}: `{STATUS_TAG}{tag}` is not a review status",
                annotation.name
            ),
        )
        .help("the statuses are unreviewed, confirmed, disputed and rejected")
    })
}

/// The topic a `topic:<id>` tag names; else the one tag that is a topic
/// id; else `--topic`.
fn topic(
    dataset: &Dataset,
    annotation: &Annotation,
    options: &Options,
) -> Result<String, Diagnostic> {
    if let Some(topic) = annotation
        .tags
        .iter()
        .find_map(|t| t.strip_prefix(TOPIC_TAG))
    {
        return Ok(topic.to_string());
    }
    let named: Vec<&String> = annotation
        .tags
        .iter()
        .filter(|t| dataset.topic(t).is_some())
        .collect();
    match (named.as_slice(), &options.topic) {
        ([one], _) => Ok((*one).clone()),
        ([], Some(topic)) => Ok(topic.clone()),
        (several, _) => {
            let what = if several.is_empty() {
                "none of its tags is a topic".to_string()
            } else {
                format!("its tags name {} topics", several.len())
            };
            Err(problem(
                annotation,
                Code::UnknownTopic,
                format!("{}: {what}", annotation.name),
            )
            .label("which topic?")
            .help(format!(
                "tag it `{TOPIC_TAG}<topic id>`, or give `--topic ID` for annotations that name none"
            )))
        }
    }
}
