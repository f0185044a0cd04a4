//! Every user intent the review UI understands. Keys map to these through
//! the one table in `keymap`; `app::update` gives them meaning.

use super::selection::Unit;
use super::widget::text_input::TextEdit;
use crate::model::{RelationKind, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Claims,
    Contradictions,
    Sources,
    Diagnostics,
}

impl Screen {
    pub const ALL: [Screen; 4] = [
        Screen::Claims,
        Screen::Contradictions,
        Screen::Sources,
        Screen::Diagnostics,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Screen::Claims => "Claims",
            Screen::Contradictions => "Contradictions",
            Screen::Sources => "Sources",
            Screen::Diagnostics => "Diagnostics",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Interrupt,
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
    Show(Screen),
    NextContradicted,
    PreviousContradicted,
    JumpBack,
    NextSpan,
    PreviousSpan,
    NextQuote,
    PreviousQuote,
    Help,
    StartSearch,
    SearchInput(char),
    SearchDeleteChar,
    SearchAccept,
    SearchCancel,
    NextMatch,
    PreviousMatch,
    OpenFilters,
    ClearFilters,
    CycleStatusFilter,
    CycleTopicFilter,
    CycleSourceFilter,
    ToggleContradictedFilter,
    SetStatus(Status),
    ConfirmAndNext,
    Undo,
    OpenEditor,
    Export,
    CycleExportFormat,
    /// Start or drop a selection at the reader's cursor.
    ToggleSelection,
    /// Move the reader's cursor (and the selection's end with it).
    Motion(Unit, bool),
    SwapSelectionEnds,
    FindInSource,
    NewClaim,
    StartLink,
    RemoveLink,
    EditClaimText,
    EditClaimNote,
    FixQuote,
    RetrySave,
    /// A character typed into a prompt.
    Input(char),
    /// Text the terminal says was pasted (bracketed paste): typed text in a
    /// prompt, ignored elsewhere.
    Paste(String),
    InputEdit(TextEdit),
    Accept,
    Cancel,
    ChooseKind(RelationKind),
    Yes,
}

impl Action {
    /// One line for the help overlay.
    pub fn description(&self) -> String {
        let text = match self {
            Action::Quit => "quit",
            Action::Interrupt => "quit at once, as an interrupt (exit code 130)",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "go to the first item",
            Action::Bottom => "go to the last item",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextPane => "next pane (list, detail, passage)",
            Action::PreviousPane => "previous pane",
            Action::Open => "open / follow the selected item",
            Action::Back => "close / back",
            Action::Show(screen) => return format!("show {}", screen.title()),
            Action::NextContradicted => "next contradicted claim",
            Action::PreviousContradicted => "previous contradicted claim",
            Action::JumpBack => "jump back to where a link was followed",
            Action::NextSpan => "next find match or quote",
            Action::PreviousSpan => "previous find match or quote",
            Action::NextQuote => "next quote, even during a find",
            Action::PreviousQuote => "previous quote, even during a find",
            Action::Help => "show or hide this help",
            Action::StartSearch => "fuzzy search claims",
            Action::SearchInput(_) => "type into the search",
            Action::SearchDeleteChar => "delete the last search character",
            Action::SearchAccept => "keep the search as a filter",
            Action::SearchCancel => "clear the search",
            Action::NextMatch => "next search result",
            Action::PreviousMatch => "previous search result",
            Action::OpenFilters => "open the filter menu",
            Action::ClearFilters => "clear all filters and the search",
            Action::CycleStatusFilter => "filter by status (cycles)",
            Action::CycleTopicFilter => "filter by topic (cycles)",
            Action::CycleSourceFilter => "filter by source (cycles)",
            Action::ToggleContradictedFilter => "only contradicted claims (toggle)",
            Action::SetStatus(status) => {
                return format!("mark the claim {}", status.as_str());
            }
            Action::ConfirmAndNext => "confirm, then go to the next unreviewed claim",
            Action::Undo => "undo the last change (several levels)",
            Action::OpenEditor => "edit the claims file at this claim ($VISUAL/$EDITOR)",
            Action::Export => "export the report next to the claims file",
            Action::CycleExportFormat => "cycle the export format (md, html, json)",
            Action::ToggleSelection => "start / drop a selection at the cursor",
            Action::Motion(unit, forward) => {
                let unit = match unit {
                    Unit::Char => "character",
                    Unit::Word => "word",
                    Unit::Sentence => "sentence",
                };
                let way = if *forward { "forward" } else { "back" };
                return format!("cursor (and selection) a {unit} {way}");
            }
            Action::SwapSelectionEnds => "move the cursor to the selection's other end",
            Action::FindInSource => "find in the document (n/N next/previous)",
            Action::NewClaim => "new claim from the selection",
            Action::StartLink => "link the claim to another (agrees / contradicts)",
            Action::RemoveLink => "remove the selected link (detail pane)",
            Action::EditClaimText => "edit the claim's text",
            Action::EditClaimNote => "edit the claim's note",
            Action::FixQuote => "repair the quote to what the document says",
            Action::RetrySave => "try the change that was not saved again",
            Action::Input(_) => "type",
            Action::Paste(_) => "paste text into a prompt",
            Action::InputEdit(edit) => edit.description(),
            Action::Accept => "accept this step",
            Action::Cancel => "cancel",
            Action::ChooseKind(RelationKind::Agrees) => "the claims agree",
            Action::ChooseKind(RelationKind::Contradicts) => "the claims contradict",
            Action::ChooseKind(kind) => return format!("link as `{}`", kind.as_str()),
            Action::Yes => "yes, do it",
        };
        text.to_string()
    }
}
