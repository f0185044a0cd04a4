//! Ids that point elsewhere: a claim's topic, party and period, a span's
//! source, a relation's target. Unknown ids get a did-you-mean; a link
//! declared on both sides is kept once.

use std::collections::HashMap;
use std::ops::Range;

use super::fields::Located;
use crate::diag::{Code, Diagnostic, suggest::did_you_mean};
use crate::ix::{ClaimIx, RelationIx};
use crate::model::{Dataset, Relation, RelationKind};
use crate::when::When;

/// One `agrees`/`contradicts`/... entry as written, before its target is known.
#[derive(Debug)]
pub struct RelationEntry {
    pub kind: RelationKind,
    pub from: ClaimIx,
    pub target: Located<String>,
    pub note: Option<String>,
    pub decl: Range<usize>,
}

/// Unknown ids that get a did-you-mean. Each suggestion is a pass over
/// every known id, so thousands of broken links would take quadratic time.
const SUGGESTIONS: usize = 20;

pub fn check_topics_and_sources(dataset: &mut Dataset) {
    let mut found = Vec::new();
    let mut suggestions = SUGGESTIONS;
    for claim in &dataset.claims {
        if !claim.topic.is_empty() && dataset.topic_index(&claim.topic).is_none() {
            found.push(unknown(
                &TOPIC,
                &claim.topic,
                dataset.topics.iter().map(|t| t.id.as_str()),
                claim.topic_value.clone(),
                &claim.id,
                &mut suggestions,
            ));
        }
        if let Some(party) = &claim.asserted_by
            && dataset.party_index(&party.value).is_none()
        {
            found.push(unknown(
                &PARTY,
                &party.value,
                dataset.parties.iter().map(|p| p.id.as_str()),
                party.span.clone(),
                &claim.id,
                &mut suggestions,
            ));
        }
        if let Some(when) = &claim.when
            && let When::Period(period) = &when.value
            && dataset.period_index(period).is_none()
        {
            found.push(unknown(
                &PERIOD,
                period,
                dataset.periods.iter().map(|p| p.id.as_str()),
                when.span.clone(),
                &claim.id,
                &mut suggestions,
            ));
        }
        for span in &claim.spans {
            if dataset.source_index(&span.source).is_none() {
                found.push(unknown(
                    &SOURCE,
                    &span.source,
                    dataset.sources.iter().map(|s| s.id.as_str()),
                    span.source_value.clone(),
                    &claim.id,
                    &mut suggestions,
                ));
            }
        }
    }
    dataset.diagnostics.extend(found);
}

/// How many known ids the next did-you-mean may look at: all of them
/// while suggestions are left, then none.
fn known_ids(suggestions_left: &mut usize) -> usize {
    match suggestions_left.checked_sub(1) {
        Some(left) => {
            *suggestions_left = left;
            usize::MAX
        }
        None => 0,
    }
}

/// What an id names, for the message and its help.
struct IdKind {
    code: Code,
    name: &'static str,
    declare: &'static str,
}

const TOPIC: IdKind = IdKind {
    code: Code::UnknownTopic,
    name: "topic",
    declare: "[topics.ID] with a `question`",
};
const PARTY: IdKind = IdKind {
    code: Code::UnknownParty,
    name: "party",
    declare: "[parties.ID] with a `name`",
};
const PERIOD: IdKind = IdKind {
    code: Code::UnknownPeriod,
    name: "period",
    declare: "[periods.ID] with a `name` and a `when`, or write dates such as `2026-03-05`",
};
const SOURCE: IdKind = IdKind {
    code: Code::UnknownSource,
    name: "source",
    declare: "[sources.ID] with a `path`",
};
const CLAIM: IdKind = IdKind {
    code: Code::UnknownClaim,
    name: "claim",
    declare: "[claims.ID]",
};

fn unknown<'a>(
    kind: &IdKind,
    id: &str,
    known: impl Iterator<Item = &'a str>,
    span: Range<usize>,
    claim: &str,
    suggestions_left: &mut usize,
) -> Diagnostic {
    let name = kind.name;
    let d = Diagnostic::new(
        kind.code,
        format!("unknown {name} `{id}` in claim `{claim}`"),
    )
    .at(span)
    .label(format!("no {name} has this id"))
    .claim(claim);
    match did_you_mean(id, known.take(known_ids(suggestions_left))) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("declare it with {}, or fix the id", kind.declare)),
    }
}

pub fn resolve_relations(dataset: &mut Dataset, entries: Vec<RelationEntry>) {
    let mut seen: HashMap<(ClaimIx, ClaimIx), (RelationKind, RelationIx)> = HashMap::new();
    let mut suggestions = SUGGESTIONS;
    let mut diagnostics = Vec::new();
    // Growing by doubling would hold up to twice what they need for as
    // long as the dataset lives.
    dataset.link_targets.reserve_exact(entries.len());
    dataset.relations.reserve_exact(entries.len());
    for entry in entries {
        dataset.link_targets.push(crate::model::LinkTarget {
            from: entry.from,
            kind: entry.kind,
            claim: entry.target.clone(),
        });
        let from_id = dataset.claims[entry.from].id.clone();
        let Some(to) = dataset.claim_index(&entry.target.value) else {
            diagnostics.push(unknown(
                &CLAIM,
                &entry.target.value,
                dataset.claims.iter().map(|c| c.id.as_str()),
                entry.target.span.clone(),
                &from_id,
                &mut suggestions,
            ));
            continue;
        };
        if to == entry.from {
            diagnostics.push(
                Diagnostic::new(
                    Code::SelfLink,
                    format!("claim `{from_id}` {} itself", entry.kind.as_str()),
                )
                .at(entry.target.span.clone())
                .label("links the claim to itself")
                .help("remove this entry; a link joins two different claims")
                .claim(&from_id),
            );
            continue;
        }
        let key = (entry.from.min(to), entry.from.max(to));
        if let Some(&(kind, index)) = seen.get(&key) {
            let earlier = &dataset.relations[index];
            if kind != entry.kind {
                diagnostics.push(two_relations(dataset, &entry, earlier, &from_id, to));
            } else if kind.is_directional() && earlier.from != entry.from {
                diagnostics.push(both_directions(dataset, &entry, earlier, &from_id, to));
            } else if entry.note.is_some() && earlier.note.is_some() && entry.note != earlier.note {
                let at = dataset.location(earlier.decl.start);
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateRelation,
                        format!(
                            "`{from_id}` and `{}` are linked twice with different notes",
                            dataset.claims[to].id
                        ),
                    )
                    .at(entry.decl.clone())
                    .label("second declaration")
                    .note(format!("first declared at line {}:{}", at.line, at.col))
                    .help("keep one note: a link needs declaring on one side only")
                    .claim(&from_id),
                );
            } else if earlier.note.is_none() && entry.note.is_some() {
                dataset.relations[index].note = entry.note;
            }
            continue;
        }
        seen.insert(key, (entry.kind, RelationIx(dataset.relations.len())));
        dataset.relations.push(Relation {
            kind: entry.kind,
            from: entry.from,
            to,
            note: entry.note,
            decl: entry.decl,
        });
    }
    // A link declared on both sides was reserved for twice.
    dataset.relations.shrink_to_fit();
    dataset.diagnostics.extend(diagnostics);
}

fn two_relations(
    dataset: &Dataset,
    entry: &RelationEntry,
    earlier: &Relation,
    from_id: &str,
    to: ClaimIx,
) -> Diagnostic {
    let at = dataset.location(earlier.decl.start);
    Diagnostic::new(
        Code::AgreesAndContradicts,
        format!(
            "`{from_id}` and `{}` are declared both to {} and to {}",
            dataset.claims[to].id,
            verb(earlier.kind),
            verb(entry.kind)
        ),
    )
    .at(entry.target.span.clone())
    .label(format!("declared to {}", verb(entry.kind)))
    .note(format!("declared to {} at line {}:{}", verb(earlier.kind), at.line, at.col))
    .help("keep one relation, the kind that says best how the claims differ; its note can say the rest")
    .claim(from_id)
}

fn both_directions(
    dataset: &Dataset,
    entry: &RelationEntry,
    earlier: &Relation,
    from_id: &str,
    to: ClaimIx,
) -> Diagnostic {
    let at = dataset.location(earlier.decl.start);
    let key = entry.kind.as_str();
    Diagnostic::new(
        Code::AgreesAndContradicts,
        format!(
            "`{from_id}` and `{}` each declare that they {} the other",
            dataset.claims[to].id,
            verb(entry.kind)
        ),
    )
    .at(entry.target.span.clone())
    .label(format!("`{key}` runs from `{from_id}`"))
    .note(format!(
        "and from `{}` at line {}:{}",
        dataset.claims[to].id, at.line, at.col
    ))
    .help(match entry.kind {
        RelationKind::Updates => {
            "`updates` is declared on the later claim only: remove the other entry"
        }
        _ => "`refines` is declared on the more precise claim only: remove the other entry",
    })
    .claim(from_id)
}

fn verb(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Agrees => "agree",
        RelationKind::Contradicts => "contradict",
        RelationKind::Refines => "refine",
        RelationKind::Updates => "update",
        RelationKind::Rivals => "be alternatives",
        RelationKind::Contrasts => "contrast",
    }
}
