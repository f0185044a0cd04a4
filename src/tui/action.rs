//! Every user intent the review UI understands. Keys map to these through
//! the one table in `keymap`; `app::update` gives them meaning.

use crate::model::Status;

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
            Action::NextSpan => "next marked span",
            Action::PreviousSpan => "previous marked span",
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
            Action::Undo => "undo the last status change",
            Action::OpenEditor => "edit the claims file at this claim ($VISUAL/$EDITOR)",
            Action::Export => "export the report next to the claims file",
            Action::CycleExportFormat => "cycle the export format (md, html, json)",
        };
        text.to_string()
    }
}
