//! The review UI's state and its one entry point, [`update`]: an action in,
//! effects out. No terminal and no I/O here.

use super::data::Data;
use super::flow::Flow;
use super::keymap::Context;
use super::screen::{Follow, Jump, Pane, Screen, Screens};
use crate::edit::{Applied, Edit, EditError, History};
use crate::filter::ClaimFilter;
use crate::model::Dataset;
use crate::report::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    FilterMenu,
    Help,
    /// Typing a search in the open document.
    Find,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub data: Data,
    pub screen: Screen,
    pub screens: Screens,
    pub mode: Mode,
    pub focus: Pane,
    pub filter: ClaimFilter,
    pub query: String,
    /// Claims shown on the Claims screen, in display order.
    pub visible: Vec<usize>,
    pub cursor: usize,
    /// Selected link in the claim detail (agreeing, then contradicting claims).
    pub link: usize,
    /// Which of the selected claim's quotes the passage pane shows.
    pub passage_span: usize,
    pub passage_scroll: isize,
    pub help_scroll: usize,
    pub jumps: Vec<Jump>,
    /// The saves made, to undo, and the one that failed, to try again.
    pub history: History,
    /// The authoring dialog in progress.
    pub flow: Option<Flow>,
    pub export_format: Format,
    pub message: Option<Message>,
    /// Rows of the main list, for page moves; set by the view.
    pub page_rows: usize,
}

impl App {
    pub fn new(dataset: Dataset) -> App {
        let mut app = App {
            data: Data::new(dataset),
            screen: Screen::Claims,
            screens: Screens::default(),
            mode: Mode::Normal,
            focus: Pane::List,
            filter: ClaimFilter::default(),
            query: String::new(),
            visible: Vec::new(),
            cursor: 0,
            link: 0,
            passage_span: 0,
            passage_scroll: 0,
            help_scroll: 0,
            jumps: Vec::new(),
            history: History::new(),
            flow: None,
            export_format: Format::Markdown,
            message: None,
            page_rows: 20,
        };
        app.refresh_visible(None);
        app
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data.dataset
    }

    pub fn selected_claim(&self) -> Option<usize> {
        self.visible.get(self.cursor).copied()
    }

    /// The key context the current state reads keys in.
    pub fn context(&self) -> Context {
        if let Some(flow) = &self.flow {
            return flow.context();
        }
        match self.mode {
            Mode::Find => Context::Input,
            Mode::Search => Context::Search,
            Mode::FilterMenu => Context::FilterMenu,
            Mode::Help => Context::Help,
            Mode::Normal => match self.screen {
                Screen::Claims => Context::Claims,
                Screen::Sources if self.screens.sources.reader.is_some() => Context::Reader,
                Screen::Diagnostics => Context::Diagnostics,
                _ => Context::Global,
            },
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    /// Recomputes the visible claims, keeping `keep` (or the current claim)
    /// selected when it is still visible.
    pub fn refresh_visible(&mut self, keep: Option<usize>) {
        let keep = keep.or_else(|| self.selected_claim());
        let data = &self.data;
        let found = data.search.matching(&self.query);
        self.visible = data
            .order
            .iter()
            .copied()
            .filter(|&c| self.filter.matches(&data.dataset, &data.graph, c))
            .filter(|&c| found.as_ref().is_none_or(|found| found[c]))
            .collect();
        match keep.and_then(|k| self.visible.iter().position(|&c| c == k)) {
            Some(position) => self.cursor = position,
            None => self.cursor = self.cursor.min(self.visible.len().saturating_sub(1)),
        }
    }

    /// Goes where a screen's link leads, remembering where it was followed from.
    pub fn follow(&mut self, follow: Follow) {
        self.jumps.push(follow.from);
        self.mode = Mode::Normal;
        self.focus = Pane::List;
        self.select_claim(follow.claim);
    }

    /// Selects claim `index` on the Claims screen, clearing filters that hide it.
    pub fn select_claim(&mut self, index: usize) {
        if !self.visible.contains(&index) {
            if self.filter.is_active() || !self.query.is_empty() {
                self.say("filters cleared to show the claim");
            }
            self.filter = ClaimFilter::default();
            self.query.clear();
        }
        self.refresh_visible(Some(index));
        self.screen = Screen::Claims;
        self.claim_changed();
    }

    fn claim_changed(&mut self) {
        self.link = 0;
        self.passage_span = 0;
        self.passage_scroll = 0;
    }

    /// Replaces the dataset after a reload, keeping selections by id.
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        let old_data = std::mem::replace(&mut self.data, Data::new(dataset));
        self.screens.pairs.reload(&old_data, &self.data);
        self.screens.sources.reload(&old_data, &self.data);
        let old = &old_data.dataset;
        let claim = self.selected_claim().map(|c| old.claims[c].id.clone());
        let new = &self.data.dataset;
        let keep = claim.and_then(|id| new.claim_index(&id));
        self.screens.diagnostics.reload(&self.data);
        self.refresh_visible(keep);
        self.link = 0;
    }

    /// `applied` was saved: the dataset follows it (in place for a status
    /// change, else loaded again from the saved text); a new claim is
    /// selected.
    pub fn saved(&mut self, applied: &Applied) {
        match applied.follow(&mut self.data.dataset) {
            None => self.refresh_visible(None),
            Some(dataset) => {
                self.replace_dataset(dataset);
                if let Edit::AddClaim(new) = &applied.edit
                    && let Some(index) = self.dataset().claim_index(&new.id)
                {
                    self.mode = Mode::Normal;
                    self.focus = Pane::List;
                    if let Some(reader) = &mut self.screens.sources.reader {
                        // The passage is now the claim's quote: a new selection starts afresh.
                        reader.anchor = None;
                    }
                    self.select_claim(index);
                }
            }
        }
        let edit = applied.edit.describe();
        if applied.already_on_disk {
            self.say(format!("{edit} (already so on disk)"));
        } else if applied.reapplied {
            self.say("saved onto the file as changed on disk");
        } else {
            self.say(format!("{edit} (saved)"));
        }
    }

    /// An edit could not be written: the history kept it, a failed undo to
    /// undo again, any other edit for `R`. After a conflict `R` succeeds
    /// only once the value on disk is back to the edit's base, so it is not
    /// offered then.
    pub fn not_saved(&mut self, undoing: bool, error: &EditError) {
        if undoing {
            self.warn(format!("not undone: {error}"));
        } else {
            match error {
                EditError::Conflict { .. } => self.warn(format!("not saved: {error}")),
                _ => self.warn(format!("not saved: {error} — R tries again")),
            }
        }
    }

    pub fn unreviewed_after(&self, position: usize) -> Option<usize> {
        let n = self.visible.len();
        (1..n).map(|step| (position + step) % n).find(|&p| {
            !self.data.dataset.claims[self.visible[p]]
                .status
                .is_reviewed()
        })
    }
}

pub use super::update::update;
