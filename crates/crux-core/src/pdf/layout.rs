//! From the characters a page draws to the lines a reader sees.
//!
//! Characters come in the order the page draws them, which for typeset
//! text, browsers and word processors is the reading order, column by
//! column. A line goes on while characters keep to one baseline and move
//! to the right; spaces come from the gaps between characters rather than
//! from space characters, so justified spacing becomes one space.

/// One character (or the few a glyph stands for) drawn on a page, in
/// points, y growing down the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub x: f64,
    /// The baseline.
    pub y: f64,
    pub width: f64,
    /// The font size as drawn.
    pub size: f64,
    pub text: String,
}

/// The characters of one page, in drawing order.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageGlyphs {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// One printed line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub x0: f64,
    pub x1: f64,
    /// The baseline of its first character.
    pub y: f64,
    /// The font size of most of its characters.
    pub size: f64,
    /// Its words, single-spaced, ligatures expanded.
    pub text: String,
}

/// A gap wider than this share of the font size is a space between words;
/// letter spacing and kerning stay far below it, word spaces above.
const WORD_GAP: f64 = 0.2;
/// A space character narrower than this share of the font size is none.
const SPACE_ROOM: f64 = 0.1;
/// A character further than this share of the font size off the line's
/// baseline starts a new line; superscripts stay well within it.
const BASELINE_SLACK: f64 = 0.55;
/// A character this far left of the line's end (in font sizes) starts a
/// new line, as the next line or column does.
const BACKWARDS: f64 = 1.0;

pub(crate) fn lines(page: &PageGlyphs) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Option<LineBuilder> = None;
    // Where a space character was drawn since the last visible one.
    let mut space_at: Option<f64> = None;
    for glyph in &page.glyphs {
        if glyph.text.chars().all(char::is_whitespace) {
            space_at = Some(glyph.x);
            continue;
        }
        if !glyph.size.is_finite() || !glyph.x.is_finite() || !glyph.y.is_finite() {
            continue;
        }
        match current.as_mut() {
            Some(line) if line.continues_with(glyph) => {
                let size = line.size();
                // A space character counts where it takes room: some
                // producers draw soft hyphens as zero-width spaces.
                let spaced = space_at.is_some_and(|x| glyph.x - x > SPACE_ROOM * size);
                line.push(glyph, spaced || glyph.x - line.x1 > WORD_GAP * size);
            }
            _ => {
                if let Some(done) = current.take() {
                    lines.extend(done.finish());
                }
                current = Some(LineBuilder::new(glyph));
            }
        }
        space_at = None;
    }
    if let Some(done) = current {
        lines.extend(done.finish());
    }
    lines
}

struct LineBuilder {
    x0: f64,
    x1: f64,
    y: f64,
    text: String,
    /// (font size, characters at that size), to find the line's main size.
    sizes: Vec<(f64, usize)>,
}

impl LineBuilder {
    fn new(glyph: &Glyph) -> Self {
        let mut line = LineBuilder {
            x0: glyph.x,
            x1: glyph.x,
            y: glyph.y,
            text: String::new(),
            sizes: Vec::new(),
        };
        line.push(glyph, false);
        line
    }

    fn size(&self) -> f64 {
        self.sizes
            .iter()
            .max_by_key(|(_, count)| *count)
            .map_or(0.0, |(size, _)| *size)
    }

    fn continues_with(&self, glyph: &Glyph) -> bool {
        let size = self.size().max(glyph.size).max(1.0);
        (glyph.y - self.y).abs() <= BASELINE_SLACK * size && glyph.x >= self.x1 - BACKWARDS * size
    }

    fn push(&mut self, glyph: &Glyph, space: bool) {
        if space && !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        push_text(&mut self.text, &glyph.text);
        self.x1 = self.x1.max(glyph.x + glyph.width.max(0.0));
        let size = (glyph.size * 10.0).round() / 10.0;
        let count = glyph.text.chars().count();
        match self.sizes.iter_mut().find(|(s, _)| *s == size) {
            Some((_, n)) => *n += count,
            None => self.sizes.push((size, count)),
        }
    }

    fn finish(self) -> Option<Line> {
        let size = self.size();
        let text = self.text.trim_end().to_string();
        (!text.is_empty()).then_some(Line {
            x0: self.x0,
            x1: self.x1,
            y: self.y,
            size,
            text,
        })
    }
}

/// Appends what a glyph stands for as plain text: ligatures spelt out,
/// control characters dropped, any space one space. Soft hyphens stay:
/// one that ends a line says the word goes on on the next.
pub(crate) fn push_text(out: &mut String, glyph: &str) {
    for c in glyph.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}
