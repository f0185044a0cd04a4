//! The selected claim: its status, walking the contradicted claims, and the
//! dialogs that link it or edit its text or note.

use super::super::action::{ClaimAction, Declares};
use super::super::app::App;
use super::super::effect::Effect;
use super::super::flow::{FieldFlow, Flow, LinkFlow, LinkStep};
use super::super::screen::{Pane, detail_links, link_targets};
use super::super::widget::picker::{PickItem, Picker};
use super::super::widget::text_input::TextInput;
use crate::edit::Edit;
use crate::ix::{self, ClaimIx};
use crate::model::{RelationKind, Status};

pub fn update(app: &mut App, action: ClaimAction) -> Vec<Effect> {
    match action {
        ClaimAction::NextContradicted => next_contradicted(app, true),
        ClaimAction::PreviousContradicted => next_contradicted(app, false),
        ClaimAction::SetStatus(status) => return set_status(app, status),
        ClaimAction::ConfirmAndNext => {
            let effects = set_status(app, Status::Confirmed);
            let claims = &mut app.screens.claims;
            if let Some(next) = claims.unreviewed_after_cursor(&app.data) {
                claims.cursor = next;
                claims.claim_changed();
            } else {
                app.say("no other unreviewed claim");
            }
            return effects;
        }
        ClaimAction::StartLink => start_link(app),
        ClaimAction::RemoveLink => remove_link(app),
        ClaimAction::EditText => edit_field(app, false),
        ClaimAction::EditNote => edit_field(app, true),
    }
    Vec::new()
}

fn next_contradicted(app: &mut App, forward: bool) {
    let claims = &mut app.screens.claims;
    let graph = &app.data.dataset.graph;
    let found = claims.round_from_cursor(&app.data, forward, true, |c| graph.is_contradicted(c));
    match found {
        Some(position) => {
            claims.cursor = position;
            claims.claim_changed();
        }
        None => app.say("no contradicted claim in the list"),
    }
}

fn set_status(app: &mut App, status: Status) -> Vec<Effect> {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return Vec::new();
    };
    let current = &app.dataset().claims[claim];
    if current.status == status {
        app.say(format!("{} is already {}", current.id, status.as_str()));
        return Vec::new();
    }
    let edit = Edit::SetStatus {
        claim: current.id.clone(),
        status,
    };
    vec![Effect::Apply {
        edit,
        base: app.dataset().text.clone(),
    }]
}

/// `L`: link the selected claim; the other claim is picked first, claims
/// of the same topic listed before the rest.
fn start_link(app: &mut App) {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return;
    };
    let dataset = app.dataset();
    let this = &dataset.claims[claim];
    let linked = link_targets(&app.data, claim);
    let items = ix::enumerate(&dataset.claims, ClaimIx)
        .filter(|&(i, _)| i != claim && !linked.contains(&i))
        .map(|(_, c)| PickItem {
            id: c.id.clone(),
            detail: c.text.clone(),
            group: u8::from(c.topic != this.topic),
        })
        .collect();
    let picker = Picker::new(format!("link {} to", this.id), items, None);
    app.flow = Some(Flow::Link(LinkFlow {
        claim: this.id.clone(),
        other: String::new(),
        kind: RelationKind::Agrees,
        declares: Declares::ThisClaim,
        step: LinkStep::Other(picker),
        base: dataset.text.clone(),
    }));
}

/// `D` on a link in the detail pane: remove it, after a yes.
fn remove_link(app: &mut App) {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return;
    };
    let claims = &app.screens.claims;
    if claims.focus != Pane::Detail {
        app.say("Tab to the detail pane and select the link to remove");
        return;
    }
    let Some(link) = detail_links(&app.data, claim).into_iter().nth(claims.link) else {
        app.say("this claim has no link to remove");
        return;
    };
    let dataset = app.dataset();
    let (other, kind) = (link.other, dataset.relations[link.relation].kind);
    let (id, other_id) = (&dataset.claims[claim].id, &dataset.claims[other].id);
    let question = vec![format!(
        "Remove the link: {id} {} {other_id}?",
        kind.as_str()
    )];
    let edit = Edit::RemoveLink {
        claim: id.clone(),
        other: other_id.clone(),
        kind,
    };
    let base = dataset.text.clone();
    app.flow = Some(Flow::Confirm {
        question,
        edit,
        base,
    });
}

/// `t` / `m`: the selected claim's text or note in a prompt.
fn edit_field(app: &mut App, note: bool) {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return;
    };
    let dataset = app.dataset();
    let c = &dataset.claims[claim];
    let was = if note {
        c.note.clone()
    } else {
        Some(c.text.clone())
    };
    app.flow = Some(Flow::EditField(FieldFlow {
        claim: c.id.clone(),
        note,
        input: TextInput::new(was.clone().unwrap_or_default()),
        was,
        base: dataset.text.clone(),
    }));
}
