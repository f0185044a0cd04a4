//! Overlays: the help generated from the key table, and the filter menu.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::model::Dataset;
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::keymap::{Context, Group, help_entries};
use crate::tui::screen::Claims;
use crate::tui::widget::{fit, pane, wrap};

/// Columns the keys take before each description.
const KEYS_WIDTH: usize = 24;

/// The help, one entry a line; an entry too long for `width` continues on
/// the next lines under its description.
pub fn help_lines(width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for group in Group::ALL {
        lines.push(Line::styled(
            group.title().to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for (keys, context, action) in help_entries(group) {
            if context == Context::Help {
                continue;
            }
            let context = match context {
                Context::Global => String::new(),
                other => format!(" ({})", other.title()),
            };
            lines.extend(entry(&keys, &action.description(), &context, width));
        }
    }
    lines.extend(entry(
        "letters",
        "type into the search",
        " (while typing one)",
        width,
    ));
    lines
}

/// One entry: its keys, what they do, and where (dimmed), wrapped to `width`.
fn entry(keys: &str, description: &str, context: &str, width: usize) -> Vec<Line<'static>> {
    let dim = Style::default().add_modifier(Modifier::DIM);
    let text = format!("{description}{context}");
    let rows = wrap(&text, width.saturating_sub(KEYS_WIDTH).max(20));
    let mut at = 0;
    let mut lines = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let keys = if i == 0 {
            format!("  {keys:<22}")
        } else {
            " ".repeat(KEYS_WIDTH)
        };
        // The context, dimmed, starts where the description ends.
        let mut split = description.len().saturating_sub(at).min(row.len());
        if !row.is_char_boundary(split) {
            split = row.len();
        }
        at += row.len();
        let (plain, context) = row.split_at(split);
        lines.push(Line::from(vec![
            Span::raw(keys),
            Span::raw(plain.to_string()),
            Span::styled(context.to_string(), dim),
        ]));
    }
    lines
}

pub fn draw(frame: &mut Frame, scroll: usize, area: Rect) {
    let popup = crate::tui::widget::popup(area, 84, area.height.saturating_sub(2));
    let block = pane(" Help — Esc or ? closes, j/k scroll ".into(), true);
    let inner = block.inner(popup);
    let lines = help_lines(inner.width as usize);
    let max_top = lines.len().saturating_sub(inner.height as usize);
    let top = scroll.min(max_top);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

pub fn draw_filter_menu(frame: &mut Frame, claims: &Claims, data: &Data, area: Rect) {
    let dataset = &data.dataset;
    let filter = &claims.filter;
    let show =
        |value: Option<&str>| value.map_or("any".to_string(), |v| visible_line(v).into_owned());
    let rows = [
        ("s", "status", show(filter.status.map(|s| s.as_str()))),
        ("t", "topic", show(filter.topic.as_deref())),
        ("o", "source", show(filter.source.as_deref())),
        ("p", "party", party(claims, dataset)),
        (
            "c",
            "contradicted only",
            if filter.contradicted_only {
                "yes"
            } else {
                "no"
            }
            .to_string(),
        ),
    ];
    let popup = crate::tui::widget::popup(area, 60, rows.len() as u16 + 5);
    let block = pane(" Filter ".into(), true);
    let inner = block.inner(popup);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(key, name, value)| {
            Line::from(vec![
                Span::styled(
                    format!(" {key} "),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(fit(&format!("{name:<18} {value}"), width.saturating_sub(4))),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {} claims shown — F clears, Esc closes",
            claims.count_label(data)
        ),
        Style::default().add_modifier(Modifier::DIM),
    ));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The party the claims are filtered by: its id and name.
fn party(claims: &Claims, dataset: &Dataset) -> String {
    match &claims.filter.party {
        None => "any".to_string(),
        Some(id) => match dataset.party(id) {
            Some(party) => format!("{} — {}", visible_line(id), visible_line(&party.name)),
            None => visible_line(id).into_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn long_entries_wrap_under_their_description_instead_of_being_cut() {
        for width in [58, 82] {
            let lines = help_lines(width);
            for line in &lines {
                assert!(line.width() <= width, "{:?} wider than {width}", text(line));
            }
            let joined: String = lines
                .iter()
                .map(|l| text(l).trim_start().to_string())
                .collect::<Vec<_>>()
                .join("\n");
            let entry =
                "is updated by: the other claim is later information that replaces this one";
            let found = joined.replace('\n', " ").replace("  ", " ");
            assert!(found.contains(entry), "not whole at {width}:\n{joined}");
        }
        let lines = help_lines(58);
        let continued = lines
            .iter()
            .position(|l| text(l).starts_with("U ") || text(l).trim_start().starts_with("U "))
            .expect("U is listed");
        assert!(
            text(&lines[continued + 1]).starts_with(&" ".repeat(KEYS_WIDTH)),
            "the rest of the entry is indented under its description"
        );
        let context = lines[continued..]
            .iter()
            .find(|l| text(l).contains("kind)"))
            .expect("the context ends the entry");
        assert!(
            context.spans[2].content.contains("link's kind)"),
            "{context:?}"
        );
        assert_eq!(
            context.spans[2].style.add_modifier,
            Modifier::DIM,
            "the context stays dimmed on a continued line"
        );
    }
}
