//! A document as crux reads it: the file's bytes, the text shown and
//! matched, the one offset map between them, and the document's structure.
//!
//! Each format has its own extractor, a pure function from the file's text
//! to an [`Extracted`]: light Markdown (`.txt`, `.md`) in [`markdown`],
//! saved web pages (`.html`, `.htm`) in [`html`]. A PDF is read from its
//! bytes by [`crate::pdf`]: its text, with page ranges in
//! [`Extracted::pages`], is also its original.

pub mod cache;
pub mod html;
pub mod map;
pub mod markdown;

use std::ops::Range;
use std::sync::OnceLock;

pub use map::{MapBuilder, OffsetMap};

use crate::text::{LineCol, LineIndex};

/// How a document is read, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text with light Markdown (`.txt`, `.md`, anything unknown).
    /// Quotes are written as the file has them, markup and all.
    LightMarkup,
    /// A saved web page (`.html`, `.htm`): quotes are written against
    /// its article's text.
    Html,
    /// A PDF (`.pdf`): quotes are written against its body text, running
    /// headers and footers left out.
    Pdf,
}

impl Format {
    pub fn of_path(path: &str) -> Format {
        let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("pdf") => Format::Pdf,
            _ => Format::LightMarkup,
        }
    }

    /// Whether quotes are written against the file's own text (markup
    /// included) rather than against the text extracted from it.
    pub fn quotes_original(self) -> bool {
        matches!(self, Format::LightMarkup)
    }
}

/// What a format's extractor gives: the text shown, its map back to the
/// original, and what it knows of the document's structure.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub text: String,
    /// From `text`'s bytes to the original's.
    pub map: OffsetMap,
    /// Headings, paragraphs and list items, in text order, as ranges of `text`.
    pub blocks: Vec<Block>,
    /// Ranges of `text` shown emphasised, sorted by start.
    pub emphasis: Vec<(Range<usize>, Emphasis)>,
    /// Ranges of `text`, one per page, for a paged format; empty otherwise.
    pub pages: Vec<Range<usize>>,
    pub metadata: Metadata,
    /// What a PDF's text leaves out of the file; empty for other formats.
    #[serde(default)]
    pub gaps: crate::pdf::Gaps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Emphasis {
    Heading,
    Bold,
    Italic,
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    /// Level 1 to 6.
    Heading(u8),
    Paragraph,
    ListItem,
}

/// What a document says about itself (a web page's `<title>`, author, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// A document read: see the module documentation.
///
/// Only the file's text is held from the start. What checking a light
/// Markdown document never asks for (its text shown, the map to it, its
/// structure) is extracted the first time it is asked for, and the line
/// index is built on first use, after anchoring has freed what it needed:
/// a document costs about its own size until it is shown.
#[derive(Debug, Clone)]
pub struct Document {
    format: Format,
    original: String,
    lines: OnceLock<LineIndex>,
    shown: OnceLock<Shown>,
}

/// An extraction whose text, when it is the file's own text byte for byte
/// (a PDF's always, light Markdown without markup), is not held twice.
#[derive(Debug, Clone)]
struct Shown {
    /// Its `text` is left empty when `same`.
    extracted: Extracted,
    same: bool,
}

impl Shown {
    fn new(mut extracted: Extracted, original: &str) -> Shown {
        let same = extracted.text == original;
        if same {
            extracted.text = String::new();
        }
        Shown { extracted, same }
    }
}

/// What light Markdown says of itself: nothing.
static NO_METADATA: Metadata = Metadata {
    title: None,
    author: None,
    date: None,
    url: None,
};

impl Document {
    /// The document of a file's text, read as its format says.
    pub fn new(format: Format, original: String) -> Result<Document, html::Problem> {
        match format {
            Format::LightMarkup => Ok(Document::unextracted(format, original)),
            Format::Html => {
                let extracted = html::extract(&original)?;
                Ok(Document::from_extracted(format, original, extracted))
            }
            Format::Pdf => Ok(Document::from_text_extraction(Extracted {
                map: OffsetMap::identity(original.len()),
                text: original,
                ..Extracted::default()
            })),
        }
    }

    /// What a PDF's bytes give: its text, pages, metadata and gaps.
    pub fn pdf_extraction(bytes: &[u8]) -> Result<Extracted, crate::pdf::PdfError> {
        let read = crate::pdf::extract(bytes)?;
        Ok(Extracted {
            map: OffsetMap::identity(read.text.len()),
            gaps: read.gaps(),
            metadata: Metadata {
                title: read.info.title,
                author: read.info.author,
                date: read.info.date,
                url: None,
            },
            pages: read.pages,
            text: read.text,
            ..Extracted::default()
        })
    }

    /// The document of a PDF's bytes: its text is its original.
    pub fn pdf(bytes: &[u8]) -> Result<Document, crate::pdf::PdfError> {
        Ok(Document::from_text_extraction(Document::pdf_extraction(
            bytes,
        )?))
    }

    /// A PDF's document from its extraction, whose text is its original
    /// (moved there, not copied).
    pub fn from_text_extraction(mut extracted: Extracted) -> Document {
        let original = std::mem::take(&mut extracted.text);
        Document {
            format: Format::Pdf,
            original,
            lines: OnceLock::new(),
            shown: OnceLock::from(Shown {
                extracted,
                same: true,
            }),
        }
    }

    /// Light-Markdown text (what `.txt` and `.md` files hold).
    pub fn light_markup(original: &str) -> Document {
        Document::unextracted(Format::LightMarkup, original.to_string())
    }

    fn unextracted(format: Format, original: String) -> Document {
        Document {
            format,
            original,
            lines: OnceLock::new(),
            shown: OnceLock::new(),
        }
    }

    /// A document whose text another extractor made.
    pub fn from_extracted(format: Format, original: String, extracted: Extracted) -> Document {
        let shown = Shown::new(extracted, &original);
        Document {
            format,
            original,
            lines: OnceLock::new(),
            shown: OnceLock::from(shown),
        }
    }

    fn shown(&self) -> &Shown {
        self.shown
            .get_or_init(|| Shown::new(markdown::extract(&self.original), &self.original))
    }

    /// The extraction's pages, metadata and gaps, which light Markdown
    /// never has: `None` for it, so that they do not extract it.
    fn extraction_beyond_markup(&self) -> Option<&Extracted> {
        (self.format != Format::LightMarkup).then(|| &self.shown().extracted)
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.original))
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The file's text, as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The text shown: markup left out, article extracted.
    pub fn text(&self) -> &str {
        let shown = self.shown();
        if shown.same {
            &self.original
        } else {
            &shown.extracted.text
        }
    }

    pub fn map(&self) -> &OffsetMap {
        &self.shown().extracted.map
    }

    /// The text quotes are written against and anchors index: the file's
    /// own text for light Markdown, the text shown for other formats.
    pub fn quoted(&self) -> &str {
        if self.format.quotes_original() {
            &self.original
        } else {
            self.text()
        }
    }

    /// The text to match quotes in, and whether its light markup is ignored.
    pub fn quotable(&self) -> Quotable<'_> {
        Quotable {
            text: self.quoted(),
            markup: self.format.quotes_original(),
        }
    }

    /// Where in the file `quoted` byte offset is, 1-based line and column.
    pub fn line_col(&self, quoted: usize) -> LineCol {
        let original = self
            .original_range(&(quoted..quoted.saturating_add(1)))
            .start;
        self.lines().line_col(&self.original, original)
    }

    /// The quoted bytes shown on 1-based `line` of the file, without its
    /// line break; `None` past the last line.
    pub fn quoted_line(&self, line: usize) -> Option<Range<usize>> {
        let index = line
            .checked_sub(1)
            .filter(|&i| i < self.lines().line_count())?;
        let in_file = self.lines().line_range(&self.original, index);
        Some(if self.format.quotes_original() {
            in_file
        } else {
            self.map().derived_range(&in_file)
        })
    }

    /// The bytes of the file that the quoted bytes `quoted` were taken from.
    pub fn original_range(&self, quoted: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            quoted.clone()
        } else {
            self.map().source_range(quoted.clone())
        }
    }

    /// Char offsets in the quoted text of a quoted byte range.
    pub fn char_range(&self, quoted: &Range<usize>) -> Range<usize> {
        let count = |to: usize| {
            let to = crate::text::floor_char_boundary(self.quoted(), to);
            self.quoted()[..to].chars().count()
        };
        if self.format.quotes_original() {
            self.lines().char_range(&self.original, quoted)
        } else {
            count(quoted.start)..count(quoted.end)
        }
    }

    /// The range of the text shown that shows the quoted bytes `quoted`.
    pub fn display_range(&self, quoted: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            self.map().derived_range(quoted)
        } else {
            quoted.clone()
        }
    }

    /// The quoted bytes shown as `display`: markup at the edges left out,
    /// a char partly shown taken whole.
    pub fn quoted_range(&self, display: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            self.map().source_range(display.clone())
        } else {
            let text = self.text();
            let start = crate::text::floor_char_boundary(text, display.start);
            let mut end = display.end.min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            start..end.max(start)
        }
    }

    pub fn blocks(&self) -> &[Block] {
        &self.shown().extracted.blocks
    }

    pub fn emphasis(&self) -> &[(Range<usize>, Emphasis)] {
        &self.shown().extracted.emphasis
    }

    /// The emphasis of the shown byte `byte`, the innermost when nested.
    pub fn emphasis_at(&self, byte: usize) -> Option<Emphasis> {
        let emphasis = self.emphasis();
        let before = emphasis.partition_point(|(range, _)| range.start <= byte);
        emphasis[..before]
            .iter()
            .rev()
            .find(|(range, _)| range.contains(&byte))
            .map(|(_, e)| *e)
    }

    pub fn pages(&self) -> &[Range<usize>] {
        self.extraction_beyond_markup()
            .map_or(&[], |extracted| &extracted.pages)
    }

    /// The page and the line within it of the quoted byte `quoted`, for a
    /// paged document.
    pub fn page_line(&self, quoted: usize) -> Option<crate::pdf::PageLine> {
        if self.pages().is_empty() {
            return None;
        }
        crate::pdf::page_line(
            self.text(),
            self.pages(),
            self.display_range(&(quoted..quoted)).start,
        )
    }

    pub fn metadata(&self) -> &Metadata {
        self.extraction_beyond_markup()
            .map_or(&NO_METADATA, |extracted| &extracted.metadata)
    }

    /// What the source whose `path` is `written` should be warned of: a
    /// PDF's pages without text, and, when `quotes_missing` (some quote of
    /// it is not found), the running lines left out of it.
    pub fn warnings(&self, written: &str, quotes_missing: bool) -> Vec<crate::diag::Diagnostic> {
        self.extraction_beyond_markup()
            .map_or_else(Vec::new, |e| e.gaps.warnings(written, quotes_missing))
    }
}

/// A text quotes are matched in: `markup` when it is light Markdown,
/// whose markup matching ignores.
#[derive(Debug, Clone, Copy)]
pub struct Quotable<'a> {
    pub text: &'a str,
    pub markup: bool,
}

impl<'a> From<&'a str> for Quotable<'a> {
    fn from(text: &'a str) -> Self {
        Quotable { text, markup: true }
    }
}

impl<'a> From<&'a String> for Quotable<'a> {
    fn from(text: &'a String) -> Self {
        Quotable::from(text.as_str())
    }
}

#[cfg(test)]
mod tests;
