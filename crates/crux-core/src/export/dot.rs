//! A Graphviz graph of the claims and their relations: one cluster per
//! topic, one node per claim, one edge per link, styled by its kind.

use super::{Export, Selection, mapping};
use crate::model::Status;
use crate::text::{one_line, visible_line};

/// Label lines are wrapped at about this many characters.
const WRAP: usize = 36;

pub(super) fn export(selection: &Selection<'_>) -> Export {
    let dataset = selection.dataset;
    let mut out = String::from("graph crux {\n");
    let title = dataset.title.as_deref().unwrap_or("claims");
    out.push_str(&format!(
        "  graph [label={}, labelloc=t, fontname=\"Helvetica\", rankdir=LR];\n",
        quoted(&shown(title))
    ));
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (n, (topic, claims)) in selection.by_topic().into_iter().enumerate() {
        let question = dataset.topic(topic).map_or(topic, |t| t.question.as_str());
        out.push_str(&format!(
            "  subgraph \"cluster_{n}\" {{\n    label={};\n    style=rounded;\n",
            quoted(&wrap(&shown(question), WRAP * 2))
        ));
        for claim in claims {
            let c = &dataset.claims[claim];
            out.push_str(&format!(
                "    {} [label={}, fillcolor=\"{}\", tooltip={}];\n",
                quoted(&c.id),
                quoted(&format!(
                    "{}\n[{}]",
                    wrap(&one_line(&c.text), WRAP),
                    c.status.as_str()
                )),
                fill(c.status),
                quoted(&c.id),
            ));
        }
        out.push_str("  }\n");
    }
    for relation in &selection.relations {
        let style = mapping(relation.kind).dot;
        let (from, to) = (&dataset.claims[relation.from], &dataset.claims[relation.to]);
        let mut attributes = format!(
            "style={}, color=\"{}\", penwidth={}",
            style.style, style.color, style.width
        );
        if style.directed {
            // From the declaring claim: the more precise, or the later.
            attributes.push_str(", dir=forward");
        }
        if let Some(note) = &relation.note {
            attributes.push_str(&format!(", tooltip={}", quoted(&shown(note))));
        }
        out.push_str(&format!(
            "  {} -- {} [{attributes}];\n",
            quoted(&from.id),
            quoted(&to.id)
        ));
    }
    out.push_str("}\n");
    Export {
        text: out,
        notes: Vec::new(),
    }
}

/// How an edge of one relation kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeStyle {
    pub style: &'static str,
    pub color: &'static str,
    pub width: &'static str,
    /// Whether it matters which claim declares the link (an arrow to the other).
    pub directed: bool,
}

fn fill(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "#f5f5f5",
        Status::Confirmed => "#d9f0d3",
        Status::Disputed => "#fee8c8",
        Status::Rejected => "#f4cccc",
    }
}

/// `text` on one line, its controls made visible: the graph is read on
/// terminals too.
fn shown(text: &str) -> String {
    visible_line(&one_line(text)).into_owned()
}

/// `text` broken into lines of about `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let length = word.chars().count();
        if line > 0 && line + 1 + length > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += length;
    }
    out
}

/// A DOT quoted string: quotes and backslashes escaped (a backslash would
/// start one of Graphviz's label escapes), line breaks as `\n`, other
/// control characters and invisible format characters made visible.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => {
                let c = c.to_string();
                for shown in visible_line(&c).chars() {
                    match shown {
                        '\\' => out.push_str("\\\\"),
                        shown => out.push(shown),
                    }
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_break_out_of_their_quotes() {
        assert_eq!(
            quoted("a \"b\" \\N\nc\u{1b}\u{202e}"),
            r#""a \"b\" \\N\nc␛\\u{202e}""#
        );
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakablewordhere x", 5), "unbreakablewordhere\nx");
    }
}
