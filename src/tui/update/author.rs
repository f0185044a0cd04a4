//! The authoring dialogs: each step takes its answer on Enter, Esc drops
//! the whole dialog, and the last step asks for one edit to be saved.

use super::super::action::{Action, NavAction, PromptAction};
use super::super::app::App;
use super::super::effect::Effect;
use super::super::flow::{
    FieldFlow, Flow, LinkFlow, LinkStep, NewClaimFlow, NewClaimStep, is_plain_id, topic_id_for,
};
use super::super::widget::picker::Picked;
use super::super::widget::text_input::{PasteChanges, TextInput, pasted};
use crate::edit::{Edit, NewClaim};
use crate::shared_text::SharedText;

/// An action while a dialog is open; `None` lets it through (quitting).
pub fn in_flow(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    let flow = app.flow.as_mut()?;
    match action {
        Action::Prompt(PromptAction::Cancel) => {
            app.flow = None;
            app.say("cancelled");
        }
        Action::Prompt(PromptAction::Input(c)) => {
            if let Some(input) = flow.input_mut() {
                input.insert(*c);
            }
            if let Some(picker) = flow.picker_mut() {
                picker.refilter();
            }
        }
        Action::Prompt(PromptAction::Paste(text)) => {
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
        Action::Prompt(PromptAction::Edit(edit)) => {
            if let Some(input) = flow.input_mut() {
                input.edit(*edit);
            }
            if let Some(picker) = flow.picker_mut() {
                picker.refilter();
            }
        }
        Action::Nav(nav @ (NavAction::Up | NavAction::Down)) => {
            if let Some(picker) = flow.picker_mut() {
                picker.step(if *nav == NavAction::Up { -1 } else { 1 });
            }
        }
        Action::Prompt(PromptAction::ChooseKind(kind, declares)) => {
            if let Flow::Link(link) = flow
                && matches!(link.step, LinkStep::Kind)
            {
                link.kind = *kind;
                link.declares = *declares;
                link.step = LinkStep::Note(TextInput::default());
            }
        }
        Action::Prompt(PromptAction::Yes) => {
            if let Some(Flow::Confirm { edit, base, .. }) = app.flow.take() {
                return Some(save(edit, base));
            }
        }
        Action::Prompt(PromptAction::Accept) => return Some(accept(app)),
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
fn save(edit: Edit, base: SharedText) -> Vec<Effect> {
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
        LinkStep::Kind => app.say("pick the link's kind with one of the keys listed"),
        LinkStep::Note(input) => {
            let note = input.text.trim();
            let (claim, other) = link.ends();
            let edit = Edit::AddLink {
                claim: claim.to_string(),
                other: other.to_string(),
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
