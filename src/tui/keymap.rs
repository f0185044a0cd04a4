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
    /// The Contradictions screen.
    Pairs,
    Timeline,
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
            Context::Pairs => "contradictions screen",
            Context::Timeline => "timeline screen",
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
            Context::Claims
            | Context::Pairs
            | Context::Timeline
            | Context::Reader
            | Context::Diagnostics => Some(Context::Global),
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
    const fn code(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    const fn char(c: char) -> Key {
        Key::code(KeyCode::Char(c))
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

use super::action::{
    ClaimAction as C, Declares, DiagnosticAction as D, FilterAction as F, GlobalAction as G,
    NavAction as N, PairsAction, PromptAction as P, ReaderAction as R, SearchAction as S,
    TimelineAction,
};
use Context::{
    Claims, Confirm, Diagnostics, FilterMenu, Global, Help, Input, LinkKind, Pairs, Picker, Reader,
    Search, Timeline,
};
use Declares::{OtherClaim, ThisClaim};
use Group::{Author, Move, Other, Review, Screens, SearchFilter, Typing};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use RelationKind::{Agrees, Contradicts, Contrasts, Refines, Rivals, Updates};
use Status::{Confirmed, Disputed, Rejected, Unreviewed};
use TextEdit as T;

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

/// The key table. One row: a key, where it applies, what it does, and the
/// help section that lists it.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Key::char('j'),         Global,      Action::Nav(N::Down),                             Move),
    bind(Key::code(Down),        Global,      Action::Nav(N::Down),                             Move),
    bind(Key::char('k'),         Global,      Action::Nav(N::Up),                               Move),
    bind(Key::code(Up),          Global,      Action::Nav(N::Up),                               Move),
    bind(Key::char('g'),         Global,      Action::Nav(N::Top),                              Move),
    bind(Key::code(Home),        Global,      Action::Nav(N::Top),                              Move),
    bind(Key::char('G'),         Global,      Action::Nav(N::Bottom),                           Move),
    bind(Key::code(End),         Global,      Action::Nav(N::Bottom),                           Move),
    bind(Key::ctrl('d'),         Global,      Action::Nav(N::HalfPageDown),                     Move),
    bind(Key::ctrl('u'),         Global,      Action::Nav(N::HalfPageUp),                       Move),
    bind(Key::code(PageDown),    Global,      Action::Nav(N::PageDown),                         Move),
    bind(Key::code(PageUp),      Global,      Action::Nav(N::PageUp),                           Move),
    bind(Key::code(Tab),         Global,      Action::Nav(N::NextPane),                         Move),
    bind(Key::code(BackTab),     Global,      Action::Nav(N::PreviousPane),                     Move),
    bind(Key::char('1'),         Global,      Action::Global(G::Show(Screen::Claims)),          Screens),
    bind(Key::char('2'),         Global,      Action::Global(G::Show(Screen::Contradictions)),  Screens),
    bind(Key::char('3'),         Global,      Action::Global(G::Show(Screen::Sources)),         Screens),
    bind(Key::char('4'),         Global,      Action::Global(G::Show(Screen::Diagnostics)),     Screens),
    bind(Key::char('5'),         Global,      Action::Global(G::Show(Screen::Timeline)),        Screens),
    bind(Key::code(Enter),       Global,      Action::Nav(N::Open),                             Screens),
    bind(Key::code(Esc),         Global,      Action::Nav(N::Back),                             Screens),
    bind(Key::code(Backspace),   Global,      Action::Global(G::JumpBack),                      Screens),
    bind(Key::ctrl('o'),         Global,      Action::Global(G::JumpBack),                      Screens),
    bind(Key::char(']'),         Claims,      Action::Claim(C::NextContradicted),               Screens),
    bind(Key::char('['),         Claims,      Action::Claim(C::PreviousContradicted),           Screens),
    bind(Key::char('d'),         Pairs,       Action::Pairs(PairsAction::ToggleDifferences),    Screens),
    bind(Key::char(']'),         Timeline,    Action::Timeline(TimelineAction::NextTime),       Screens),
    bind(Key::char('['),         Timeline,    Action::Timeline(TimelineAction::PreviousTime),   Screens),
    bind(Key::char('o'),         Timeline,    Action::Timeline(TimelineAction::OpenQuote),      Screens),
    bind(Key::char('n'),         Reader,      Action::Reader(R::NextSpan),                      Screens),
    bind(Key::char('N'),         Reader,      Action::Reader(R::PreviousSpan),                  Screens),
    bind(Key::char(']'),         Reader,      Action::Reader(R::NextQuote),                     Screens),
    bind(Key::char('['),         Reader,      Action::Reader(R::PreviousQuote),                 Screens),
    bind(Key::char('/'),         Global,      Action::Search(S::Start),                         SearchFilter),
    bind(Key::char('n'),         Global,      Action::Search(S::NextMatch),                     SearchFilter),
    bind(Key::char('N'),         Global,      Action::Search(S::PreviousMatch),                 SearchFilter),
    bind(Key::code(Enter),       Search,      Action::Search(S::Accept),                        SearchFilter),
    bind(Key::code(Esc),         Search,      Action::Search(S::Cancel),                        SearchFilter),
    bind(Key::code(Backspace),   Search,      Action::Search(S::DeleteChar),                    SearchFilter),
    bind(Key::code(Down),        Search,      Action::Nav(N::Down),                             Move),
    bind(Key::code(Up),          Search,      Action::Nav(N::Up),                               Move),
    bind(Key::char('f'),         Global,      Action::Filter(F::OpenMenu),                      SearchFilter),
    bind(Key::char('F'),         Global,      Action::Filter(F::Clear),                         SearchFilter),
    bind(Key::char('s'),         FilterMenu,  Action::Filter(F::CycleStatus),                   SearchFilter),
    bind(Key::char('t'),         FilterMenu,  Action::Filter(F::CycleTopic),                    SearchFilter),
    bind(Key::char('o'),         FilterMenu,  Action::Filter(F::CycleSource),                   SearchFilter),
    bind(Key::char('p'),         FilterMenu,  Action::Filter(F::CycleParty),                    SearchFilter),
    bind(Key::char('c'),         FilterMenu,  Action::Filter(F::ToggleContradicted),            SearchFilter),
    bind(Key::char('F'),         FilterMenu,  Action::Filter(F::Clear),                         SearchFilter),
    bind(Key::code(Esc),         FilterMenu,  Action::Nav(N::Back),                             SearchFilter),
    bind(Key::char('f'),         FilterMenu,  Action::Nav(N::Back),                             SearchFilter),
    bind(Key::code(Enter),       FilterMenu,  Action::Nav(N::Back),                             SearchFilter),
    bind(Key::char('a'),         Claims,      Action::Claim(C::SetStatus(Confirmed)),           Review),
    bind(Key::char('d'),         Claims,      Action::Claim(C::SetStatus(Disputed)),            Review),
    bind(Key::char('r'),         Claims,      Action::Claim(C::SetStatus(Rejected)),            Review),
    bind(Key::char('u'),         Claims,      Action::Claim(C::SetStatus(Unreviewed)),          Review),
    bind(Key::char('A'),         Claims,      Action::Claim(C::ConfirmAndNext),                 Review),
    bind(Key::char(' '),         Claims,      Action::Claim(C::ConfirmAndNext),                 Review),
    bind(Key::char('U'),         Global,      Action::Global(G::Undo),                          Review),
    bind(Key::ctrl('z'),         Global,      Action::Global(G::Undo),                          Review),
    bind(Key::char('e'),         Global,      Action::Global(G::OpenEditor),                    Other),
    bind(Key::char('x'),         Global,      Action::Global(G::Export),                        Other),
    bind(Key::char('X'),         Global,      Action::Global(G::CycleExportFormat),             Other),
    bind(Key::char('?'),         Global,      Action::Global(G::Help),                          Other),
    bind(Key::char('q'),         Global,      Action::Global(G::Quit),                          Other),
    bind(Key::ctrl('c'),         Global,      Action::Global(G::Interrupt),                     Other),
    bind(Key::char('j'),         Help,        Action::Nav(N::Down),                             Move),
    bind(Key::code(Down),        Help,        Action::Nav(N::Down),                             Move),
    bind(Key::char('k'),         Help,        Action::Nav(N::Up),                               Move),
    bind(Key::code(Up),          Help,        Action::Nav(N::Up),                               Move),
    bind(Key::code(Esc),         Help,        Action::Nav(N::Back),                             Other),
    bind(Key::char('?'),         Help,        Action::Nav(N::Back),                             Other),
    bind(Key::char('q'),         Help,        Action::Nav(N::Back),                             Other),
    bind(Key::char('v'),         Reader,      Action::Reader(R::ToggleSelection),               Author),
    bind(Key::char('l'),         Reader,      Action::Reader(R::Motion(Unit::Char, true)),      Author),
    bind(Key::code(Right),       Reader,      Action::Reader(R::Motion(Unit::Char, true)),      Author),
    bind(Key::char('h'),         Reader,      Action::Reader(R::Motion(Unit::Char, false)),     Author),
    bind(Key::code(Left),        Reader,      Action::Reader(R::Motion(Unit::Char, false)),     Author),
    bind(Key::char('w'),         Reader,      Action::Reader(R::Motion(Unit::Word, true)),      Author),
    bind(Key::char('b'),         Reader,      Action::Reader(R::Motion(Unit::Word, false)),     Author),
    bind(Key::char(')'),         Reader,      Action::Reader(R::Motion(Unit::Sentence, true)),  Author),
    bind(Key::char('('),         Reader,      Action::Reader(R::Motion(Unit::Sentence, false)), Author),
    bind(Key::char('o'),         Reader,      Action::Reader(R::SwapSelectionEnds),             Author),
    bind(Key::char('/'),         Reader,      Action::Reader(R::Find),                          Author),
    bind(Key::char('c'),         Reader,      Action::Reader(R::NewClaim),                      Author),
    bind(Key::char('L'),         Claims,      Action::Claim(C::StartLink),                      Author),
    bind(Key::char('D'),         Claims,      Action::Claim(C::RemoveLink),                     Author),
    bind(Key::char('t'),         Claims,      Action::Claim(C::EditText),                       Author),
    bind(Key::char('m'),         Claims,      Action::Claim(C::EditNote),                       Author),
    bind(Key::char('f'),         Diagnostics, Action::Diagnostic(D::FixQuote),                  Author),
    bind(Key::char('R'),         Global,      Action::Global(G::RetrySave),                     Author),
    bind(Key::code(Enter),       Input,       Action::Prompt(P::Accept),                        Typing),
    bind(Key::code(Esc),         Input,       Action::Prompt(P::Cancel),                        Typing),
    bind(Key::code(Left),        Input,       Action::Prompt(P::Edit(T::Left)),                 Typing),
    bind(Key::code(Right),       Input,       Action::Prompt(P::Edit(T::Right)),                Typing),
    bind(Key::code(Home),        Input,       Action::Prompt(P::Edit(T::Home)),                 Typing),
    bind(Key::ctrl('a'),         Input,       Action::Prompt(P::Edit(T::Home)),                 Typing),
    bind(Key::code(End),         Input,       Action::Prompt(P::Edit(T::End)),                  Typing),
    bind(Key::ctrl('e'),         Input,       Action::Prompt(P::Edit(T::End)),                  Typing),
    bind(Key::with(Left, CTRL),  Input,       Action::Prompt(P::Edit(T::WordLeft)),             Typing),
    bind(Key::with(Left, ALT),   Input,       Action::Prompt(P::Edit(T::WordLeft)),             Typing),
    bind(Key::with(Right, CTRL), Input,       Action::Prompt(P::Edit(T::WordRight)),            Typing),
    bind(Key::with(Right, ALT),  Input,       Action::Prompt(P::Edit(T::WordRight)),            Typing),
    bind(Key::code(Backspace),   Input,       Action::Prompt(P::Edit(T::Backspace)),            Typing),
    bind(Key::code(Delete),      Input,       Action::Prompt(P::Edit(T::Delete)),               Typing),
    bind(Key::ctrl('w'),         Input,       Action::Prompt(P::Edit(T::DeleteWord)),           Typing),
    bind(Key::ctrl('u'),         Input,       Action::Prompt(P::Edit(T::DeleteToStart)),        Typing),
    bind(Key::code(Down),        Picker,      Action::Nav(N::Down),                             Typing),
    bind(Key::ctrl('n'),         Picker,      Action::Nav(N::Down),                             Typing),
    bind(Key::code(Up),          Picker,      Action::Nav(N::Up),                               Typing),
    bind(Key::ctrl('p'),         Picker,      Action::Nav(N::Up),                               Typing),
    bind(Key::char('a'),         LinkKind,    Action::Prompt(P::ChooseKind(Agrees, ThisClaim)), Typing),
    bind(Key::char('c'),         LinkKind,    Action::Prompt(P::ChooseKind(Contradicts, ThisClaim)), Typing),
    bind(Key::char('r'),         LinkKind,    Action::Prompt(P::ChooseKind(Refines, ThisClaim)), Typing),
    bind(Key::char('R'),         LinkKind,    Action::Prompt(P::ChooseKind(Refines, OtherClaim)), Typing),
    bind(Key::char('u'),         LinkKind,    Action::Prompt(P::ChooseKind(Updates, ThisClaim)), Typing),
    bind(Key::char('U'),         LinkKind,    Action::Prompt(P::ChooseKind(Updates, OtherClaim)), Typing),
    bind(Key::char('v'),         LinkKind,    Action::Prompt(P::ChooseKind(Rivals, ThisClaim)), Typing),
    bind(Key::char('t'),         LinkKind,    Action::Prompt(P::ChooseKind(Contrasts, ThisClaim)), Typing),
    bind(Key::code(Esc),         LinkKind,    Action::Prompt(P::Cancel),                        Typing),
    bind(Key::char('y'),         Confirm,     Action::Prompt(P::Yes),                           Typing),
    bind(Key::char('n'),         Confirm,     Action::Prompt(P::Cancel),                        Typing),
    bind(Key::code(Esc),         Confirm,     Action::Prompt(P::Cancel),                        Typing),
];

/// The action bound to `key` in `context`. Ctrl-c interrupts from anywhere.
/// While typing a search or into a prompt, unbound printable characters are text.
pub fn lookup(context: Context, key: Key) -> Option<Action> {
    if key == Key::ctrl('c') {
        return Some(Action::Global(G::Interrupt));
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
        Context::Search => typed.map(|c| Action::Search(S::Input(c))),
        c if c.takes_text() => typed.map(|c| Action::Prompt(P::Input(c))),
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
        let all = every_action();
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

    /// One of each action a key can give.
    fn every_action() -> Vec<Action> {
        let global = [
            G::Quit,
            G::Interrupt,
            G::Help,
            G::JumpBack,
            G::Undo,
            G::RetrySave,
            G::OpenEditor,
            G::Export,
            G::CycleExportFormat,
        ];
        let mut all: Vec<Action> = global.map(Action::Global).into();
        all.extend(Screen::ALL.map(|screen| Action::Global(G::Show(screen))));
        all.extend(
            [
                N::Up,
                N::Down,
                N::Top,
                N::Bottom,
                N::HalfPageDown,
                N::HalfPageUp,
                N::PageDown,
                N::PageUp,
                N::NextPane,
                N::PreviousPane,
                N::Open,
                N::Back,
            ]
            .map(Action::Nav),
        );
        all.extend(
            [
                C::NextContradicted,
                C::PreviousContradicted,
                C::ConfirmAndNext,
                C::StartLink,
                C::RemoveLink,
                C::EditText,
                C::EditNote,
            ]
            .map(Action::Claim),
        );
        all.extend(Status::ALL.map(|status| Action::Claim(C::SetStatus(status))));
        all.extend(every_typing_action());
        all
    }

    /// The search, filter, reader, diagnostic and prompt actions.
    fn every_typing_action() -> Vec<Action> {
        let search = [
            S::Start,
            S::DeleteChar,
            S::Accept,
            S::Cancel,
            S::NextMatch,
            S::PreviousMatch,
        ];
        let mut all: Vec<Action> = search.map(Action::Search).into();
        let filter = [
            F::OpenMenu,
            F::Clear,
            F::CycleStatus,
            F::CycleTopic,
            F::CycleSource,
            F::CycleParty,
            F::ToggleContradicted,
        ];
        all.extend(filter.map(Action::Filter));
        let reader = [
            R::NextSpan,
            R::PreviousSpan,
            R::NextQuote,
            R::PreviousQuote,
            R::ToggleSelection,
            R::SwapSelectionEnds,
            R::Find,
            R::NewClaim,
        ];
        all.extend(reader.map(Action::Reader));
        for unit in [Unit::Char, Unit::Word, Unit::Sentence] {
            all.extend([true, false].map(|forward| Action::Reader(R::Motion(unit, forward))));
        }
        all.push(Action::Diagnostic(D::FixQuote));
        all.push(Action::Pairs(PairsAction::ToggleDifferences));
        let timeline = [
            TimelineAction::NextTime,
            TimelineAction::PreviousTime,
            TimelineAction::OpenQuote,
        ];
        all.extend(timeline.map(Action::Timeline));
        all.extend([P::Accept, P::Cancel, P::Yes].map(Action::Prompt));
        for kind in RelationKind::ALL {
            all.push(Action::Prompt(P::ChooseKind(kind, ThisClaim)));
            if kind.is_directional() {
                all.push(Action::Prompt(P::ChooseKind(kind, OtherClaim)));
            }
        }
        let edits = [
            T::Left,
            T::Right,
            T::Home,
            T::End,
            T::WordLeft,
            T::WordRight,
            T::Backspace,
            T::Delete,
            T::DeleteWord,
            T::DeleteToStart,
        ];
        all.extend(edits.map(|edit| Action::Prompt(P::Edit(edit))));
        all
    }

    /// No wildcard: a new action fails to compile here until it is sorted
    /// into bound (and added to [`every_action`]) or typed.
    fn typed_not_bound(action: &Action) -> bool {
        match action {
            Action::Search(S::Input(_)) | Action::Prompt(P::Input(_) | P::Paste(_)) => true,
            Action::Global(
                G::Quit
                | G::Interrupt
                | G::Help
                | G::Show(_)
                | G::JumpBack
                | G::Undo
                | G::RetrySave
                | G::OpenEditor
                | G::Export
                | G::CycleExportFormat,
            ) => false,
            Action::Nav(
                N::Up
                | N::Down
                | N::Top
                | N::Bottom
                | N::HalfPageDown
                | N::HalfPageUp
                | N::PageDown
                | N::PageUp
                | N::NextPane
                | N::PreviousPane
                | N::Open
                | N::Back,
            ) => false,
            Action::Claim(
                C::NextContradicted
                | C::PreviousContradicted
                | C::SetStatus(_)
                | C::ConfirmAndNext
                | C::StartLink
                | C::RemoveLink
                | C::EditText
                | C::EditNote,
            ) => false,
            Action::Search(
                S::Start | S::DeleteChar | S::Accept | S::Cancel | S::NextMatch | S::PreviousMatch,
            ) => false,
            Action::Filter(
                F::OpenMenu
                | F::Clear
                | F::CycleStatus
                | F::CycleTopic
                | F::CycleSource
                | F::CycleParty
                | F::ToggleContradicted,
            ) => false,
            Action::Reader(
                R::NextSpan
                | R::PreviousSpan
                | R::NextQuote
                | R::PreviousQuote
                | R::ToggleSelection
                | R::Motion(..)
                | R::SwapSelectionEnds
                | R::Find
                | R::NewClaim,
            ) => false,
            Action::Diagnostic(D::FixQuote) => false,
            Action::Pairs(PairsAction::ToggleDifferences) => false,
            Action::Timeline(
                TimelineAction::NextTime | TimelineAction::PreviousTime | TimelineAction::OpenQuote,
            ) => false,
            Action::Prompt(P::Edit(_) | P::Accept | P::Cancel | P::ChooseKind(..) | P::Yes) => {
                false
            }
        }
    }

    #[test]
    fn specific_contexts_win_and_search_takes_text() {
        assert_eq!(
            lookup(Context::Reader, Key::char('n')),
            Some(Action::Reader(R::NextSpan))
        );
        assert_eq!(
            lookup(Context::Claims, Key::char('n')),
            Some(Action::Search(S::NextMatch))
        );
        assert_eq!(
            lookup(Context::Search, Key::char('q')),
            Some(Action::Search(S::Input('q')))
        );
        assert_eq!(
            lookup(Context::Search, Key::ctrl('c')),
            Some(Action::Global(G::Interrupt))
        );
        assert_eq!(
            lookup(Context::Help, Key::ctrl('c')),
            Some(Action::Global(G::Interrupt))
        );
        assert_eq!(lookup(Context::FilterMenu, Key::char('j')), None);
        assert_eq!(
            lookup(Context::Picker, Key::char('j')),
            Some(Action::Prompt(P::Input('j'))),
            "j is text in a picker"
        );
        assert_eq!(
            lookup(Context::Picker, Key::ctrl('w')),
            Some(Action::Prompt(P::Edit(T::DeleteWord)))
        );
        assert_eq!(
            lookup(Context::Input, Key::char('q')),
            Some(Action::Prompt(P::Input('q')))
        );
        assert_eq!(lookup(Context::Confirm, Key::char('q')), None);
    }
}
