//! The one key table: it drives key handling and the help overlay alike.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::screen::Screen;
use super::selection::Unit;
use super::widget::text_input::TextEdit;
use crate::model::{RelationKind, Status};

/// Where a binding applies. Lookups try the specific context first, then
/// its fallback (`Global` for the screens, the text keys for a picker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Claims,
    Reader,
    Search,
    FilterMenu,
    Help,
    Diagnostics,
    /// Typing into a prompt.
    Input,
    Picker,
    LinkKind,
    Confirm,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Claims => "claims screen",
            Context::Reader => "reading a source",
            Context::Search => "while typing a search",
            Context::FilterMenu => "filter menu",
            Context::Help => "help",
            Context::Diagnostics => "diagnostics screen",
            Context::Input => "while typing in a prompt",
            Context::Picker => "in a picker",
            Context::LinkKind => "choosing a link's kind",
            Context::Confirm => "asked yes or no",
        }
    }
    /// Where keys not bound here are looked up next.
    pub fn fallback(self) -> Option<Context> {
        match self {
            Context::Claims | Context::Reader | Context::Diagnostics => Some(Context::Global),
            Context::Picker => Some(Context::Input),
            _ => None,
        }
    }
    /// Whether unbound printable characters are typed text here.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Input | Context::Picker)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Move,
    Screens,
    SearchFilter,
    Review,
    Author,
    Typing,
    Other,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::Move,
        Group::Screens,
        Group::SearchFilter,
        Group::Review,
        Group::Author,
        Group::Typing,
        Group::Other,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Group::Move => "Move",
            Group::Screens => "Screens and links",
            Group::SearchFilter => "Search and filter",
            Group::Review => "Review",
            Group::Author => "Authoring",
            Group::Typing => "Prompts and pickers",
            Group::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key::with(KeyCode::Char(c), KeyModifiers::CONTROL)
    }
    const fn with(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    /// The key of a terminal event, with Shift folded into the character.
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::BackTab => KeyCode::BackTab,
            code => {
                if !matches!(code, KeyCode::Char(_)) {
                    modifiers |= event.modifiers & KeyModifiers::SHIFT;
                }
                code
            }
        };
        Key { code, modifiers }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

pub struct Binding {
    pub key: Key,
    pub context: Context,
    pub action: Action,
    pub group: Group,
}

const fn bind(key: Key, context: Context, action: Action, group: Group) -> Binding {
    Binding {
        key,
        context,
        action,
        group,
    }
}

use Context::{
    Claims, Confirm, Diagnostics, FilterMenu, Global, Help, Input, LinkKind, Picker, Reader, Search,
};
use Group::{Author, Move, Other, Review, Screens, SearchFilter, Typing};

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Key::char('j'),                  Global,      Action::Down,                                  Move),
    bind(Key::plain(KeyCode::Down),       Global,      Action::Down,                                  Move),
    bind(Key::char('k'),                  Global,      Action::Up,                                    Move),
    bind(Key::plain(KeyCode::Up),         Global,      Action::Up,                                    Move),
    bind(Key::char('g'),                  Global,      Action::Top,                                   Move),
    bind(Key::plain(KeyCode::Home),       Global,      Action::Top,                                   Move),
    bind(Key::char('G'),                  Global,      Action::Bottom,                                Move),
    bind(Key::plain(KeyCode::End),        Global,      Action::Bottom,                                Move),
    bind(Key::ctrl('d'),                  Global,      Action::HalfPageDown,                          Move),
    bind(Key::ctrl('u'),                  Global,      Action::HalfPageUp,                            Move),
    bind(Key::plain(KeyCode::PageDown),   Global,      Action::PageDown,                              Move),
    bind(Key::plain(KeyCode::PageUp),     Global,      Action::PageUp,                                Move),
    bind(Key::plain(KeyCode::Tab),        Global,      Action::NextPane,                              Move),
    bind(Key::plain(KeyCode::BackTab),    Global,      Action::PreviousPane,                          Move),
    bind(Key::char('1'),                  Global,      Action::Show(Screen::Claims),                  Screens),
    bind(Key::char('2'),                  Global,      Action::Show(Screen::Contradictions),          Screens),
    bind(Key::char('3'),                  Global,      Action::Show(Screen::Sources),                 Screens),
    bind(Key::char('4'),                  Global,      Action::Show(Screen::Diagnostics),             Screens),
    bind(Key::plain(KeyCode::Enter),      Global,      Action::Open,                                  Screens),
    bind(Key::plain(KeyCode::Esc),        Global,      Action::Back,                                  Screens),
    bind(Key::plain(KeyCode::Backspace),  Global,      Action::JumpBack,                              Screens),
    bind(Key::ctrl('o'),                  Global,      Action::JumpBack,                              Screens),
    bind(Key::char(']'),                  Claims,      Action::NextContradicted,                      Screens),
    bind(Key::char('['),                  Claims,      Action::PreviousContradicted,                  Screens),
    bind(Key::char('n'),                  Reader,      Action::NextSpan,                              Screens),
    bind(Key::char('N'),                  Reader,      Action::PreviousSpan,                          Screens),
    bind(Key::char(']'),                  Reader,      Action::NextQuote,                             Screens),
    bind(Key::char('['),                  Reader,      Action::PreviousQuote,                         Screens),
    bind(Key::char('/'),                  Global,      Action::StartSearch,                           SearchFilter),
    bind(Key::char('n'),                  Global,      Action::NextMatch,                             SearchFilter),
    bind(Key::char('N'),                  Global,      Action::PreviousMatch,                         SearchFilter),
    bind(Key::plain(KeyCode::Enter),      Search,      Action::SearchAccept,                          SearchFilter),
    bind(Key::plain(KeyCode::Esc),        Search,      Action::SearchCancel,                          SearchFilter),
    bind(Key::plain(KeyCode::Backspace),  Search,      Action::SearchDeleteChar,                      SearchFilter),
    bind(Key::plain(KeyCode::Down),       Search,      Action::Down,                                  Move),
    bind(Key::plain(KeyCode::Up),         Search,      Action::Up,                                    Move),
    bind(Key::char('f'),                  Global,      Action::OpenFilters,                           SearchFilter),
    bind(Key::char('F'),                  Global,      Action::ClearFilters,                          SearchFilter),
    bind(Key::char('s'),                  FilterMenu,  Action::CycleStatusFilter,                     SearchFilter),
    bind(Key::char('t'),                  FilterMenu,  Action::CycleTopicFilter,                      SearchFilter),
    bind(Key::char('o'),                  FilterMenu,  Action::CycleSourceFilter,                     SearchFilter),
    bind(Key::char('c'),                  FilterMenu,  Action::ToggleContradictedFilter,              SearchFilter),
    bind(Key::char('F'),                  FilterMenu,  Action::ClearFilters,                          SearchFilter),
    bind(Key::plain(KeyCode::Esc),        FilterMenu,  Action::Back,                                  SearchFilter),
    bind(Key::char('f'),                  FilterMenu,  Action::Back,                                  SearchFilter),
    bind(Key::plain(KeyCode::Enter),      FilterMenu,  Action::Back,                                  SearchFilter),
    bind(Key::char('a'),                  Claims,      Action::SetStatus(Status::Confirmed),          Review),
    bind(Key::char('d'),                  Claims,      Action::SetStatus(Status::Disputed),           Review),
    bind(Key::char('r'),                  Claims,      Action::SetStatus(Status::Rejected),           Review),
    bind(Key::char('u'),                  Claims,      Action::SetStatus(Status::Unreviewed),         Review),
    bind(Key::char('A'),                  Claims,      Action::ConfirmAndNext,                        Review),
    bind(Key::char(' '),                  Claims,      Action::ConfirmAndNext,                        Review),
    bind(Key::char('U'),                  Global,      Action::Undo,                                  Review),
    bind(Key::ctrl('z'),                  Global,      Action::Undo,                                  Review),
    bind(Key::char('e'),                  Global,      Action::OpenEditor,                            Other),
    bind(Key::char('x'),                  Global,      Action::Export,                                Other),
    bind(Key::char('X'),                  Global,      Action::CycleExportFormat,                     Other),
    bind(Key::char('?'),                  Global,      Action::Help,                                  Other),
    bind(Key::char('q'),                  Global,      Action::Quit,                                  Other),
    bind(Key::ctrl('c'),                  Global,      Action::Interrupt,                             Other),
    bind(Key::char('j'),                  Help,        Action::Down,                                  Move),
    bind(Key::plain(KeyCode::Down),       Help,        Action::Down,                                  Move),
    bind(Key::char('k'),                  Help,        Action::Up,                                    Move),
    bind(Key::plain(KeyCode::Up),         Help,        Action::Up,                                    Move),
    bind(Key::plain(KeyCode::Esc),        Help,        Action::Back,                                  Other),
    bind(Key::char('?'),                  Help,        Action::Back,                                  Other),
    bind(Key::char('q'),                  Help,        Action::Back,                                  Other),
    bind(Key::char('v'),                  Reader,      Action::ToggleSelection,                       Author),
    bind(Key::char('l'),                  Reader,      Action::Motion(Unit::Char, true),              Author),
    bind(Key::plain(KeyCode::Right),      Reader,      Action::Motion(Unit::Char, true),              Author),
    bind(Key::char('h'),                  Reader,      Action::Motion(Unit::Char, false),             Author),
    bind(Key::plain(KeyCode::Left),       Reader,      Action::Motion(Unit::Char, false),             Author),
    bind(Key::char('w'),                  Reader,      Action::Motion(Unit::Word, true),              Author),
    bind(Key::char('b'),                  Reader,      Action::Motion(Unit::Word, false),             Author),
    bind(Key::char(')'),                  Reader,      Action::Motion(Unit::Sentence, true),          Author),
    bind(Key::char('('),                  Reader,      Action::Motion(Unit::Sentence, false),         Author),
    bind(Key::char('o'),                  Reader,      Action::SwapSelectionEnds,                     Author),
    bind(Key::char('/'),                  Reader,      Action::FindInSource,                          Author),
    bind(Key::char('c'),                  Reader,      Action::NewClaim,                              Author),
    bind(Key::char('L'),                  Claims,      Action::StartLink,                             Author),
    bind(Key::char('D'),                  Claims,      Action::RemoveLink,                            Author),
    bind(Key::char('t'),                  Claims,      Action::EditClaimText,                         Author),
    bind(Key::char('m'),                  Claims,      Action::EditClaimNote,                         Author),
    bind(Key::char('f'),                  Diagnostics, Action::FixQuote,                              Author),
    bind(Key::char('R'),                  Global,      Action::RetrySave,                             Author),
    bind(Key::plain(KeyCode::Enter),      Input,       Action::Accept,                                Typing),
    bind(Key::plain(KeyCode::Esc),        Input,       Action::Cancel,                                Typing),
    bind(Key::plain(KeyCode::Left),       Input,       Action::InputEdit(TextEdit::Left),             Typing),
    bind(Key::plain(KeyCode::Right),      Input,       Action::InputEdit(TextEdit::Right),            Typing),
    bind(Key::plain(KeyCode::Home),       Input,       Action::InputEdit(TextEdit::Home),             Typing),
    bind(Key::ctrl('a'),                  Input,       Action::InputEdit(TextEdit::Home),             Typing),
    bind(Key::plain(KeyCode::End),        Input,       Action::InputEdit(TextEdit::End),              Typing),
    bind(Key::ctrl('e'),                  Input,       Action::InputEdit(TextEdit::End),              Typing),
    bind(Key::with(KeyCode::Left, CTRL),  Input,       Action::InputEdit(TextEdit::WordLeft),         Typing),
    bind(Key::with(KeyCode::Left, ALT),   Input,       Action::InputEdit(TextEdit::WordLeft),         Typing),
    bind(Key::with(KeyCode::Right, CTRL), Input,       Action::InputEdit(TextEdit::WordRight),        Typing),
    bind(Key::with(KeyCode::Right, ALT),  Input,       Action::InputEdit(TextEdit::WordRight),        Typing),
    bind(Key::plain(KeyCode::Backspace),  Input,       Action::InputEdit(TextEdit::Backspace),        Typing),
    bind(Key::plain(KeyCode::Delete),     Input,       Action::InputEdit(TextEdit::Delete),           Typing),
    bind(Key::ctrl('w'),                  Input,       Action::InputEdit(TextEdit::DeleteWord),       Typing),
    bind(Key::ctrl('u'),                  Input,       Action::InputEdit(TextEdit::DeleteToStart),    Typing),
    bind(Key::plain(KeyCode::Down),       Picker,      Action::Down,                                  Typing),
    bind(Key::ctrl('n'),                  Picker,      Action::Down,                                  Typing),
    bind(Key::plain(KeyCode::Up),         Picker,      Action::Up,                                    Typing),
    bind(Key::ctrl('p'),                  Picker,      Action::Up,                                    Typing),
    bind(Key::char('a'),                  LinkKind,    Action::ChooseKind(RelationKind::Agrees),      Typing),
    bind(Key::char('c'),                  LinkKind,    Action::ChooseKind(RelationKind::Contradicts), Typing),
    bind(Key::plain(KeyCode::Esc),        LinkKind,    Action::Cancel,                                Typing),
    bind(Key::char('y'),                  Confirm,     Action::Yes,                                   Typing),
    bind(Key::char('n'),                  Confirm,     Action::Cancel,                                Typing),
    bind(Key::plain(KeyCode::Esc),        Confirm,     Action::Cancel,                                Typing),
];

/// The action bound to `key` in `context`. Ctrl-c interrupts from anywhere.
/// While typing a search or into a prompt, unbound printable characters are text.
pub fn lookup(context: Context, key: Key) -> Option<Action> {
    if key == Key::ctrl('c') {
        return Some(Action::Interrupt);
    }
    let find = |context: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| b.action.clone())
    };
    let mut at = Some(context);
    while let Some(here) = at {
        if let Some(action) = find(here) {
            return Some(action);
        }
        at = here.fallback();
    }
    let typed = match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    match context {
        Context::Search => typed.map(Action::SearchInput),
        c if c.takes_text() => typed.map(Action::Input),
        _ => None,
    }
}

/// Bindings grouped for the help overlay: for each action once, all its keys.
pub fn help_entries(group: Group) -> Vec<(String, Context, Action)> {
    let mut entries: Vec<(String, Context, Action)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.group == group) {
        let label = binding.key.label();
        match entries
            .iter_mut()
            .find(|(_, c, a)| *c == binding.context && *a == binding.action)
        {
            Some(entry) => {
                entry.0.push_str(" / ");
                entry.0.push_str(&label);
            }
            None => entries.push((label, binding.context, binding.action.clone())),
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let mut seen = HashSet::new();
        for b in BINDINGS {
            assert!(
                seen.insert((b.context, b.key)),
                "{} bound twice in {:?}",
                b.key.label(),
                b.context
            );
        }
    }

    #[test]
    fn every_action_has_a_key() {
        let mut all = vec![
            Action::Quit,
            Action::Interrupt,
            Action::Up,
            Action::Down,
            Action::Top,
            Action::Bottom,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::PageDown,
            Action::PageUp,
            Action::NextPane,
            Action::PreviousPane,
            Action::Open,
            Action::Back,
            Action::NextContradicted,
            Action::PreviousContradicted,
            Action::JumpBack,
            Action::NextSpan,
            Action::PreviousSpan,
            Action::NextQuote,
            Action::PreviousQuote,
            Action::Help,
            Action::StartSearch,
            Action::SearchDeleteChar,
            Action::SearchAccept,
            Action::SearchCancel,
            Action::NextMatch,
            Action::PreviousMatch,
            Action::OpenFilters,
            Action::ClearFilters,
            Action::CycleStatusFilter,
            Action::CycleTopicFilter,
            Action::CycleSourceFilter,
            Action::ToggleContradictedFilter,
            Action::ConfirmAndNext,
            Action::Undo,
            Action::OpenEditor,
            Action::Export,
            Action::CycleExportFormat,
            Action::ToggleSelection,
            Action::SwapSelectionEnds,
            Action::FindInSource,
            Action::NewClaim,
            Action::StartLink,
            Action::RemoveLink,
            Action::EditClaimText,
            Action::EditClaimNote,
            Action::FixQuote,
            Action::RetrySave,
            Action::Accept,
            Action::Cancel,
            Action::Yes,
        ];
        all.extend(Screen::ALL.map(Action::Show));
        for unit in [Unit::Char, Unit::Word, Unit::Sentence] {
            all.extend([true, false].map(|forward| Action::Motion(unit, forward)));
        }
        all.extend([RelationKind::Agrees, RelationKind::Contradicts].map(Action::ChooseKind));
        all.extend(
            [
                TextEdit::Left,
                TextEdit::Right,
                TextEdit::Home,
                TextEdit::End,
                TextEdit::WordLeft,
                TextEdit::WordRight,
                TextEdit::Backspace,
                TextEdit::Delete,
                TextEdit::DeleteWord,
                TextEdit::DeleteToStart,
            ]
            .map(Action::InputEdit),
        );
        all.extend(Status::ALL.map(Action::SetStatus));
        assert!(
            !all.iter().any(typed_not_bound),
            "typed actions are not bound"
        );
        for action in all {
            assert!(
                BINDINGS.iter().any(|b| b.action == action),
                "{action:?} has no key"
            );
        }
    }

    /// No wildcard: a new `Action` variant fails to compile here until it
    /// is sorted into bound (and added to the list above) or typed.
    fn typed_not_bound(action: &Action) -> bool {
        match action {
            Action::SearchInput(_) | Action::Input(_) | Action::Paste(_) => true,
            Action::Quit
            | Action::Interrupt
            | Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::NextPane
            | Action::PreviousPane
            | Action::Open
            | Action::Back
            | Action::Show(_)
            | Action::NextContradicted
            | Action::PreviousContradicted
            | Action::JumpBack
            | Action::NextSpan
            | Action::PreviousSpan
            | Action::NextQuote
            | Action::PreviousQuote
            | Action::Help
            | Action::StartSearch
            | Action::SearchDeleteChar
            | Action::SearchAccept
            | Action::SearchCancel
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::OpenFilters
            | Action::ClearFilters
            | Action::CycleStatusFilter
            | Action::CycleTopicFilter
            | Action::CycleSourceFilter
            | Action::ToggleContradictedFilter
            | Action::SetStatus(_)
            | Action::ConfirmAndNext
            | Action::Undo
            | Action::OpenEditor
            | Action::Export
            | Action::CycleExportFormat
            | Action::ToggleSelection
            | Action::Motion(..)
            | Action::SwapSelectionEnds
            | Action::FindInSource
            | Action::NewClaim
            | Action::StartLink
            | Action::RemoveLink
            | Action::EditClaimText
            | Action::EditClaimNote
            | Action::FixQuote
            | Action::RetrySave
            | Action::InputEdit(_)
            | Action::Accept
            | Action::Cancel
            | Action::ChooseKind(_)
            | Action::Yes => false,
        }
    }

    #[test]
    fn specific_contexts_win_and_search_takes_text() {
        assert_eq!(
            lookup(Context::Reader, Key::char('n')),
            Some(Action::NextSpan)
        );
        assert_eq!(
            lookup(Context::Claims, Key::char('n')),
            Some(Action::NextMatch)
        );
        assert_eq!(
            lookup(Context::Search, Key::char('q')),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            lookup(Context::Search, Key::ctrl('c')),
            Some(Action::Interrupt)
        );
        assert_eq!(
            lookup(Context::Help, Key::ctrl('c')),
            Some(Action::Interrupt)
        );
        assert_eq!(lookup(Context::FilterMenu, Key::char('j')), None);
        assert_eq!(
            lookup(Context::Picker, Key::char('j')),
            Some(Action::Input('j')),
            "j is text in a picker"
        );
        assert_eq!(
            lookup(Context::Picker, Key::ctrl('w')),
            Some(Action::InputEdit(TextEdit::DeleteWord))
        );
        assert_eq!(
            lookup(Context::Input, Key::char('q')),
            Some(Action::Input('q'))
        );
        assert_eq!(lookup(Context::Confirm, Key::char('q')), None);
    }
}
