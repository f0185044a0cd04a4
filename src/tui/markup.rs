//! The seeds' light Markdown shown as text: `## headings` bold without the
//! hashes, `**bold**` bold without the stars, `[text](#)` as its text, and
//! `<sup>1</sup>` as a plain digit. Every original byte offset maps to an
//! offset in the display text, so quote highlights land on the right chars.
//! Control characters become visible (via `crate::text`).

use std::ops::Range;

use crate::text::visible;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Heading,
    Bold,
    Link,
}

#[derive(Debug, Clone, Default)]
pub struct Marked {
    /// What is drawn: markup removed, control characters made visible.
    pub text: String,
    /// For each byte offset of the original (and one past its end), the
    /// offset in `text` where that byte's content starts.
    map: Vec<usize>,
    pub emphasis: Vec<(Range<usize>, Emphasis)>,
}

impl Marked {
    pub fn new(original: &str) -> Marked {
        let mut builder = Builder {
            out: Marked {
                text: String::with_capacity(original.len()),
                map: vec![0; original.len() + 1],
                emphasis: Vec::new(),
            },
        };
        let mut line_start = 0;
        for line in original.split_inclusive('\n') {
            builder.line(original, line_start, line_start + line.len());
            line_start += line.len();
        }
        let end = builder.out.text.len();
        builder.out.map[original.len()] = end;
        builder.out
    }

    /// The display range of an original byte range.
    pub fn display_range(&self, original: &Range<usize>) -> Range<usize> {
        let at = |byte: usize| self.map[byte.min(self.map.len() - 1)];
        let start = at(original.start);
        start..at(original.end).max(start)
    }

    /// The bytes of `original` (the text this was made from) shown as
    /// `display`: markup at the edges left out, a char partly shown taken whole.
    pub fn original_range(&self, original: &str, display: &Range<usize>) -> Range<usize> {
        let last = self.map.len() - 1;
        let mut start = self
            .map
            .partition_point(|&d| d <= display.start)
            .saturating_sub(1)
            .min(last);
        while !original.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = self.map.partition_point(|&d| d < display.end).min(last);
        while !original.is_char_boundary(end) {
            end += 1;
        }
        start..end.max(start)
    }

    pub fn emphasis_at(&self, byte: usize) -> Option<Emphasis> {
        self.emphasis
            .iter()
            .rev()
            .find(|(range, _)| range.contains(&byte))
            .map(|(_, e)| *e)
    }
}

struct Builder {
    out: Marked,
}

impl Builder {
    /// Skips original bytes `from..to`: they map to the current display end.
    fn skip(&mut self, from: usize, to: usize) {
        let here = self.out.text.len();
        self.out.map[from..to].fill(here);
    }

    fn emit(&mut self, original: &str, at: usize) -> usize {
        let c = original[at..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        self.skip(at, at + len);
        match c {
            '\r' if original[at + 1..].starts_with('\n') => {}
            '\t' => self.out.text.push_str("    "),
            c => {
                let mut buf = [0u8; 4];
                self.out.text.push_str(&visible(c.encode_utf8(&mut buf)));
            }
        }
        len
    }

    fn line(&mut self, original: &str, start: usize, end: usize) {
        let line = &original[start..end];
        let mut at = start;
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let heading = (1..=6).contains(&hashes) && line[hashes..].starts_with(' ');
        if heading {
            self.skip(at, at + hashes + 1);
            at += hashes + 1;
        }
        let display_start = self.out.text.len();
        let mut bold_from: Option<usize> = None;
        let mut link: Option<(usize, usize, usize)> = None; // (text close, end, display start)
        while at < end {
            let rest = &original[at..end];
            if let Some((close, link_end, shown_from)) = link
                && at == close
            {
                self.skip(at, link_end);
                self.push(shown_from, Emphasis::Link);
                link = None;
                at = link_end;
                continue;
            }
            if rest.starts_with("**") {
                self.skip(at, at + 2);
                match bold_from.take() {
                    Some(from) => self.push(from, Emphasis::Bold),
                    None => bold_from = Some(self.out.text.len()),
                }
                at += 2;
                continue;
            }
            if link.is_none()
                && rest.starts_with('[')
                && let Some((close, link_end)) = link_target(rest)
            {
                self.skip(at, at + 1);
                link = Some((at + close, at + link_end, self.out.text.len()));
                at += 1;
                continue;
            }
            if let Some(tag) = ["<sup>", "</sup>"].iter().find(|t| rest.starts_with(**t)) {
                self.skip(at, at + tag.len());
                at += tag.len();
                continue;
            }
            at += self.emit(original, at);
        }
        if let Some(from) = bold_from {
            self.push(from, Emphasis::Bold);
        }
        if heading {
            let text_end = self.out.text.trim_end_matches(['\n']).len();
            self.out.emphasis.push((
                display_start..text_end.max(display_start),
                Emphasis::Heading,
            ));
        }
    }

    fn push(&mut self, from: usize, emphasis: Emphasis) {
        let to = self.out.text.len();
        if to > from {
            self.out.emphasis.push((from..to, emphasis));
        }
    }
}

/// For `rest` starting with `[`: offsets of the `](` and one past the `)`,
/// when the link closes on this line.
fn link_target(rest: &str) -> Option<(usize, usize)> {
    let close = rest.find("](")?;
    if rest[1..close].contains(['[', '\n']) {
        return None;
    }
    let paren = rest[close + 2..].find([')', '\n', ' '])?;
    (rest.as_bytes()[close + 2 + paren] == b')').then_some((close, close + 2 + paren + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(original: &str, range: Range<usize>) -> String {
        let m = Marked::new(original);
        m.text[m.display_range(&range)].to_string()
    }

    #[test]
    fn markup_is_shown_as_text() {
        let m = Marked::new("## Title\n\nBy [Vasif](#) on **March 14**, Houé<sup>1</sup>.\n");
        assert_eq!(m.text, "Title\n\nBy Vasif on March 14, Houé1.\n");
        assert_eq!(m.emphasis_at(0), Some(Emphasis::Heading));
        let vasif = m.text.find("Vasif").unwrap();
        assert_eq!(m.emphasis_at(vasif), Some(Emphasis::Link));
        let march = m.text.find("March").unwrap();
        assert_eq!(m.emphasis_at(march), Some(Emphasis::Bold));
        assert_eq!(m.emphasis_at(m.text.find("on").unwrap()), None);
    }

    #[test]
    fn ranges_map_through_removed_markup() {
        let original = "x [Azerbaijan sent a convoy](#) — flour";
        let quote = original.find("a convoy").unwrap();
        assert_eq!(shown(original, quote..quote + "a convoy".len()), "a convoy");
        let whole = original.find("Azerbaijan").unwrap()..original.find(" —").unwrap();
        assert_eq!(shown(original, whole), "Azerbaijan sent a convoy");
        let bold = "### **Strikes and** after";
        let s = bold.find("Strikes").unwrap();
        assert_eq!(shown(bold, s..bold.len()), "Strikes and after");
    }

    #[test]
    fn display_ranges_map_back_without_the_markup() {
        let original = "By [Vasif](#) on **March 14**, Houé said.";
        let m = Marked::new(original);
        let back = |shown: &str| {
            let at = m.text.find(shown).unwrap();
            original[m.original_range(original, &(at..at + shown.len()))].to_string()
        };
        assert_eq!(back("Vasif"), "Vasif");
        assert_eq!(back("March 14"), "March 14");
        assert_eq!(back("Vasif on March"), "Vasif](#) on **March");
        assert_eq!(back("Houé said."), "Houé said.");
        assert_eq!(back("é"), "é");
    }

    #[test]
    fn controls_become_visible_and_offsets_follow() {
        let original = "a\u{1b}[31mb quote";
        let m = Marked::new(original);
        assert_eq!(m.text, "a␛[31mb quote");
        let q = original.find("quote").unwrap();
        assert_eq!(&m.text[m.display_range(&(q..q + 5))], "quote");
        assert_eq!(
            Marked::new("crlf\r\nlone\rcr\ttab").text,
            "crlf\nlone␍cr    tab"
        );
    }

    #[test]
    fn brackets_without_a_link_are_kept() {
        assert_eq!(Marked::new("a [note] b").text, "a [note] b");
        assert_eq!(Marked::new("[x](not a url)").text, "[x](not a url)");
    }
}
