//! The authoring dialogs: each step takes its answer on Enter, Esc drops
//! the whole dialog, and the last step asks for one edit to be saved.

use std::sync::Arc;

use super::super::action::Action;
use super::super::app::{App, Pane};
use super::super::effect::Effect;
use super::super::flow::{
    FieldFlow, Flow, LinkFlow, LinkStep, NewClaimFlow, NewClaimStep, is_plain_id, topic_id_for,
};
use super::super::widget::picker::{PickItem, Picked, Picker};
use super::super::widget::text_input::{PasteChanges, TextInput, pasted};
use super::link_targets;
use crate::edit::{Edit, NewClaim};
use crate::model::RelationKind;

/// An action while a dialog is open; `None` lets it through (quitting).
pub fn in_flow(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let flow = app.flow.as_mut()?;
    match action {
        Action::Cancel => {
            app.flow = None;
            app.say("cancelled");
        }
        Action::Input(c) => {
            if let Some(input) = flow.input_mut() {
                input.insert(*c);
            }
            if let Some(picker) = flow.picker_mut() {
                picker.refilter();
            }
        }
        Action::Paste(text) => {
            let keeps_lines = flow.keeps_lines();
            let Some(input) = flow.input_mut() else {
                app.say("paste ignored: not in a text field");
                return Some(Vec::new());
            };
            let (text, changes) = pasted(text, keeps_lines);
            input.insert_str(&text);
            if let Some(picker) = flow.picker_mut() {
                picker.refilter();
            }
            say_what_the_paste_changed(app, changes);
        }
        Action::InputEdit(edit) => {
            if let Some(input) = flow.input_mut() {
                input.edit(*edit);
            }
            if let Some(picker) = flow.picker_mut() {
                picker.refilter();
            }
        }
        Action::Up | Action::Down => {
            if let Some(picker) = flow.picker_mut() {
                picker.step(if *action == Action::Up { -1 } else { 1 });
            }
        }
        Action::ChooseKind(kind) => {
            if let Flow::Link(link) = flow
                && matches!(link.step, LinkStep::Kind)
            {
                link.kind = *kind;
                link.step = LinkStep::Note(TextInput::default());
            }
        }
        Action::Yes => {
            if let Some(Flow::Confirm { edit, base, .. }) = app.flow.take() {
                return Some(save(edit, base));
            }
        }
        Action::Accept => return Some(accept(app)),
        _ => return None,
    }
    Some(Vec::new())
}

fn say_what_the_paste_changed(app: &mut App, changes: PasteChanges) {
    let said = match (changes.joined_lines, changes.dropped_controls) {
        (true, true) => "pasted: line breaks became spaces, control characters left out",
        (true, false) => "pasted: line breaks became spaces (this field is one line)",
        (false, true) => "pasted: control characters left out",
        (false, false) => return,
    };
    app.say(said);
}

/// The dialog's edit, saved against the file as it was when the dialog opened.
fn save(edit: Edit, base: Arc<str>) -> Vec<Effect> {
    vec![Effect::Apply { edit, base }]
}

/// Enter: the current step's answer, checked; the next step or the edit.
fn accept(app: &mut App) -> Vec<Effect> {
    let Some(flow) = app.flow.take() else {
        return Vec::new();
    };
    let (flow, effects) = match flow {
        Flow::NewClaim(new) => accept_new_claim(app, new),
        Flow::Link(link) => accept_link(app, link),
        Flow::EditField(field) => accept_field(app, field),
        confirm @ Flow::Confirm { .. } => (Some(confirm), Vec::new()),
    };
    app.flow = flow;
    effects
}

type Next = (Option<Flow>, Vec<Effect>);

fn stay(flow: Flow) -> Next {
    (Some(flow), Vec::new())
}

fn accept_new_claim(app: &mut App, mut new: NewClaimFlow) -> Next {
    let dataset = app.dataset();
    match &new.step {
        NewClaimStep::Topic(picker) => match picker.selected() {
            Some(Picked::Item(i)) => {
                new.topic = picker.items[i].id.clone();
                new.step = NewClaimStep::Text(TextInput::new(crate::text::one_line(&new.quote)));
            }
            Some(Picked::Extra) => {
                new.step = NewClaimStep::TopicQuestion(TextInput::new(picker.input.text.trim()));
            }
            None => app.warn("no topic matches: pick one, or new topic…"),
        },
        NewClaimStep::TopicQuestion(input) => {
            let question = input.text.trim();
            if question.is_empty() {
                app.warn("a topic needs a question");
                return stay(Flow::NewClaim(new));
            }
            let slug = topic_id_for(dataset, question);
            new.new_topic_question = Some(question.to_string());
            new.step = NewClaimStep::TopicId(TextInput::new(slug));
        }
        NewClaimStep::TopicId(input) => {
            let id = input.text.trim();
            if !is_plain_id(id) {
                app.warn("an id is letters, digits, - and _ only");
            } else if dataset.topic_index(id).is_some() {
                app.warn(format!("there is already a topic `{id}`"));
            } else {
                new.topic = id.to_string();
                new.step = NewClaimStep::Text(TextInput::new(crate::text::one_line(&new.quote)));
            }
        }
        NewClaimStep::Text(input) => {
            let text = input.text.trim();
            if text.is_empty() {
                app.warn("a claim needs a text");
            } else {
                new.text = text.to_string();
                let id = crate::ids::suggest_claim_id(dataset, &new.source, text);
                new.step = NewClaimStep::Id(TextInput::new(id));
            }
        }
        NewClaimStep::Id(input) => {
            let id = input.text.trim();
            if !is_plain_id(id) {
                app.warn("an id is letters, digits, - and _ only");
            } else if dataset.claim_index(id).is_some() {
                app.warn(format!("there is already a claim `{id}`"));
            } else {
                let edit = Edit::AddClaim(NewClaim {
                    id: id.to_string(),
                    topic: new.topic,
                    new_topic_question: new.new_topic_question,
                    text: new.text,
                    source: new.source,
                    quote: new.quote,
                    prefix: new.prefix,
                    suffix: new.suffix,
                });
                return (None, save(edit, new.base));
            }
        }
    }
    stay(Flow::NewClaim(new))
}

/// A quote as a first draft of a claim: on one line, without edge spaces.
fn accept_link(app: &mut App, mut link: LinkFlow) -> Next {
    match &link.step {
        LinkStep::Other(picker) => match picker.selected() {
            Some(Picked::Item(i)) => {
                link.other = picker.items[i].id.clone();
                link.step = LinkStep::Kind;
            }
            _ => app.warn("no claim matches"),
        },
        LinkStep::Kind => app.say("a: the claims agree, c: they contradict"),
        LinkStep::Note(input) => {
            let note = input.text.trim();
            let edit = Edit::AddLink {
                claim: link.claim,
                other: link.other,
                kind: link.kind,
                note: (!note.is_empty()).then(|| note.to_string()),
            };
            return (None, save(edit, link.base));
        }
    }
    stay(Flow::Link(link))
}

/// Enter on a text or note: "unchanged" when it is what the prompt opened
/// with, whatever the file holds now.
fn accept_field(app: &mut App, field: FieldFlow) -> Next {
    let value = field.input.text.trim();
    let edit = if field.note {
        let note = (!value.is_empty()).then(|| value.to_string());
        if note == field.was {
            app.say("unchanged");
            return (None, Vec::new());
        }
        Edit::SetNote {
            claim: field.claim,
            note,
        }
    } else {
        if value.is_empty() {
            app.warn("a claim needs a text");
            return stay(Flow::EditField(field));
        }
        if field.was.as_deref() == Some(value) {
            app.say("unchanged");
            return (None, Vec::new());
        }
        Edit::SetText {
            text: value.to_string(),
            claim: field.claim,
        }
    };
    (None, save(edit, field.base))
}

/// `L`: link the selected claim; the other claim is picked first, claims
/// of the same topic listed before the rest.
pub fn start_link(app: &mut App) {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return;
    };
    let dataset = app.dataset();
    let this = &dataset.claims[claim];
    let linked = link_targets(app, claim);
    let items = dataset
        .claims
        .iter()
        .enumerate()
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
        step: LinkStep::Other(picker),
        base: dataset.text.clone(),
    }));
}

/// `D` on a link in the detail pane: remove it, after a yes.
pub fn remove_link(app: &mut App) {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return;
    };
    if app.focus != Pane::Detail {
        app.say("Tab to the detail pane and select the link to remove");
        return;
    }
    let Some(&other) = link_targets(app, claim).get(app.link) else {
        app.say("this claim has no link to remove");
        return;
    };
    let kind = match super::detail_links(app, claim).get(app.link) {
        Some(link) => app.dataset().relations[link.relation].kind,
        None => RelationKind::Agrees,
    };
    let dataset = app.dataset();
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
pub fn edit_field(app: &mut App, note: bool) {
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

/// `f` on a quote diagnostic: the old and the repaired quote, and a yes
/// before the repair is written.
pub fn fix_quote(app: &mut App) {
    let dataset = app.dataset();
    let Some(diagnostic) = dataset.diagnostics.get(app.diagnostic_cursor) else {
        app.say("nothing to repair: the file checks clean");
        return;
    };
    let fixes = crate::fix::plan(dataset);
    let Some(fix) = fixes.iter().find(|f| &f.resolves == diagnostic) else {
        app.say("crux cannot repair this one: edit the claims file (e)");
        return;
    };
    let question = vec![
        format!("Repair {}?", fix.describe()),
        format!("old: “{}”", fix.old_quote),
        format!("new: “{}”", fix.quote),
    ];
    app.flow = Some(Flow::Confirm {
        question,
        edit: fix.edit(),
        base: dataset.text.clone(),
    });
}
