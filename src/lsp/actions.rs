//! Code actions, each one of crux's own edits of the claims file handed to
//! the editor: the repair `crux fix` makes of a quote (by the same rule),
//! a missing topic created, a link declared on the other claim too with
//! its note, the review status set.

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Url};

use super::analysis::Analysis;
use super::diagnostics;
use super::edits::workspace_edit;
use super::index::claim_at;
use crate::edit::{Edit, add_topic, declare_reverse_link};
use crate::ix::{self, ClaimIx};
use crate::model::Status;

pub fn actions(
    analysis: &Analysis,
    uri: &Url,
    range: std::ops::Range<usize>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    quote_fixes(analysis, uri, &range, &mut out);
    missing_topics(analysis, uri, &range, &mut out);
    if let Some(claim) = claim_at(&analysis.dataset, range.start) {
        reverse_links(analysis, uri, claim, &mut out);
        statuses(analysis, uri, claim, &mut out);
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn touches(span: &std::ops::Range<usize>, range: &std::ops::Range<usize>) -> bool {
    span.start <= range.end && range.start <= span.end
}

fn action(
    analysis: &Analysis,
    uri: &Url,
    title: String,
    kind: CodeActionKind,
    after: Result<String, crate::edit::EditError>,
) -> Option<CodeAction> {
    let after = after.ok()?;
    Some(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(workspace_edit(uri, &analysis.dataset.text, &after)),
        ..CodeAction::default()
    })
}

fn quote_fixes(
    analysis: &Analysis,
    uri: &Url,
    range: &std::ops::Range<usize>,
    out: &mut Vec<CodeAction>,
) {
    let dataset = &analysis.dataset;
    let positions = analysis.positions();
    for (c, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
        for (s, span) in claim.spans.iter().enumerate() {
            if !touches(&span.quote_value, range) {
                continue;
            }
            let Some(fix) = crate::fix::plan_span(dataset, c, s) else {
                continue;
            };
            let edit = fix.edit().apply(&dataset.text);
            let title = format!("crux fix: {}", fix.describe());
            if let Some(mut action) = action(analysis, uri, title, CodeActionKind::QUICKFIX, edit) {
                action.diagnostics =
                    Some(vec![diagnostics::one(dataset, &positions, &fix.resolves)]);
                action.is_preferred = Some(true);
                out.push(action);
            }
        }
    }
}

fn missing_topics(
    analysis: &Analysis,
    uri: &Url,
    range: &std::ops::Range<usize>,
    out: &mut Vec<CodeAction>,
) {
    let dataset = &analysis.dataset;
    let mut done = Vec::new();
    for claim in &dataset.claims {
        let unknown = !claim.topic.is_empty() && dataset.topic_index(&claim.topic).is_none();
        if !unknown || !touches(&claim.topic_value, range) || done.contains(&&claim.topic) {
            continue;
        }
        done.push(&claim.topic);
        let title = format!(
            "Create topic `{}` (its question left for you to write)",
            claim.topic
        );
        let edit = add_topic(&dataset.text, &claim.topic, "");
        out.extend(action(analysis, uri, title, CodeActionKind::QUICKFIX, edit));
    }
}

/// A symmetric link another claim declares towards this one, declared on
/// this claim too, with the other side's note: the link then shows, and
/// reads the same, from both tables. (`refines` and `updates` run one way
/// and are declared on one side only.)
fn reverse_links(analysis: &Analysis, uri: &Url, claim: ClaimIx, out: &mut Vec<CodeAction>) {
    let dataset = &analysis.dataset;
    let here = &dataset.claims[claim];
    for relation in dataset.relations_of(claim).map(|(r, _)| r) {
        if relation.kind.is_directional() || relation.to != claim {
            continue;
        }
        let declared_here = dataset
            .link_targets
            .iter()
            .any(|l| l.from == claim && dataset.claim_index(&l.claim.value) == Some(relation.from));
        if declared_here {
            continue;
        }
        let other = &dataset.claims[relation.from].id;
        let kind = relation.kind.as_str();
        let title = match &relation.note {
            Some(_) => format!("Declare the reverse link here: {kind} `{other}`, with its note"),
            None => format!("Declare the reverse link here: {kind} `{other}`"),
        };
        let edit = declare_reverse_link(&dataset.text, &here.id, other, relation.kind);
        out.extend(action(
            analysis,
            uri,
            title,
            CodeActionKind::REFACTOR_REWRITE,
            edit,
        ));
    }
}

fn statuses(analysis: &Analysis, uri: &Url, claim: ClaimIx, out: &mut Vec<CodeAction>) {
    let here = &analysis.dataset.claims[claim];
    for status in Status::ALL {
        if status == here.status {
            continue;
        }
        let edit = Edit::SetStatus {
            claim: here.id.clone(),
            status,
        };
        let title = format!("Mark `{}` {}", here.id, status.as_str());
        out.extend(action(
            analysis,
            uri,
            title,
            CodeActionKind::REFACTOR_REWRITE,
            edit.apply(&analysis.dataset.text),
        ));
    }
}
