//! Why a PDF gave no text, said so that the reader knows what to do next.

use std::fmt;
use std::time::Duration;

/// A PDF whose text could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Its text is encrypted and an empty password does not open it.
    Encrypted,
    /// It has pages, but none of them carries any text: a scan, or text
    /// turned into outlines.
    NoTextLayer { pages: usize },
    /// Not a PDF, or one too broken to read; `detail` says what was wrong.
    Damaged { detail: String },
    /// Past one of the limits that keep a hostile file from taking the
    /// machine.
    TooLarge(Limit),
}

/// The limit a PDF went past, with the value it reached where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    Bytes { size: usize, max: usize },
    Pages { pages: usize, max: usize },
    Glyphs { max: usize },
    Time { max: Duration },
}

impl PdfError {
    /// One line saying what is wrong.
    pub fn message(&self) -> String {
        match self {
            PdfError::Encrypted => {
                "encrypted PDF: its text cannot be read without the password".into()
            }
            PdfError::NoTextLayer { pages } => format!(
                "no text layer: scanned? run OCR first ({pages} page{} without text)",
                if *pages == 1 { "" } else { "s" }
            ),
            PdfError::Damaged { detail } => format!("damaged PDF: {detail}"),
            PdfError::TooLarge(limit) => match limit {
                Limit::Bytes { size, max } => {
                    format!("PDF too large: {size} bytes, more than the {max} read")
                }
                Limit::Pages { pages, max } => {
                    format!("PDF too large: {pages} pages, more than the {max} read")
                }
                Limit::Glyphs { max } => {
                    format!("PDF too large: more than {max} characters of text")
                }
                Limit::Time { max } => format!(
                    "PDF too slow to read: its text took more than {} s",
                    max.as_secs()
                ),
            },
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            PdfError::Encrypted => {
                "save a copy without encryption (`qpdf --password=PASSWORD --decrypt in.pdf out.pdf`) and use that"
            }
            PdfError::NoTextLayer { .. } => {
                "add a text layer with an OCR tool (`ocrmypdf in.pdf out.pdf`), or use a text copy of the document"
            }
            PdfError::Damaged { .. } => {
                "open it in a PDF viewer and print it to a new PDF, or repair it (`qpdf in.pdf out.pdf`); `qpdf --check` says more"
            }
            PdfError::TooLarge(_) => {
                "split it (`qpdf in.pdf --pages . 1-100 -- part.pdf`), or use a text copy of the document"
            }
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for PdfError {}
