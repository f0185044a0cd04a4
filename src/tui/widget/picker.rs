//! A fuzzy picker: type to narrow a list, move, Enter picks. Items sort by
//! their group first (e.g. claims of the same topic), then by how well they
//! match. An optional last entry (e.g. "new topic…") is always offered.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::text_input::{InputLine, TextInput};
use super::{fit, pane, window_top};
use crate::text::visible_line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub id: String,
    pub detail: String,
    /// Lower groups are listed first.
    pub group: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Index into the items.
    Item(usize),
    Extra,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    /// Shown after the matches whatever the query.
    pub extra: Option<String>,
    pub input: TextInput,
    /// Item indices matching the query, best first.
    pub matches: Vec<usize>,
    pub cursor: usize,
}

impl Picker {
    pub fn new(title: impl Into<String>, items: Vec<PickItem>, extra: Option<String>) -> Picker {
        let mut picker = Picker {
            title: title.into(),
            items,
            extra,
            input: TextInput::default(),
            matches: Vec::new(),
            cursor: 0,
        };
        picker.refilter();
        picker
    }

    /// Recomputes the matches after the query changed; the cursor goes to
    /// the best. Each word of the query must match on its own.
    pub fn refilter(&mut self) {
        let words: Vec<&str> = self.input.text.split_whitespace().collect();
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(u8, i64, usize)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let haystack = format!("{} {}", item.id, item.detail);
                let mut score = 0;
                for word in &words {
                    score += matcher.fuzzy_match(&haystack, word)?;
                }
                Some((item.group, -score, i))
            })
            .collect();
        scored.sort();
        self.matches = scored.into_iter().map(|(_, _, i)| i).collect();
        self.cursor = 0;
    }

    pub fn len(&self) -> usize {
        self.matches.len() + usize::from(self.extra.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn step(&mut self, delta: isize) {
        let last = self.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    pub fn selected(&self) -> Option<Picked> {
        match self.matches.get(self.cursor) {
            Some(&i) => Some(Picked::Item(i)),
            None if self.cursor == self.matches.len() && self.extra.is_some() => {
                Some(Picked::Extra)
            }
            None => None,
        }
    }
}

/// Draws the picker as a popup over `area`.
pub struct PickerView<'a> {
    pub picker: &'a Picker,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let picker = self.picker;
        let title = format!(
            " {} — {}/{} ",
            visible_line(&picker.title),
            picker.matches.len(),
            picker.items.len()
        );
        let block = pane(fit(&title, area.width.saturating_sub(2) as usize), true);
        let inner = block.inner(area);
        Clear.render(area, buf);
        block.render(area, buf);
        if inner.height == 0 {
            return;
        }
        let prompt = Rect { width: 2, ..inner };
        buf.set_string(prompt.x, prompt.y, "> ", Style::default());
        let input_area = Rect {
            x: inner.x + 2,
            width: inner.width.saturating_sub(2),
            height: 1,
            ..inner
        };
        InputLine {
            input: &picker.input,
            style: Style::default().add_modifier(Modifier::BOLD),
        }
        .render(input_area, buf);
        let rows = inner.height.saturating_sub(1) as usize;
        let width = inner.width as usize;
        let top = window_top(picker.cursor, rows, picker.len());
        for (row, position) in (top..picker.len()).take(rows).enumerate() {
            let selected = position == picker.cursor;
            let line = match picker.matches.get(position) {
                Some(&i) => item_line(&picker.items[i], width),
                None => Line::styled(
                    fit(picker.extra.as_deref().unwrap_or(""), width),
                    Style::default().add_modifier(Modifier::ITALIC),
                ),
            };
            let line = if selected {
                line.patch_style(Style::default().add_modifier(Modifier::REVERSED))
            } else {
                line
            };
            let y = inner.y + 1 + row as u16;
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}

fn item_line(item: &PickItem, width: usize) -> Line<'static> {
    let id = fit(&item.id, width);
    let rest = width.saturating_sub(unicode_width::UnicodeWidthStr::width(id.as_str()) + 2);
    Line::from(vec![
        Span::styled(id, Style::default().add_modifier(Modifier::BOLD)),
        Span::raw("  "),
        Span::styled(
            fit(&item.detail, rest),
            Style::default().add_modifier(Modifier::DIM),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, detail: &str, group: u8) -> PickItem {
        PickItem {
            id: id.into(),
            detail: detail.into(),
            group,
        }
    }

    #[test]
    fn groups_come_first_then_the_best_match() {
        let mut picker = Picker::new(
            "pick",
            vec![
                item("aid", "How much aid?", 1),
                item("drone-count", "How many drones?", 1),
                item("drone-origin", "Where were the drones launched?", 0),
            ],
            Some("new topic…".into()),
        );
        assert_eq!(picker.matches, [2, 0, 1]);
        for c in "drone cou".chars() {
            picker.input.insert(c);
        }
        picker.refilter();
        assert_eq!(picker.matches, [1]);
        assert_eq!(picker.selected(), Some(Picked::Item(1)));
        picker.step(5);
        assert_eq!(
            picker.selected(),
            Some(Picked::Extra),
            "the extra entry stays"
        );
    }
}
