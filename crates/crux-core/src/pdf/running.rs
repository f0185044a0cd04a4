//! Running headers and footers: the title, date, URL or page number that
//! a page repeats in its margin. They are not part of the flowing text, so
//! a quote never depends on them.

use std::collections::{HashMap, HashSet};

use super::layout::Line;

/// Where a running line is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Place {
    Header,
    Footer,
}

/// A running header or footer, as printed on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningLine {
    /// 1-based.
    pub page: usize,
    pub place: Place,
    pub text: String,
}

/// Share of the page height, from the top or the bottom, in which running
/// lines are looked for.
const MARGIN_BAND: f64 = 0.15;
/// Most lines looked at from each edge of a page.
const EDGE_LINES: usize = 3;
/// Two lines closer than this (in points) are at the same height.
const SAME_HEIGHT: f64 = 4.0;

/// The running lines of each page, as (page index, line index, place).
/// A margin line is running when its text, digits aside, comes back at
/// the same height on at least a third of the pages (two at least), or
/// when it is a page number alone, ends with "page/pages" or starts with
/// a browser's print date and time, at the very top or bottom of its page; or when, at the top of a later page, it says
/// nothing but words of the first page's opening lines (a header that
/// repeats the title and author from page 2 on, in a document too short
/// for it to repeat).
pub(crate) fn find(pages: &[(f64, Vec<Line>)]) -> Vec<(usize, usize, Place)> {
    let candidates: Vec<Candidate> = pages
        .iter()
        .enumerate()
        .flat_map(|(page, (height, lines))| margin_lines(page, pages.len(), *height, lines))
        .collect();
    let mut alike: HashMap<(Place, &str), Vec<&Candidate>> = HashMap::new();
    for candidate in &candidates {
        alike
            .entry((candidate.place, candidate.signature.as_str()))
            .or_default()
            .push(candidate);
    }
    let title_words = opening_words(pages.first().map_or(&[][..], |(_, lines)| lines));
    let mut running = Vec::new();
    for group in alike.values() {
        for candidate in group {
            let mut pages_alike: Vec<usize> = group
                .iter()
                .filter(|other| (other.y - candidate.y).abs() <= SAME_HEIGHT)
                .map(|other| other.page)
                .collect();
            pages_alike.dedup();
            let repeated = pages_alike.len() >= 2 && pages_alike.len() * 3 >= pages.len();
            let numbered = candidate.outermost
                && (is_page_number(&candidate.signature)
                    || candidate.ends_with_page_of_total
                    || is_print_stamp(&candidate.signature));
            let echoes_title = candidate.page > 0
                && candidate.place == Place::Header
                && candidate.outermost
                && echoes(&candidate.signature, &title_words);
            if repeated || numbered || echoes_title {
                running.push((candidate.page, candidate.line, candidate.place));
            }
        }
    }
    running.sort_unstable_by_key(|&(page, line, _)| (page, line));
    running
}

/// Lines of the first page whose words a later header may repeat.
const OPENING_LINES: usize = 5;

/// The words of the first page's first lines, lowercased: the title and
/// the byline, which a header from page 2 on repeats.
fn opening_words(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .take(OPENING_LINES)
        .flat_map(|line| words(&line.text.to_lowercase()))
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a header of two words or more says nothing but words of the
/// first page's opening (digits aside: a page number or date).
fn echoes(signature: &str, title_words: &HashSet<String>) -> bool {
    let said = words(signature);
    said.len() >= 2 && said.iter().all(|w| title_words.contains(w))
}

struct Candidate {
    page: usize,
    line: usize,
    place: Place,
    y: f64,
    /// Lowercase, with each run of digits as `#`.
    signature: String,
    /// The first line of the page from the top, or the last.
    outermost: bool,
    /// Ends with `N/M`, N its page and M the page count, as browsers
    /// print after the URL.
    ends_with_page_of_total: bool,
}

fn margin_lines(page: usize, count: usize, height: f64, lines: &[Line]) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
    let band = height * MARGIN_BAND;
    let top = order
        .iter()
        .take(EDGE_LINES)
        .filter(|&&i| lines[i].y <= band)
        .map(|&i| (i, Place::Header, i == order[0]));
    let bottom = order
        .iter()
        .rev()
        .take(EDGE_LINES)
        .filter(|&&i| lines[i].y >= height - band)
        .map(|&i| (i, Place::Footer, Some(&i) == order.last()));
    let mut seen = Vec::new();
    top.chain(bottom)
        .filter(|(i, _, _)| {
            let new = !seen.contains(i);
            seen.push(*i);
            new
        })
        .map(|(line, place, outermost)| Candidate {
            page,
            line,
            place,
            y: lines[line].y,
            signature: signature(&lines[line].text),
            outermost,
            ends_with_page_of_total: lines[line]
                .text
                .rsplit(' ')
                .next()
                .is_some_and(|last| last == format!("{}/{count}", page + 1)),
        })
        .collect()
}

pub(crate) fn signature(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `12/6/26, 7:19 AM` and what follows: the date and time a browser
/// prints at the top of each page.
fn is_print_stamp(signature: &str) -> bool {
    signature.starts_with("#/#/#, #:#") || signature.starts_with("#.#.#, #:#")
}

/// `3`, `- 3 -`, `3/7`, `3 of 7`, `page 3`, `p. 3`, `[3]`: a page number
/// and nothing else.
pub(crate) fn is_page_number(signature: &str) -> bool {
    let core = signature.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '[' | ']' | '(' | ')' | '|')
    });
    let core = core
        .strip_prefix("page")
        .or_else(|| core.strip_prefix("p."))
        .or_else(|| core.strip_prefix("pg."))
        .unwrap_or(core)
        .trim_start();
    let Some(rest) = core.strip_prefix('#') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty()
        || rest
            .strip_prefix('/')
            .or_else(|| rest.strip_prefix("of"))
            .is_some_and(|total| total.trim() == "#")
}
