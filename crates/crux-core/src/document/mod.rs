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
#[derive(Debug, Clone)]
pub struct Document {
    format: Format,
    original: String,
    lines: LineIndex,
    extracted: Extracted,
}

impl Document {
    /// The document of a file's text, read as its format says.
    pub fn new(format: Format, original: String) -> Result<Document, html::Problem> {
        let extracted = match format {
            Format::LightMarkup => markdown::extract(&original),
            Format::Html => html::extract(&original)?,
            Format::Pdf => Extracted {
                map: OffsetMap::identity(original.len()),
                text: original.clone(),
                ..Extracted::default()
            },
        };
        Ok(Document::from_extracted(format, original, extracted))
    }

    /// The document of a PDF's bytes: its text is its original.
    pub fn pdf(bytes: &[u8]) -> Result<Document, crate::pdf::PdfError> {
        let read = crate::pdf::extract(bytes)?;
        let extracted = Extracted {
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
        };
        Ok(Document::from_extracted(
            Format::Pdf,
            extracted.text.clone(),
            extracted,
        ))
    }

    /// Light-Markdown text (what `.txt` and `.md` files hold).
    pub fn light_markup(original: &str) -> Document {
        let extracted = markdown::extract(original);
        Document::from_extracted(Format::LightMarkup, original.to_string(), extracted)
    }

    /// A document whose text another extractor made.
    pub fn from_extracted(format: Format, original: String, extracted: Extracted) -> Document {
        Document {
            format,
            lines: LineIndex::new(&original),
            original,
            extracted,
        }
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
        &self.extracted.text
    }

    pub fn extracted(&self) -> &Extracted {
        &self.extracted
    }

    pub fn map(&self) -> &OffsetMap {
        &self.extracted.map
    }

    /// The text quotes are written against and anchors index: the file's
    /// own text for light Markdown, the text shown for other formats.
    pub fn quoted(&self) -> &str {
        if self.format.quotes_original() {
            &self.original
        } else {
            &self.extracted.text
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
        self.lines.line_col(&self.original, original)
    }

    /// The quoted bytes shown on 1-based `line` of the file, without its
    /// line break; `None` past the last line.
    pub fn quoted_line(&self, line: usize) -> Option<Range<usize>> {
        let index = line
            .checked_sub(1)
            .filter(|&i| i < self.lines.line_count())?;
        let in_file = self.lines.line_range(&self.original, index);
        Some(if self.format.quotes_original() {
            in_file
        } else {
            self.extracted.map.derived_range(&in_file)
        })
    }

    /// The bytes of the file that the quoted bytes `quoted` were taken from.
    pub fn original_range(&self, quoted: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            quoted.clone()
        } else {
            self.extracted.map.source_range(quoted.clone())
        }
    }

    /// Char offsets in the quoted text of a quoted byte range.
    pub fn char_range(&self, quoted: &Range<usize>) -> Range<usize> {
        let count = |to: usize| {
            let to = crate::text::floor_char_boundary(self.quoted(), to);
            self.quoted()[..to].chars().count()
        };
        if self.format.quotes_original() {
            self.lines.char_range(&self.original, quoted)
        } else {
            count(quoted.start)..count(quoted.end)
        }
    }

    /// The range of the text shown that shows the quoted bytes `quoted`.
    pub fn display_range(&self, quoted: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            self.extracted.map.derived_range(quoted)
        } else {
            quoted.clone()
        }
    }

    /// The quoted bytes shown as `display`: markup at the edges left out,
    /// a char partly shown taken whole.
    pub fn quoted_range(&self, display: &Range<usize>) -> Range<usize> {
        if self.format.quotes_original() {
            self.extracted.map.source_range(display.clone())
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
        &self.extracted.blocks
    }

    pub fn emphasis(&self) -> &[(Range<usize>, Emphasis)] {
        &self.extracted.emphasis
    }

    /// The emphasis of the shown byte `byte`, the innermost when nested.
    pub fn emphasis_at(&self, byte: usize) -> Option<Emphasis> {
        let emphasis = &self.extracted.emphasis;
        let before = emphasis.partition_point(|(range, _)| range.start <= byte);
        emphasis[..before]
            .iter()
            .rev()
            .find(|(range, _)| range.contains(&byte))
            .map(|(_, e)| *e)
    }

    pub fn pages(&self) -> &[Range<usize>] {
        &self.extracted.pages
    }

    /// The page and the line within it of the quoted byte `quoted`, for a
    /// paged document.
    pub fn page_line(&self, quoted: usize) -> Option<crate::pdf::PageLine> {
        crate::pdf::page_line(
            self.text(),
            self.pages(),
            self.display_range(&(quoted..quoted)).start,
        )
    }

    pub fn metadata(&self) -> &Metadata {
        &self.extracted.metadata
    }

    /// What the source whose `path` is `written` should be warned of: a
    /// PDF's pages without text, and, when `quotes_missing` (some quote of
    /// it is not found), the running lines left out of it.
    pub fn warnings(&self, written: &str, quotes_missing: bool) -> Vec<crate::diag::Diagnostic> {
        self.extracted.gaps.warnings(written, quotes_missing)
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
