//! The text of a PDF as a reader reads it: page by page in reading order,
//! paragraphs kept, words broken across line ends joined, ligatures spelt
//! out, and the running headers and footers set apart so that no quote
//! depends on them.
//!
//! `extract` never panics and never runs unbounded: the PDF reader runs
//! behind `catch_unwind`, and the file's size, its page count, the
//! characters read and the time taken are capped by `Limits`.

mod error;
mod flow;
mod gaps;
mod hyphen;
mod images;
mod layout;
mod meta;
mod read;
mod running;
mod sanitize;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::time::Duration;

pub use error::{Limit, PdfError};
pub use gaps::{Gaps, RunningGroup};
pub use meta::Info;
pub use read::in_pdf_reader;
pub use running::{Place, RunningLine};

/// The text of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// The body text in reading order: one line per printed line, a blank
    /// line between paragraphs, no running headers or footers. A word
    /// hyphenated across a line end is joined on the first line.
    pub text: String,
    /// The byte range of each page within `text`, page 1 first. The ranges
    /// follow each other in order; the separator between two pages belongs
    /// to neither, and a page without body text has an empty range where
    /// it would be.
    pub pages: Vec<Range<usize>>,
    /// The running headers and footers left out of `text`, page by page.
    pub running: Vec<RunningLine>,
    /// Pages (1-based) the reader failed on: they are in `pages` with no
    /// text, and the rest of the document is read.
    pub unreadable: Vec<usize>,
    /// Pages (1-based) with no body text that show an image: scanned
    /// pages, most likely, in a document whose other pages have text.
    pub without_text: Vec<usize>,
    /// Title, author and date from the document information.
    pub info: Info,
}

/// Where a byte of `PdfText::text` is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PageLine {
    /// 1-based.
    pub page: usize,
    /// 1-based, counted from the page's first body line.
    pub line: usize,
}

impl PdfText {
    /// What the text leaves out of the file, for the source's warnings.
    pub fn gaps(&self) -> Gaps {
        Gaps::new(self)
    }

    /// The page and line within the page of byte `offset` of `text`; a
    /// separator between two pages belongs to the page before it.
    pub fn page_line(&self, offset: usize) -> Option<PageLine> {
        page_line(&self.text, &self.pages, offset)
    }
}

/// The page and line within the page of byte `offset` of `text`, whose
/// pages are `pages` (as in [`PdfText`]).
pub fn page_line(text: &str, pages: &[Range<usize>], offset: usize) -> Option<PageLine> {
    if offset > text.len() {
        return None;
    }
    let index = pages
        .partition_point(|page| page.start <= offset)
        .checked_sub(1)?;
    let start = pages[index].start;
    let line = 1 + text.as_bytes()[start..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    Some(PageLine {
        page: index + 1,
        line,
    })
}

/// Caps on what one PDF may cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_pages: usize,
    /// Characters drawn, over all pages.
    pub max_glyphs: usize,
    pub max_time: Duration,
}

impl Default for Limits {
    /// Ten times a long report: 200 MB, 5,000 pages, 20 million
    /// characters, 60 seconds.
    fn default() -> Self {
        Limits {
            max_bytes: 200_000_000,
            max_pages: 5_000,
            max_glyphs: 20_000_000,
            max_time: Duration::from_secs(60),
        }
    }
}

/// The text of the PDF in `bytes`, within the default `Limits`.
pub fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    extract_with(bytes, &Limits::default())
}

pub fn extract_with(bytes: &[u8], limits: &Limits) -> Result<PdfText, PdfError> {
    let read::Read {
        pages,
        unreadable,
        with_images,
        info,
    } = read::pages(bytes, limits)?;
    let has_text = |page: &layout::PageGlyphs| {
        page.glyphs.iter().any(|glyph| {
            glyph
                .text
                .chars()
                .any(|c| !c.is_whitespace() && !c.is_control())
        })
    };
    if !pages.iter().any(has_text) {
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    let mut lines: Vec<(f64, Vec<layout::Line>)> = pages
        .iter()
        .map(|page| (page.height, layout::lines(page)))
        .collect();
    let mut running = Vec::new();
    for (page, line, place) in running::find(&lines).into_iter().rev() {
        let removed = lines[page].1.remove(line);
        running.push(RunningLine {
            page: page + 1,
            place,
            text: removed.text.replace('\u{ad}', ""),
        });
    }
    running.reverse();
    let body: Vec<Vec<layout::Line>> = lines.into_iter().map(|(_, lines)| lines).collect();
    let (text, pages) = flow::assemble(&body);
    // Text in the margins alone (a scanner's label, page numbers) is no
    // text layer either.
    if text.is_empty() {
        return Err(PdfError::NoTextLayer { pages: pages.len() });
    }
    let without_text = (1..=pages.len())
        .filter(|page| pages[page - 1].is_empty())
        .filter(|page| with_images.contains(page) && !unreadable.contains(page))
        .collect();
    Ok(PdfText {
        text,
        pages,
        running,
        unreadable,
        without_text,
        info,
    })
}
