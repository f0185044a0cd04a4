//! Every user intent the review UI understands. Keys map to these through
//! the one table in `keymap`; `update` gives them meaning. Actions come in
//! families, one per part of the UI that handles them, so that `update`
//! only routes a family to its handler.

use super::screen::Screen;
use super::selection::Unit;
use super::widget::text_input::TextEdit;
use crate::model::{RelationKind, Status};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Anywhere: quitting, help, screens, undo, the editor, exports.
    Global(GlobalAction),
    /// Moving in the current screen, or in the help.
    Nav(NavAction),
    /// The selected claim on the Claims screen.
    Claim(ClaimAction),
    /// The fuzzy search of the claim list.
    Search(SearchAction),
    /// The claim list's filters.
    Filter(FilterAction),
    /// The Contradictions screen's lists.
    Pairs(PairsAction),
    /// The Timeline screen.
    Timeline(TimelineAction),
    /// The open document on the Sources screen.
    Reader(ReaderAction),
    /// The selected diagnostic.
    Diagnostic(DiagnosticAction),
    /// Typing into a prompt or answering a dialog.
    Prompt(PromptAction),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalAction {
    Quit,
    Interrupt,
    Help,
    Show(Screen),
    JumpBack,
    Undo,
    RetrySave,
    OpenEditor,
    Export,
    CycleExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavAction {
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    NextPane,
    PreviousPane,
    Open,
    Back,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimAction {
    NextContradicted,
    PreviousContradicted,
    SetStatus(Status),
    ConfirmAndNext,
    StartLink,
    RemoveLink,
    EditText,
    EditNote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchAction {
    Start,
    Input(char),
    DeleteChar,
    Accept,
    Cancel,
    NextMatch,
    PreviousMatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    OpenMenu,
    Clear,
    CycleStatus,
    CycleTopic,
    CycleSource,
    CycleParty,
    ToggleContradicted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsAction {
    /// The other differences instead of the contradictions, or back.
    ToggleDifferences,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineAction {
    NextTime,
    PreviousTime,
    /// The selected claim's quote, in its document.
    OpenQuote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderAction {
    NextSpan,
    PreviousSpan,
    NextQuote,
    PreviousQuote,
    /// Start or drop a selection at the reader's cursor.
    ToggleSelection,
    /// Move the reader's cursor (and the selection's end with it).
    Motion(Unit, bool),
    SwapSelectionEnds,
    Find,
    NewClaim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticAction {
    FixQuote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptAction {
    /// A character typed into a prompt.
    Input(char),
    /// Text the terminal says was pasted (bracketed paste): typed text in a
    /// prompt, ignored elsewhere.
    Paste(String),
    Edit(TextEdit),
    Accept,
    Cancel,
    /// The new link's kind, and which of its two claims declares it.
    ChooseKind(RelationKind, Declares),
    Yes,
}

/// Which claim of a new link declares it: for `refines` and `updates`, the
/// more precise or the later one; the link is written in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declares {
    /// The claim the link dialog was opened on.
    ThisClaim,
    /// The claim picked as the other end.
    OtherClaim,
}

impl Action {
    /// Whether it may write to the claims file or decide on the whole of
    /// it: everything but moving, searching, filtering and looking. While
    /// only the first claims are read, such an action waits for the rest.
    pub fn needs_whole_file(&self) -> bool {
        use GlobalAction::*;
        match self {
            Action::Global(action) => !matches!(
                action,
                Quit | Interrupt | Help | Show(_) | JumpBack | CycleExportFormat
            ),
            Action::Nav(_)
            | Action::Search(_)
            | Action::Filter(_)
            | Action::Pairs(_)
            | Action::Timeline(_) => false,
            Action::Claim(action) => !matches!(
                action,
                ClaimAction::NextContradicted | ClaimAction::PreviousContradicted
            ),
            Action::Reader(action) => matches!(action, ReaderAction::NewClaim),
            Action::Diagnostic(_) | Action::Prompt(_) => true,
        }
    }

    /// One line for the help overlay.
    pub fn description(&self) -> String {
        match self {
            Action::Global(action) => action.description(),
            Action::Nav(action) => action.description().to_string(),
            Action::Claim(action) => action.description(),
            Action::Search(action) => action.description().to_string(),
            Action::Filter(action) => action.description().to_string(),
            Action::Pairs(PairsAction::ToggleDifferences) => {
                "switch between the contradictions (claims that cannot both be true) and the other differences: updates, refinements, rivals, contrasts".to_string()
            }
            Action::Timeline(action) => action.description().to_string(),
            Action::Reader(action) => action.description(),
            Action::Diagnostic(DiagnosticAction::FixQuote) => {
                "repair the quote to what the document says".to_string()
            }
            Action::Prompt(action) => action.description(),
        }
    }
}

impl GlobalAction {
    fn description(&self) -> String {
        let text = match self {
            GlobalAction::Quit => "quit",
            GlobalAction::Interrupt => "quit at once, as an interrupt (exit code 130)",
            GlobalAction::Help => "show or hide this help",
            GlobalAction::Show(screen) => return format!("show {}", screen.title()),
            GlobalAction::JumpBack => "jump back to where a link was followed",
            GlobalAction::Undo => "undo the last change (several levels)",
            GlobalAction::RetrySave => "try the change that was not saved again",
            GlobalAction::OpenEditor => "edit the claims file at this claim ($VISUAL/$EDITOR)",
            GlobalAction::Export => "export the report next to the claims file",
            GlobalAction::CycleExportFormat => "cycle the export format (md, html, json)",
        };
        text.to_string()
    }
}

impl NavAction {
    fn description(&self) -> &'static str {
        match self {
            NavAction::Up => "move up",
            NavAction::Down => "move down",
            NavAction::Top => "go to the first item",
            NavAction::Bottom => "go to the last item",
            NavAction::HalfPageDown => "half a page down",
            NavAction::HalfPageUp => "half a page up",
            NavAction::PageDown => "page down",
            NavAction::PageUp => "page up",
            NavAction::NextPane => "next pane (list, detail, passage)",
            NavAction::PreviousPane => "previous pane",
            NavAction::Open => "open / follow the selected item",
            NavAction::Back => "close / back",
        }
    }
}

impl ClaimAction {
    fn description(&self) -> String {
        let text = match self {
            ClaimAction::NextContradicted => "next contradicted claim",
            ClaimAction::PreviousContradicted => "previous contradicted claim",
            ClaimAction::SetStatus(status) => {
                return format!("mark the claim {}", status.as_str());
            }
            ClaimAction::ConfirmAndNext => "confirm, then go to the next unreviewed claim",
            ClaimAction::StartLink => {
                "link the claim to another: agrees, contradicts, refines, updates, rivals, contrasts"
            }
            ClaimAction::RemoveLink => "remove the selected link (detail pane)",
            ClaimAction::EditText => "edit the claim's text",
            ClaimAction::EditNote => "edit the claim's note",
        };
        text.to_string()
    }
}

impl SearchAction {
    fn description(&self) -> &'static str {
        match self {
            SearchAction::Start => "fuzzy search claims",
            SearchAction::Input(_) => "type into the search",
            SearchAction::DeleteChar => "delete the last search character",
            SearchAction::Accept => "keep the search as a filter",
            SearchAction::Cancel => "clear the search",
            SearchAction::NextMatch => "next search result",
            SearchAction::PreviousMatch => "previous search result",
        }
    }
}

impl FilterAction {
    fn description(&self) -> &'static str {
        match self {
            FilterAction::OpenMenu => "open the filter menu",
            FilterAction::Clear => "clear all filters and the search",
            FilterAction::CycleStatus => "filter by status (cycles)",
            FilterAction::CycleTopic => "filter by topic (cycles)",
            FilterAction::CycleSource => "filter by source (cycles)",
            FilterAction::CycleParty => "filter by party: who asserts the claim (cycles)",
            FilterAction::ToggleContradicted => "only contradicted claims (toggle)",
        }
    }
}

impl TimelineAction {
    fn description(&self) -> &'static str {
        match self {
            TimelineAction::NextTime => "next time (a date, a period or a publication)",
            TimelineAction::PreviousTime => "previous time (a date, a period or a publication)",
            TimelineAction::OpenQuote => "open the claim's quote in its document",
        }
    }
}

impl ReaderAction {
    fn description(&self) -> String {
        let text = match self {
            ReaderAction::NextSpan => "next find match or quote",
            ReaderAction::PreviousSpan => "previous find match or quote",
            ReaderAction::NextQuote => "next quote, even during a find",
            ReaderAction::PreviousQuote => "previous quote, even during a find",
            ReaderAction::ToggleSelection => "start / drop a selection at the cursor",
            ReaderAction::Motion(unit, forward) => {
                let unit = match unit {
                    Unit::Char => "character",
                    Unit::Word => "word",
                    Unit::Sentence => "sentence",
                };
                let way = if *forward { "forward" } else { "back" };
                return format!("cursor (and selection) a {unit} {way}");
            }
            ReaderAction::SwapSelectionEnds => "move the cursor to the selection's other end",
            ReaderAction::Find => "find in the document (n/N next/previous)",
            ReaderAction::NewClaim => "new claim from the selection",
        };
        text.to_string()
    }
}

impl PromptAction {
    fn description(&self) -> String {
        let text = match self {
            PromptAction::Input(_) => "type",
            PromptAction::Paste(_) => "paste text into a prompt",
            PromptAction::Edit(edit) => edit.description(),
            PromptAction::Accept => "accept this step",
            PromptAction::Cancel => "cancel",
            PromptAction::ChooseKind(kind, declares) => kind_description(*kind, *declares),
            PromptAction::Yes => "yes, do it",
        };
        text.to_string()
    }
}

/// What a link of `kind` says, read from the claim the dialog is about.
fn kind_description(kind: RelationKind, declares: Declares) -> &'static str {
    match (kind, declares) {
        (RelationKind::Agrees, _) => "agrees: both say the same, or one bears out the other",
        (RelationKind::Contradicts, _) => {
            "contradicts: both cannot be true of the same thing at the same time"
        }
        (RelationKind::Refines, Declares::ThisClaim) => {
            "refines: this claim is a more precise version of the same fact"
        }
        (RelationKind::Refines, Declares::OtherClaim) => {
            "is refined by: the other claim is the more precise version"
        }
        (RelationKind::Updates, Declares::ThisClaim) => {
            "updates: this claim is later information that replaces the other"
        }
        (RelationKind::Updates, Declares::OtherClaim) => {
            "is updated by: the other claim is later information that replaces this one"
        }
        (RelationKind::Rivals, _) => "rivals: alternative explanations, offered as such",
        (RelationKind::Contrasts, _) => {
            "contrasts: both can be true, but they differ in emphasis or framing"
        }
    }
}
