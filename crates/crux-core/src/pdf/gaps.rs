//! What a PDF's text leaves out of the file, told to the user as warnings
//! on the source: pages with no text to quote (scanned, or unreadable) and
//! the running headers and footers kept out of the text, so that a quote
//! that cannot be found there has its reason in view.

use super::running::{is_page_number, signature};
use super::{PdfText, Place};
use crate::diag::{Code, Diagnostic};

/// Pages without text, and running lines left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Gaps {
    /// Pages (1-based) with no text that show an image: scanned pages,
    /// most likely.
    pub without_text: Vec<usize>,
    /// Pages (1-based) the PDF reader failed on.
    pub unreadable: Vec<usize>,
    /// The running lines with words in them, alike lines (digits aside)
    /// together; bare page numbers are not listed, as no quote includes one.
    pub running: Vec<RunningGroup>,
}

/// One running header or footer, as printed on each of its pages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunningGroup {
    pub place: Place,
    /// As printed on its first page.
    pub text: String,
    /// 1-based, in order.
    pub pages: Vec<usize>,
}

/// Running lines named in a warning; the rest are counted.
const GROUPS_NAMED: usize = 6;

impl Gaps {
    pub fn new(read: &PdfText) -> Gaps {
        let mut running: Vec<(String, RunningGroup)> = Vec::new();
        for line in &read.running {
            let alike = signature(&line.text);
            if is_page_number(&alike) {
                continue;
            }
            match running
                .iter_mut()
                .find(|(s, group)| *s == alike && group.place == line.place)
            {
                Some((_, group)) => group.pages.push(line.page),
                None => running.push((
                    alike,
                    RunningGroup {
                        place: line.place,
                        text: line.text.clone(),
                        pages: vec![line.page],
                    },
                )),
            }
        }
        Gaps {
            without_text: read.without_text.clone(),
            unreadable: read.unreadable.clone(),
            running: running.into_iter().map(|(_, group)| group).collect(),
        }
    }

    /// The warnings of the source whose `path` is `written`. The running
    /// lines are told only when `quotes_missing`, as the reason may be
    /// there: a warning on every PDF with a running header would be noise
    /// that no edit can silence.
    pub fn warnings(&self, written: &str, quotes_missing: bool) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !self.without_text.is_empty() {
            let (pages, have) = pages_have(&self.without_text);
            out.push(
                Diagnostic::new(
                    Code::PdfPageWithoutText,
                    format!(
                        "{pages} of `{written}` {have} no text layer: scanned? quotes there cannot anchor"
                    ),
                )
                .label(format!("{pages}: an image and no text"))
                .help("add a text layer with an OCR tool (`ocrmypdf --skip-text in.pdf out.pdf` leaves the pages with text as they are) and point `path` at the new file"),
            );
        }
        if !self.unreadable.is_empty() {
            let (pages, have) = pages_have(&self.unreadable);
            let was = if have == "has" { "was" } else { "were" };
            out.push(
                Diagnostic::new(
                    Code::PdfPageUnreadable,
                    format!("{pages} of `{written}` could not be read: quotes there cannot anchor"),
                )
                .label(format!("{pages} {was} left out"))
                .help("open it in a PDF viewer and print it to a new PDF, or repair it (`qpdf in.pdf out.pdf`), and point `path` at the new file"),
            );
        }
        if quotes_missing && !self.running.is_empty() {
            let count = self.running.len();
            let mut diagnostic = Diagnostic::new(
                Code::PdfRunningLines,
                format!(
                    "{count} running header{} or footer{} left out of `{written}`'s text",
                    plural(count),
                    plural(count)
                ),
            )
            .label("headers and footers left out")
            .help("quotes are found in the body text only: a quote that takes in one of these lines does not anchor; quote the text on either side of it instead");
            for group in self.running.iter().take(GROUPS_NAMED) {
                let place = match group.place {
                    Place::Header => "header",
                    Place::Footer => "footer",
                };
                diagnostic = diagnostic.note(format!(
                    "{place} \"{}\" on {}",
                    shortened(&group.text),
                    page_list(&group.pages)
                ));
            }
            if count > GROUPS_NAMED {
                diagnostic = diagnostic.note(format!("and {} more", count - GROUPS_NAMED));
            }
            out.push(diagnostic);
        }
        out
    }
}

/// Longest running line quoted in a note, in chars.
const LINE_CHARS: usize = 120;

fn shortened(line: &str) -> String {
    match line.char_indices().nth(LINE_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// `p. 4` and `has`, or `pp. 4, 7` and `have`.
fn pages_have(pages: &[usize]) -> (String, &'static str) {
    let have = if pages.len() == 1 { "has" } else { "have" };
    (page_list(pages), have)
}

/// `p. 3`, `pp. 2–9`, `pp. 1, 3, 5–7`: runs of consecutive pages joined.
fn page_list(pages: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &page in pages {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == page => *last = page,
            _ => runs.push((page, page)),
        }
    }
    let mut listed: Vec<String> = runs
        .iter()
        .take(RUNS_LISTED)
        .map(|&(first, last)| match last - first {
            0 => first.to_string(),
            1 => format!("{first}, {last}"),
            _ => format!("{first}–{last}"),
        })
        .collect();
    if runs.len() > RUNS_LISTED {
        let rest: usize = runs[RUNS_LISTED..]
            .iter()
            .map(|&(first, last)| last - first + 1)
            .sum();
        listed.push(format!("and {rest} more"));
    }
    let prefix = if pages.len() == 1 { "p." } else { "pp." };
    format!("{prefix} {}", listed.join(", "))
}

/// Runs of pages listed in a message; a scan of every other page of a
/// long book would otherwise make one line of thousands.
const RUNS_LISTED: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_running_line_is_shortened() {
        assert_eq!(shortened("Harbour Report"), "Harbour Report");
        let long = "é".repeat(500);
        assert_eq!(shortened(&long), format!("{}…", "é".repeat(120)));
    }

    #[test]
    fn pages_are_listed_in_runs() {
        assert_eq!(page_list(&[4]), "p. 4");
        assert_eq!(page_list(&[2, 3]), "pp. 2, 3");
        assert_eq!(page_list(&[2, 3, 4, 5, 6, 7, 8, 9]), "pp. 2–9");
        assert_eq!(page_list(&[1, 3, 5, 6, 7]), "pp. 1, 3, 5–7");
        let every_other: Vec<usize> = (1..=5000).step_by(2).collect();
        assert_eq!(
            page_list(&every_other),
            "pp. 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, and 2488 more"
        );
    }
}
