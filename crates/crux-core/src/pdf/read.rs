//! Reading the characters each page draws, with pdf-extract, guarded: it
//! panics on some malformed files, so each page is read behind
//! `catch_unwind` (with the panic kept off the terminal), and the file is
//! made safe for it first (see `sanitize`).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::time::Instant;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use super::error::{Limit, PdfError};
use super::layout::{Glyph, PageGlyphs};
use super::meta::{self, Info};
use super::{Limits, images, sanitize};

/// What the reader got from a PDF.
pub(crate) struct Read {
    /// The characters of every page, page 1 first; a page that could not
    /// be read has none.
    pub pages: Vec<PageGlyphs>,
    /// Pages (1-based) that could not be read.
    pub unreadable: Vec<usize>,
    /// Pages (1-based) that have an image to show.
    pub with_images: Vec<usize>,
    pub info: Info,
}

pub(crate) fn pages(bytes: &[u8], limits: &Limits) -> Result<Read, PdfError> {
    if bytes.len() > limits.max_bytes {
        return Err(PdfError::TooLarge(Limit::Bytes {
            size: bytes.len(),
            max: limits.max_bytes,
        }));
    }
    if !looks_like_pdf(bytes) {
        return Err(PdfError::Damaged {
            detail: "not a PDF: it does not start with `%PDF-`".into(),
        });
    }
    let started = Instant::now();
    let mut document = quietly(|| Document::load_mem(bytes))
        .map_err(|panic| PdfError::Damaged { detail: panic })?
        .map_err(|error| PdfError::Damaged {
            detail: format!("{error}"),
        })?;
    if document.is_encrypted() && quietly(|| document.decrypt("")).map_or(true, |r| r.is_err()) {
        return Err(PdfError::Encrypted);
    }
    let page_ids = document.get_pages();
    let numbers: Vec<u32> = page_ids.keys().copied().collect();
    if numbers.is_empty() {
        return Err(PdfError::Damaged {
            detail: "it has no pages".into(),
        });
    }
    if numbers.len() > limits.max_pages {
        return Err(PdfError::TooLarge(Limit::Pages {
            pages: numbers.len(),
            max: limits.max_pages,
        }));
    }
    // Before `sanitize`, which empties the images.
    let (info, with_images) = quietly(|| {
        let with_images = page_ids
            .values()
            .enumerate()
            .filter(|&(_, &id)| images::has_image(&document, id))
            .map(|(index, _)| index + 1)
            .collect();
        (meta::info(&document), with_images)
    })
    .unwrap_or_default();
    sanitize::for_reading(&mut document);

    let mut collector = Collector::new(limits, started);
    let mut pages = Vec::with_capacity(numbers.len());
    let mut unreadable = Vec::new();
    for (index, number) in numbers.into_iter().enumerate() {
        collector.page = PageGlyphs::default();
        let read = quietly(|| pdf_extract::output_doc_page(&document, &mut collector, number));
        if let Some(limit) = collector.stopped.take() {
            return Err(PdfError::TooLarge(limit));
        }
        if !matches!(read, Ok(Ok(()))) {
            collector.page.glyphs.clear();
            unreadable.push(index + 1);
        }
        pages.push(std::mem::take(&mut collector.page));
        if started.elapsed() > limits.max_time {
            return Err(PdfError::TooLarge(Limit::Time {
                max: limits.max_time,
            }));
        }
    }
    if unreadable.len() == pages.len() {
        return Err(PdfError::Damaged {
            detail: "none of its pages could be read".into(),
        });
    }
    Ok(Read {
        pages,
        unreadable,
        with_images,
        info,
    })
}

/// The header may follow some junk, as readers allow.
fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|window| window == b"%PDF-")
}

thread_local! {
    static SILENCED: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside the PDF reader, where panics are caught
/// and expected: a panic hook installed after the first extraction (one
/// that restores the terminal) should do nothing then.
pub fn in_pdf_reader() -> bool {
    SILENCED.with(Cell::get)
}

/// Runs `f`, turning a panic into an error that says what it was, and
/// keeping its message off standard error (which may be the terminal the
/// UI draws on). Other threads' panics are reported as before.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !SILENCED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = SILENCED.with(|s| s.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    SILENCED.with(|s| s.set(was));
    result.map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!(
            "the PDF reader failed on it ({})",
            what.chars().take(120).collect::<String>()
        )
    })
}

/// Keeps the characters pdf-extract reports, in points from the top left
/// of the page, and stops it when a limit is reached.
struct Collector<'a> {
    limits: &'a Limits,
    started: Instant,
    glyphs: usize,
    page: PageGlyphs,
    left: f64,
    top: f64,
    stopped: Option<Limit>,
}

/// How often, in characters, the clock is read.
const CLOCK_EVERY: usize = 4096;

impl<'a> Collector<'a> {
    fn new(limits: &'a Limits, started: Instant) -> Self {
        Collector {
            limits,
            started,
            glyphs: 0,
            page: PageGlyphs::default(),
            left: 0.0,
            top: 0.0,
            stopped: None,
        }
    }

    fn stop(&mut self, limit: Limit) -> Result<(), OutputError> {
        self.stopped = Some(limit);
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.left = media_box.llx.min(media_box.urx);
        self.top = media_box.ury.max(media_box.lly);
        self.page.height = (media_box.ury - media_box.lly).abs();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > self.limits.max_glyphs {
            let max = self.limits.max_glyphs;
            return self.stop(Limit::Glyphs { max });
        }
        if self.glyphs.is_multiple_of(CLOCK_EVERY) && self.started.elapsed() > self.limits.max_time
        {
            let max = self.limits.max_time;
            return self.stop(Limit::Time { max });
        }
        let horizontal = trm.m11.hypot(trm.m12);
        let vertical = trm.m21.hypot(trm.m22);
        let size = font_size.abs();
        self.page.glyphs.push(Glyph {
            x: trm.m31 - self.left,
            y: self.top - trm.m32,
            width: width * size * horizontal,
            size: size * vertical,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
