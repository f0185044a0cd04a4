//! The body lines of all pages made one flowing text: a line per printed
//! line, a blank line between paragraphs, words broken across a line end
//! joined on the first line, and where each page starts.

use std::ops::Range;

use super::hyphen::{LineEnd, Spellings, line_end};
use super::layout::Line;

const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// A vertical gap wider than this many line pitches starts a paragraph.
const PARAGRAPH_GAP: f64 = 1.35;
/// A line starting this many font sizes right of the line above is a
/// paragraph's indented first line.
const INDENT: f64 = 0.8;
/// A line ending this many font sizes short of the right edge, and of the
/// next line's end, ends its paragraph, on a page whose lines mostly
/// reach that edge (justified).
const SHORT_LINE: f64 = 2.0;
/// Font sizes this far apart (as a share) are a heading and its text.
const SIZE_CHANGE: f64 = 0.15;

/// The flowing text and the byte range of each page within it.
pub(crate) fn assemble(pages: &[Vec<Line>]) -> (String, Vec<Range<usize>>) {
    let spellings = Spellings::new(pages.iter().flatten().map(|line| line.text.as_str()));
    let mut out = Output::default();
    let mut previous: Option<(&Line, &Edges)> = None;
    let all_edges: Vec<Edges> = pages.iter().map(|lines| Edges::of(lines)).collect();
    for (lines, edges) in pages.iter().zip(&all_edges) {
        out.start_page();
        for line in lines {
            let new_paragraph = match previous {
                None => true,
                Some((above, above_edges)) => starts_paragraph(above, above_edges, line, edges),
            };
            out.push_line(&line.text, new_paragraph, &spellings);
            previous = Some((line, edges));
        }
    }
    out.finish()
}

/// Where a page's text lines start and end, and its usual line pitch.
#[derive(Debug, Clone, Copy)]
struct Edges {
    right: f64,
    justified: bool,
    pitch: f64,
}

impl Edges {
    fn of(lines: &[Line]) -> Self {
        let mut ends: Vec<f64> = lines.iter().map(|line| line.x1).collect();
        ends.sort_by(f64::total_cmp);
        let right = ends.get(ends.len() * 9 / 10).copied().unwrap_or(0.0);
        let full = lines.iter().filter(|line| right - line.x1 < 2.0).count();
        let mut pitches: Vec<f64> = lines
            .windows(2)
            .map(|pair| pair[1].y - pair[0].y)
            .filter(|dy| *dy > 0.0)
            .collect();
        pitches.sort_by(f64::total_cmp);
        Edges {
            right,
            justified: lines.len() >= 4 && full * 2 >= lines.len(),
            pitch: pitches.get(pitches.len() / 2).copied().unwrap_or(0.0),
        }
    }
}

fn starts_paragraph(above: &Line, above_edges: &Edges, line: &Line, edges: &Edges) -> bool {
    let size = line.size.max(above.size).max(1.0);
    if (line.size - above.size).abs() > SIZE_CHANGE * size {
        return true;
    }
    // Short, and the next line longer: text set narrower around a picture
    // is short all along.
    let short = SHORT_LINE * size;
    if above_edges.justified && above_edges.right - above.x1 > short && line.x1 - above.x1 > short {
        return true;
    }
    let dy = line.y - above.y;
    // Below the line above, in the same column of the same page.
    if dy > 0.0 && std::ptr::eq(above_edges, edges) {
        let pitch = if edges.pitch > 0.0 {
            edges.pitch
        } else {
            1.2 * size
        };
        if dy > PARAGRAPH_GAP * pitch || line.x0 - above.x0 > INDENT * size {
            return true;
        }
    }
    false
}

#[derive(Default)]
struct Output {
    text: String,
    pages: Vec<Range<usize>>,
    /// Whether the last page has a line yet.
    page_has_line: bool,
    /// Byte offset of the start of the last line written.
    last_line: usize,
    /// How the last line written ended, soft hyphens included.
    last_end: Option<LineEnd>,
}

impl Output {
    fn start_page(&mut self) {
        if let Some(previous) = self.pages.last_mut() {
            previous.end = self.text.len();
        }
        self.pages.push(self.text.len()..self.text.len());
        self.page_has_line = false;
    }

    fn push_line(&mut self, line: &str, new_paragraph: bool, spellings: &Spellings) {
        let mut rest = line;
        if !new_paragraph {
            rest = self.join_broken_word(rest, spellings);
            if rest.is_empty() {
                return;
            }
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if new_paragraph { "\n\n" } else { "\n" });
        }
        if !self.page_has_line {
            self.page_has_line = true;
            self.pages
                .last_mut()
                .expect("a page is started first")
                .start = self.text.len();
        }
        self.last_line = self.text.len();
        self.last_end = Some(line_end(rest));
        push_without_soft_hyphens(&mut self.text, rest);
    }

    /// When the text so far ends with half a word, moves the other half
    /// up from `line` to join it; what is left of `line`.
    fn join_broken_word<'a>(&mut self, line: &'a str, spellings: &Spellings) -> &'a str {
        let Some(ending) = self.last_end else {
            return line;
        };
        if ending == LineEnd::Other || !line.starts_with(char::is_alphanumeric) {
            return line;
        }
        let (first, rest) = line.split_once(' ').unwrap_or((line, ""));
        let keep_hyphen = ending == LineEnd::Dash
            || ending == LineEnd::Hyphen && {
                let written = self.text[self.last_line..].trim_end_matches(HYPHENS);
                let before = written.rsplit(' ').next().unwrap_or("");
                !spellings.is_broken_word(before, first)
            };
        if !keep_hyphen && self.text.ends_with(HYPHENS) {
            self.text.pop();
        }
        push_without_soft_hyphens(&mut self.text, first);
        self.last_end = Some(line_end(first));
        rest
    }

    fn finish(mut self) -> (String, Vec<Range<usize>>) {
        if let Some(last) = self.pages.last_mut() {
            last.end = self.text.len();
        }
        for page in &mut self.pages {
            page.start = page.start.min(page.end);
        }
        (self.text, self.pages)
    }
}

fn push_without_soft_hyphens(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|&c| c != '\u{ad}'));
}
