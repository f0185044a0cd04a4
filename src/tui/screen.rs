//! The screens the review UI switches between with 1-5. Each screen's
//! module holds its own state (its cursor, its panes) and implements
//! [`ScreenState`]: how it moves and what the frame around it shows. Its
//! actions beyond moving are in `update`, its drawing in `view`.
//!
//! A new screen is: a variant of [`Screen`], a module here with its state
//! and `ScreenState`, its line in [`Screens::get`] and [`Screens::get_mut`],
//! a view, and its keys in the key table.

mod claims;
mod diagnostics;
mod pairs;
mod reader;
mod sources;
mod timeline;

pub use claims::{Claims, DetailLink, detail_links, link_targets};
pub use diagnostics::Diagnostics;
pub use pairs::Pairs;
pub use reader::Reader;
pub use sources::Sources;
pub use timeline::Timeline;

use super::action::NavAction;
use super::app::Message;
use super::data::Data;
use super::keymap::Context;
use super::pair_lists::PairView;
use crate::ix::{ClaimIx, SourceIx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Claims,
    Contradictions,
    Sources,
    Diagnostics,
    Timeline,
}

impl Screen {
    /// In the order of their tabs and number keys.
    pub const ALL: [Screen; 5] = [
        Screen::Claims,
        Screen::Contradictions,
        Screen::Sources,
        Screen::Diagnostics,
        Screen::Timeline,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Screen::Claims => "Claims",
            Screen::Contradictions => "Contradictions",
            Screen::Sources => "Sources",
            Screen::Diagnostics => "Diagnostics",
            Screen::Timeline => "Timeline",
        }
    }
}

/// What every screen gives the app around it.
pub trait ScreenState {
    /// A move, a pane change, open or back; a link followed comes back
    /// for the app to show.
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow>;
    /// The key context while the screen shows with nothing over it.
    fn context(&self) -> Context {
        Context::Global
    }
    /// How many items the screen's tab counts.
    fn count(&self, data: &Data) -> usize;
    /// Where the selection is, for the status bar.
    fn position(&self, data: &Data) -> String;
    /// Where in the claims file the selected item is, for the editor.
    fn decl(&self, data: &Data) -> Option<usize>;
    /// After switching screens or following a link the list has the keys.
    fn focus_list(&mut self) {}
    /// The file was loaded again (`old` is the data before): the same
    /// selection, found by id where it has one.
    fn reload(&mut self, old: &Data, new: &Data);
}

/// Each screen's own state, kept while another screen shows.
#[derive(Debug)]
pub struct Screens {
    pub claims: Claims,
    pub pairs: Pairs,
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    pub timeline: Timeline,
}

impl Screens {
    pub fn new(data: &Data) -> Screens {
        Screens {
            claims: Claims::new(data),
            pairs: Pairs::default(),
            sources: Sources::default(),
            diagnostics: Diagnostics::default(),
            timeline: Timeline::default(),
        }
    }

    pub fn get(&self, screen: Screen) -> &dyn ScreenState {
        match screen {
            Screen::Claims => &self.claims,
            Screen::Contradictions => &self.pairs,
            Screen::Sources => &self.sources,
            Screen::Diagnostics => &self.diagnostics,
            Screen::Timeline => &self.timeline,
        }
    }

    pub fn get_mut(&mut self, screen: Screen) -> &mut dyn ScreenState {
        match screen {
            Screen::Claims => &mut self.claims,
            Screen::Contradictions => &mut self.pairs,
            Screen::Sources => &mut self.sources,
            Screen::Diagnostics => &mut self.diagnostics,
            Screen::Timeline => &mut self.timeline,
        }
    }

    /// Every screen's list has the keys again, as after switching screens
    /// or following a link.
    pub fn focus_lists(&mut self) {
        for screen in Screen::ALL {
            self.get_mut(screen).focus_list();
        }
    }

    /// The file was loaded again (`old` is the data before).
    pub fn reload(&mut self, old: &Data, new: &Data) {
        for screen in Screen::ALL {
            self.get_mut(screen).reload(old, new);
        }
    }
}

/// Which of a screen's panes keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
    Passage,
}

/// Where a followed link was followed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    Claim(String),
    /// A pair of the Contradictions screen's list, at its place there.
    Pair(PairView, usize),
    Diagnostic(usize),
    Reader {
        source: SourceIx,
        span: usize,
    },
    /// A stop of the Timeline.
    Timeline(usize),
}

/// A link a screen followed: the app records `from` and shows `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    pub from: Jump,
    pub to: Target,
}

/// Where a followed link leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The claim, on the Claims screen.
    Claim(ClaimIx),
    /// The document, open in the reader at its quote `span` (an index into
    /// `Data::placed[source]`), or at its start.
    Document {
        source: SourceIx,
        span: Option<usize>,
    },
}

impl Follow {
    /// To the claim `claim`.
    pub fn claim(from: Jump, claim: ClaimIx) -> Follow {
        Follow {
            from,
            to: Target::Claim(claim),
        }
    }
}

/// What a screen's moves may use besides its own state.
pub struct Cx<'a> {
    pub data: &'a Data,
    /// Rows of the main list, for page moves.
    pub page_rows: usize,
    pub message: &'a mut Option<Message>,
}

impl Cx<'_> {
    pub fn say(&mut self, text: impl Into<String>) {
        *self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }
}

/// How far a move goes, in rows; `None` for what is not a move.
pub fn delta(nav: NavAction, page_rows: usize) -> Option<isize> {
    let page = page_rows.max(1) as isize;
    let half = (page_rows / 2).max(1) as isize;
    Some(match nav {
        NavAction::Up => -1,
        NavAction::Down => 1,
        NavAction::Top => isize::MIN / 2,
        NavAction::Bottom => isize::MAX / 2,
        NavAction::HalfPageDown => half,
        NavAction::HalfPageUp => -half,
        NavAction::PageDown => page,
        NavAction::PageUp => -page,
        NavAction::NextPane | NavAction::PreviousPane | NavAction::Open | NavAction::Back => {
            return None;
        }
    })
}

/// `cursor` moved by `delta` in a list of `len`, kept inside it.
pub fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    cursor.saturating_add_signed(delta).min(len - 1)
}
