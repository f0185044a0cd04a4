//! The review UI's state and its one entry point, [`update`]: an action in,
//! effects out. No terminal and no I/O here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::action::Screen;
use super::data::Data;
use super::keymap::Context;
use crate::filter::ClaimFilter;
use crate::model::{Dataset, Status};
use crate::report::Format;

/// Byte ranges of a source's display text, one per screen row.
pub type WrappedRows = Rc<Vec<Range<usize>>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    FilterMenu,
    Help,
}

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
    Pair(usize),
    Diagnostic(usize),
    Reader { source: usize, span: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub source: usize,
    /// Index into `Data::placed[source]`.
    pub span: usize,
    /// Extra rows scrolled away from the centred span.
    pub scroll: isize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub data: Data,
    pub screen: Screen,
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
    pub pair_cursor: usize,
    pub source_cursor: usize,
    pub reader: Option<Reader>,
    pub diagnostic_cursor: usize,
    pub help_scroll: usize,
    pub jumps: Vec<Jump>,
    /// (claim id, status before the change), newest last.
    pub undo: Vec<(String, Status)>,
    pub export_format: Format,
    pub message: Option<Message>,
    /// Rows of the main list, for page moves; set by the view.
    pub page_rows: usize,
    /// Wrapped rows of each source's display text, per (source, width).
    pub wrap_cache: RefCell<HashMap<(usize, u16), WrappedRows>>,
}

impl App {
    pub fn new(dataset: Dataset) -> App {
        let mut app = App {
            data: Data::new(dataset),
            screen: Screen::Claims,
            mode: Mode::Normal,
            focus: Pane::List,
            filter: ClaimFilter::default(),
            query: String::new(),
            visible: Vec::new(),
            cursor: 0,
            link: 0,
            passage_span: 0,
            passage_scroll: 0,
            pair_cursor: 0,
            source_cursor: 0,
            reader: None,
            diagnostic_cursor: 0,
            help_scroll: 0,
            jumps: Vec::new(),
            undo: Vec::new(),
            export_format: Format::Markdown,
            message: None,
            page_rows: 20,
            wrap_cache: RefCell::default(),
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

    pub fn selected_pair(&self) -> Option<usize> {
        self.data.pairs.get(self.pair_cursor).copied()
    }

    /// The key context the current state reads keys in.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Search => Context::Search,
            Mode::FilterMenu => Context::FilterMenu,
            Mode::Help => Context::Help,
            Mode::Normal => match self.screen {
                Screen::Claims => Context::Claims,
                Screen::Sources if self.reader.is_some() => Context::Reader,
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
        self.visible = data
            .order
            .iter()
            .copied()
            .filter(|&c| self.filter.matches(&data.dataset, &data.graph, c))
            .filter(|&c| data.search.matches(c, &self.query))
            .collect();
        match keep.and_then(|k| self.visible.iter().position(|&c| c == k)) {
            Some(position) => self.cursor = position,
            None => self.cursor = self.cursor.min(self.visible.len().saturating_sub(1)),
        }
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
        let old = &self.data.dataset;
        let claim = self.selected_claim().map(|c| old.claims[c].id.clone());
        let pair = self.selected_pair().map(|r| {
            let rel = &old.relations[r];
            (
                old.claims[rel.from].id.clone(),
                old.claims[rel.to].id.clone(),
            )
        });
        let source = old.sources.get(self.source_cursor).map(|s| s.id.clone());
        let reader = self
            .reader
            .as_ref()
            .map(|r| old.sources[r.source].id.clone());
        self.data = Data::new(dataset);
        self.wrap_cache.borrow_mut().clear();
        let new = &self.data.dataset;
        let keep = claim.and_then(|id| new.claim_index(&id));
        self.pair_cursor = pair
            .and_then(|(a, b)| {
                self.data.pairs.iter().position(|&r| {
                    let rel = &new.relations[r];
                    new.claims[rel.from].id == a && new.claims[rel.to].id == b
                })
            })
            .unwrap_or(
                self.pair_cursor
                    .min(self.data.pairs.len().saturating_sub(1)),
            );
        self.source_cursor = source.and_then(|id| new.source_index(&id)).unwrap_or(0);
        self.reader = reader
            .and_then(|id| new.source_index(&id))
            .map(|source| Reader {
                source,
                span: 0,
                scroll: 0,
            });
        self.diagnostic_cursor = self
            .diagnostic_cursor
            .min(new.diagnostics.len().saturating_sub(1));
        self.refresh_visible(keep);
        self.link = 0;
    }

    /// A status write succeeded: `text` is the claims file as now on disk.
    pub fn status_saved(&mut self, claim_id: &str, status: Status, text: String) {
        if let Some(index) = self.data.dataset.claim_index(claim_id) {
            self.data.dataset.claims[index].status = status;
        }
        super::offsets::follow_edit(&mut self.data.dataset, text);
        self.refresh_visible(None);
        self.say(format!("{claim_id}: {} (saved)", status.as_str()));
    }

    /// A status write failed. A change drops the undo entry it pushed; a
    /// failed undo puts its entry back, so the user can try again.
    pub fn status_not_saved(&mut self, claim_id: &str, status: Status, undoing: bool, error: &str) {
        if undoing {
            self.undo.push((claim_id.to_string(), status));
        } else if self.undo.last().is_some_and(|(id, _)| id == claim_id) {
            self.undo.pop();
        }
        self.warn(format!("not saved: {error}"));
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

impl App {
    /// The claims file's name, safe to print.
    pub fn file_name(&self) -> String {
        let path = &self.data.dataset.path;
        let name = path.file_name().unwrap_or(path.as_os_str());
        crate::text::visible_line(&name.to_string_lossy()).into_owned()
    }
}
