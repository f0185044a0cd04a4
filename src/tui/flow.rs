//! The small step-by-step dialogs that author the claims file: a new claim
//! from a selected passage, a link, a claim's text or note, a yes/no before
//! a removal or a quote fix. State only; `update::author` moves them on.
//!
//! Each dialog keeps the claims file's text as it was when it opened: its
//! edit is saved against that, so a change made on disk while the user was
//! answering is never overwritten (see [`crate::edit::save`]).

use super::action::Declares;
use super::keymap::Context;
use super::widget::picker::Picker;
use super::widget::text_input::TextInput;
use crate::edit::Edit;
use crate::model::{Dataset, RelationKind};
use crate::shared_text::SharedText;

#[derive(Debug, Clone)]
pub enum Flow {
    NewClaim(NewClaimFlow),
    Link(LinkFlow),
    EditField(FieldFlow),
    /// `edit` is made on `y`; `question` says what it does.
    Confirm {
        question: Vec<String>,
        edit: Edit,
        base: SharedText,
    },
}

/// A claim being made from a quote, one answer at a time.
#[derive(Debug, Clone)]
pub struct NewClaimFlow {
    pub source: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub topic: String,
    pub new_topic_question: Option<String>,
    pub text: String,
    pub step: NewClaimStep,
    pub base: SharedText,
}

#[derive(Debug, Clone)]
pub enum NewClaimStep {
    Topic(Picker),
    TopicQuestion(TextInput),
    TopicId(TextInput),
    Text(TextInput),
    Id(TextInput),
}

#[derive(Debug, Clone)]
pub struct LinkFlow {
    pub claim: String,
    pub other: String,
    pub kind: RelationKind,
    /// Which of the two claims declares the link (and is written first).
    pub declares: Declares,
    pub step: LinkStep,
    pub base: SharedText,
}

/// A claim's text (`note: false`) or note, being edited.
#[derive(Debug, Clone)]
pub struct FieldFlow {
    pub claim: String,
    pub note: bool,
    pub input: TextInput,
    /// The value when the prompt opened.
    pub was: Option<String>,
    pub base: SharedText,
}

impl LinkFlow {
    /// The claim that declares the link, then the other.
    pub fn ends(&self) -> (&str, &str) {
        match self.declares {
            Declares::ThisClaim => (&self.claim, &self.other),
            Declares::OtherClaim => (&self.other, &self.claim),
        }
    }
}

#[derive(Debug, Clone)]
pub enum LinkStep {
    Other(Picker),
    Kind,
    Note(TextInput),
}

impl Flow {
    /// The key context of the current step.
    pub fn context(&self) -> Context {
        match self {
            Flow::NewClaim(f) => match f.step {
                NewClaimStep::Topic(_) => Context::Picker,
                _ => Context::Input,
            },
            Flow::Link(f) => match f.step {
                LinkStep::Other(_) => Context::Picker,
                LinkStep::Kind => Context::LinkKind,
                LinkStep::Note(_) => Context::Input,
            },
            Flow::EditField(_) => Context::Input,
            Flow::Confirm { .. } => Context::Confirm,
        }
    }

    /// The text being typed into, if the step takes text.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self {
            Flow::NewClaim(f) => Some(match &mut f.step {
                NewClaimStep::Topic(picker) => &mut picker.input,
                NewClaimStep::TopicQuestion(input)
                | NewClaimStep::TopicId(input)
                | NewClaimStep::Text(input)
                | NewClaimStep::Id(input) => input,
            }),
            Flow::Link(f) => match &mut f.step {
                LinkStep::Other(picker) => Some(&mut picker.input),
                LinkStep::Note(input) => Some(input),
                LinkStep::Kind => None,
            },
            Flow::EditField(f) => Some(&mut f.input),
            Flow::Confirm { .. } => None,
        }
    }

    /// Whether the text step keeps pasted line breaks: notes may hold
    /// paragraphs; a claim's text, a question, an id or a filter is one line.
    pub fn keeps_lines(&self) -> bool {
        matches!(
            self,
            Flow::EditField(FieldFlow { note: true, .. })
                | Flow::Link(LinkFlow {
                    step: LinkStep::Note(_),
                    ..
                })
        )
    }

    pub fn picker_mut(&mut self) -> Option<&mut Picker> {
        match self {
            Flow::NewClaim(NewClaimFlow {
                step: NewClaimStep::Topic(picker),
                ..
            })
            | Flow::Link(LinkFlow {
                step: LinkStep::Other(picker),
                ..
            }) => Some(picker),
            _ => None,
        }
    }

    pub fn picker(&self) -> Option<&Picker> {
        match self {
            Flow::NewClaim(NewClaimFlow {
                step: NewClaimStep::Topic(picker),
                ..
            })
            | Flow::Link(LinkFlow {
                step: LinkStep::Other(picker),
                ..
            }) => Some(picker),
            _ => None,
        }
    }

    /// The one-line prompt of a text step: what is asked, and the input.
    pub fn prompt(&self) -> Option<(&'static str, &TextInput)> {
        match self {
            Flow::NewClaim(f) => match &f.step {
                NewClaimStep::Topic(_) => None,
                NewClaimStep::TopicQuestion(input) => Some(("new topic's question", input)),
                NewClaimStep::TopicId(input) => Some(("new topic's id", input)),
                NewClaimStep::Text(input) => Some(("claim text", input)),
                NewClaimStep::Id(input) => Some(("claim id", input)),
            },
            Flow::Link(LinkFlow {
                step: LinkStep::Note(input),
                ..
            }) => Some(("link note (optional)", input)),
            Flow::Link(_) => None,
            Flow::EditField(f) if f.note => Some(("note (empty removes it)", &f.input)),
            Flow::EditField(f) => Some(("claim text", &f.input)),
            Flow::Confirm { .. } => None,
        }
    }

    /// What the status bar says about the current step.
    pub fn hint(&self) -> String {
        match self {
            Flow::NewClaim(f) => {
                let step = match f.step {
                    NewClaimStep::Topic(_) => "1/3 topic: type to narrow, ↑/↓, Enter picks",
                    NewClaimStep::TopicQuestion(_) => "1/3 new topic: its question, Enter",
                    NewClaimStep::TopicId(_) => "1/3 new topic: its id, Enter",
                    NewClaimStep::Text(_) => "2/3 the claim in your words, Enter",
                    NewClaimStep::Id(_) => "3/3 the claim's id, Enter saves",
                };
                format!("new claim {step} — Esc cancels")
            }
            Flow::Link(f) => {
                let step = match f.step {
                    LinkStep::Other(_) => "the other claim: type to narrow, ↑/↓, Enter picks",
                    LinkStep::Kind => "its kind: press one of the keys listed",
                    LinkStep::Note(_) => "a note on the link (optional), Enter saves",
                };
                format!("link {}: {step} — Esc cancels", f.claim)
            }
            Flow::EditField(f) => {
                let what = if f.note { "note" } else { "text" };
                format!("{}'s {what}: Enter saves, Esc cancels", f.claim)
            }
            Flow::Confirm { .. } => "y does it, n or Esc cancels".to_string(),
        }
    }
}

/// An unused topic id made from its question: its first five words.
pub fn topic_id_for(dataset: &Dataset, question: &str) -> String {
    let slug = crate::ids::slug(question);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(5).collect();
    let base = if words.is_empty() {
        "topic".to_string()
    } else {
        words.join("-")
    };
    crate::ids::unique(&base, |id| dataset.topic_index(id).is_some())
}

/// Whether `id` can be written as a bare TOML key, as every id in a
/// hand-written claims file is.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_ids_are_short_and_unused() {
        let text = "[topics.aid]\nquestion = \"q\"\n";
        let dataset = crate::load_str(std::path::Path::new("claims.toml"), text.to_string());
        assert_eq!(
            topic_id_for(&dataset, "How many drones struck Nakhchivan on 5 March?"),
            "how-many-drones-struck-nakhchivan"
        );
        assert_eq!(topic_id_for(&dataset, "Aid?"), "aid-2");
        assert_eq!(topic_id_for(&dataset, "¿?"), "topic");
    }

    #[test]
    fn plain_ids_are_bare_keys() {
        assert!(is_plain_id("iran-denies_2"));
        assert!(!is_plain_id("iran denies"));
        assert!(!is_plain_id(""));
    }
}
