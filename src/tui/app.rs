//! The review UI's state and its one entry point, [`update`]: an action in,
//! effects out. No terminal and no I/O here.

use super::data::Data;
use super::flow::Flow;
use super::keymap::Context;
use super::screen::{Follow, Jump, Screen, Screens, Target};
use crate::edit::{Applied, Edit, EditError, History};
use crate::ix::ClaimIx;
use crate::load::Anchored;
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

/// The generation of the first dataset an [`App`] holds.
pub const FIRST_GENERATION: u64 = 0;

pub struct App {
    pub data: Data,
    pub screen: Screen,
    /// Each screen's own state.
    pub screens: Screens,
    pub mode: Mode,
    pub(crate) help_scroll: usize,
    /// Where followed links were followed from, the latest last.
    pub(crate) jumps: Vec<Jump>,
    /// The saves made, to undo, and the one that failed, to try again.
    pub history: History,
    /// The authoring dialog in progress.
    pub flow: Option<Flow>,
    pub(crate) export_format: Format,
    pub message: Option<Message>,
    /// Rows of the main list, for page moves; set by the view.
    pub page_rows: usize,
    /// Which dataset `data` holds: a new one for every load, so that what
    /// was being anchored for an earlier one is never filled into it.
    pub generation: u64,
}

impl App {
    /// The UI on a dataset loaded whole.
    pub fn new(dataset: Dataset) -> App {
        App::with(Data::new(dataset))
    }

    /// The UI on a dataset whose documents are still to be read and
    /// anchored (see [`crate::load::without_documents`]): what arrives is
    /// given to [`anchored`](App::anchored).
    pub fn anchoring(dataset: Dataset) -> App {
        App::with(Data::anchoring(dataset))
    }

    /// The UI on the first claims of a large claims file (see
    /// [`crate::load::begin`]) while the rest is read: the whole file is
    /// given to [`read_whole`](App::read_whole).
    pub fn first_claims(first: Dataset) -> App {
        App::with(Data::first_claims(first))
    }

    fn with(data: Data) -> App {
        App {
            screens: Screens::new(&data),
            data,
            screen: Screen::Claims,
            mode: Mode::Normal,
            help_scroll: 0,
            jumps: Vec::new(),
            history: History::new(),
            flow: None,
            export_format: Format::Markdown,
            message: None,
            page_rows: 20,
            generation: FIRST_GENERATION,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data.dataset
    }

    pub fn jumps(&self) -> &[Jump] {
        &self.jumps
    }

    /// Whether there is work for the time between keys: the claim list
    /// not yet complete.
    pub fn has_work_between_keys(&self) -> bool {
        !self.screens.claims.is_complete()
    }

    /// About `budget` of the work between keys, less when `key_waiting`
    /// says a key came; whether a frame is due.
    pub fn work_between_keys(
        &mut self,
        budget: std::time::Duration,
        key_waiting: &dyn Fn() -> bool,
    ) -> bool {
        self.screens
            .claims
            .list_between_keys(&self.data, budget, key_waiting)
    }

    /// The claim selected on the Claims screen.
    pub fn selected_claim(&self) -> Option<ClaimIx> {
        self.screens.claims.selected()
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
            Mode::Normal => self.screens.get(self.screen).context(),
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

    /// Goes where a screen's link leads, remembering where it was followed from.
    pub fn follow(&mut self, follow: Follow) {
        self.jumps.push(follow.from);
        self.mode = Mode::Normal;
        self.screens.focus_lists();
        match follow.to {
            Target::Claim(claim) => self.select_claim(claim),
            Target::Document { source, span } => {
                self.screens.sources.open(&self.data, source, span);
                self.screen = Screen::Sources;
            }
        }
    }

    /// Shows claim `index` on the Claims screen, clearing filters that hide it.
    pub fn select_claim(&mut self, index: ClaimIx) {
        if self.screens.claims.show_claim(&self.data, index) {
            self.say("filters cleared to show the claim");
        }
        self.screen = Screen::Claims;
    }

    /// Replaces the dataset after a reload, keeping selections by id.
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        self.replace_data(Data::new(dataset));
    }

    /// [`replace_dataset`](App::replace_dataset) with a dataset whose
    /// documents are still to be read, as for [`App::anchoring`].
    pub fn replace_anchoring(&mut self, dataset: Dataset) {
        self.replace_data(Data::anchoring(dataset));
    }

    fn replace_data(&mut self, mut data: Data) {
        data.cache = std::mem::take(&mut self.data.cache);
        let old = std::mem::replace(&mut self.data, data);
        self.generation += 1;
        self.screens.reload(&old, &self.data);
    }

    /// The whole claims file whose first claims dataset `generation` holds:
    /// shown in their place, selections kept, when that is still the
    /// dataset shown; its documents are then to be read and anchored.
    pub fn read_whole(&mut self, generation: u64, whole: Dataset) {
        if generation == self.generation && self.data.first_claims_only {
            self.replace_anchoring(whole);
        }
    }

    /// Documents of dataset `generation` read and anchored, and why
    /// anchoring stopped if it did: filled in when that is still the
    /// dataset shown, the selected diagnostic kept selected.
    pub fn anchored(&mut self, generation: u64, documents: Vec<Anchored>, failed: Option<String>) {
        if generation != self.generation {
            return;
        }
        let selected = self.screens.diagnostics.selected(&self.data).cloned();
        self.data.fill_in(documents);
        if let Some(why) = failed {
            self.warn(format!("anchoring stopped: {why}"));
            self.data.anchoring_failed(why);
        }
        if let Some(selected) = selected {
            let diagnostics = &self.data.dataset.diagnostics;
            if let Some(at) = diagnostics.iter().position(|d| *d == selected) {
                self.screens.diagnostics.cursor = at;
            }
        }
    }

    /// `applied` was saved: the dataset follows it (in place for a status
    /// change, else loaded again from the saved text); a new claim is
    /// selected.
    pub fn saved(&mut self, applied: &Applied) {
        match applied.follow(&mut self.data.dataset) {
            None => self.screens.claims.refresh(&self.data, None),
            Some(text) => {
                let path = self.dataset().path.clone();
                self.replace_anchoring(crate::load::str_without_documents(&path, text));
                if let Edit::AddClaim(new) = &applied.edit
                    && let Some(index) = self.dataset().claim_index(&new.id)
                {
                    self.mode = Mode::Normal;
                    self.screens.focus_lists();
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
}

pub use super::update::update;
