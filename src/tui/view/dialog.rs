//! The open authoring dialog, drawn over the screen: a picker, a one-line
//! prompt with what it is about, the link kind choice or a yes/no question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::visible_line;
use crate::tui::action::{Action, PromptAction};
use crate::tui::data::Data;
use crate::tui::flow::{Flow, LinkStep};
use crate::tui::keymap::{BINDINGS, Context};
use crate::tui::widget::picker::PickerView;
use crate::tui::widget::text_input::InputLine;
use crate::tui::widget::{fit, pane, popup, wrap};

pub fn draw(frame: &mut Frame, flow: &Flow, data: &Data, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    if let Some(picker) = flow.picker() {
        let height = area.height.saturating_sub(2).min(18);
        frame.render_widget(PickerView { picker }, popup(area, width, height));
        return;
    }
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = about(data, flow, inner_width);
    let prompt = flow.prompt();
    if let Some((question, _)) = prompt {
        lines.push(Line::styled(
            format!("{question}:"),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    let input_row = lines.len();
    if prompt.is_some() {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        fit(&flow.hint(), inner_width),
        Style::default().add_modifier(Modifier::DIM),
    ));
    let title = match flow {
        Flow::NewClaim(_) => " New claim ",
        Flow::Link(_) => " Link ",
        Flow::EditField(_) => " Edit ",
        Flow::Confirm { .. } => " Confirm ",
    };
    let rect = popup(area, width, lines.len() as u16 + 2);
    let block = pane(title.to_string(), true);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((_, input)) = prompt {
        let row = Rect {
            y: inner.y + input_row as u16,
            height: 1,
            ..inner
        };
        if row.y < inner.y + inner.height {
            frame.render_widget(
                InputLine {
                    input,
                    style: Style::default(),
                },
                row,
            );
        }
    }
}

/// What the dialog is about: the quote, the two claims, the question.
fn about(data: &Data, flow: &Flow, width: usize) -> Vec<Line<'static>> {
    let dim = Style::default().add_modifier(Modifier::DIM);
    let quoted = |label: &str, text: &str| -> Vec<Line<'static>> {
        let mut lines = vec![Line::styled(label.to_string(), dim)];
        let rows = wrap(&format!("“{}”", visible_line(text)), width);
        let more = rows.len() > 3;
        for row in rows.into_iter().take(3) {
            lines.push(Line::styled(
                row,
                Style::default().add_modifier(Modifier::ITALIC),
            ));
        }
        if more {
            lines.push(Line::styled("…", dim));
        }
        lines
    };
    match flow {
        Flow::NewClaim(new) => {
            let mut lines = quoted(
                &format!("quote from {}", visible_line(&new.source)),
                &new.quote,
            );
            if !new.topic.is_empty() {
                let question = data
                    .dataset
                    .topic(&new.topic)
                    .map(|t| t.question.clone())
                    .or(new.new_topic_question.clone())
                    .unwrap_or_default();
                let topic = format!("topic: {} — {}", new.topic, question);
                lines.push(Line::raw(fit(&topic, width)));
            }
            if !new.text.is_empty() {
                let text = format!("text: {}", new.text);
                lines.push(Line::raw(fit(&text, width)));
            }
            lines
        }
        Flow::Link(link) => {
            let (declaring, other) = link.ends();
            let line = match link.step {
                LinkStep::Kind => format!("{} and {}", link.claim, link.other),
                _ => format!("{declaring} {} {other}", link.kind.as_str()),
            };
            let mut lines = vec![Line::raw(fit(&line, width))];
            if matches!(link.step, LinkStep::Kind) {
                lines.extend(kind_choices(width));
            }
            lines
        }
        Flow::EditField(f) => {
            vec![Line::styled(fit(&format!("claim {}", f.claim), width), dim)]
        }
        Flow::Confirm { question, .. } => question
            .iter()
            .flat_map(|q| wrap(&visible_line(q), width))
            .map(Line::raw)
            .collect(),
    }
}

/// One line per link kind the dialog offers: its key and what it says,
/// from the key table.
fn kind_choices(width: usize) -> Vec<Line<'static>> {
    BINDINGS
        .iter()
        .filter(|b| b.context == Context::LinkKind)
        .filter(|b| matches!(b.action, Action::Prompt(PromptAction::ChooseKind(..))))
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!(" {} ", b.key.label()),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(fit(&b.action.description(), width.saturating_sub(4))),
            ])
        })
        .collect()
}
