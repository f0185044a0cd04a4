//! HTML tokens with the byte range each comes from: what a parser that
//! builds a tree (html5ever) does not keep, and what mapping the text back
//! to file:line:col needs. Follows the HTML tokenizer where a saved page
//! can tell: comments, doctypes, raw-text elements (script, style, ...),
//! quoted and unquoted attributes, a `<` that starts no tag.

use std::ops::Range;

use super::entities::decode_attribute;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start(Tag),
    End {
        name: String,
        range: Range<usize>,
    },
    /// Raw text, character references not yet decoded.
    Text(Range<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Lowercase.
    pub name: String,
    /// Names lowercase, values decoded.
    pub attributes: Vec<(String, String)>,
    pub range: Range<usize>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Elements whose content is text up to their end tag, never tags.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

pub fn tokenize(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    let flush = |tokens: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            tokens.push(Token::Text(from..to));
        }
    };
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let next = bytes.get(lt + 1).copied();
        let (token, end) = match next {
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => (
                None,
                find_after(bytes, lt + 4, b"-->").unwrap_or(bytes.len()),
            ),
            Some(b'!' | b'?') => (None, find_after(bytes, lt + 2, b">").unwrap_or(bytes.len())),
            Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let (tag, end) = tag(html, lt, lt + 2);
                (
                    Some(Token::End {
                        name: tag.name,
                        range: tag.range,
                    }),
                    end,
                )
            }
            // `</>` is dropped; `</3` starts a bogus comment.
            Some(b'/') => (None, find_after(bytes, lt + 2, b">").unwrap_or(bytes.len())),
            Some(b) if b.is_ascii_alphabetic() => {
                let (tag, end) = tag(html, lt, lt + 1);
                (Some(Token::Start(tag)), end)
            }
            _ => {
                at = lt + 1;
                continue;
            }
        };
        flush(&mut tokens, text_start, lt);
        at = end;
        text_start = end;
        if let Some(Token::Start(start)) = &token
            && RAW_TEXT.contains(&start.name.as_str())
        {
            let name = start.name.clone();
            tokens.extend(token);
            let close = if name == "plaintext" {
                None
            } else {
                end_tag_at(bytes, at, &name)
            };
            let content_end = close.unwrap_or(bytes.len());
            flush(&mut tokens, at, content_end);
            at = content_end;
            text_start = content_end;
            continue;
        }
        tokens.extend(token);
    }
    flush(&mut tokens, text_start, bytes.len());
    tokens
}

/// The byte after the first `pattern` at or after `from`.
fn find_after(bytes: &[u8], from: usize, pattern: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], pattern).map(|i| from + i + pattern.len())
}

/// Where `</name` (any case, followed by a blank, `/` or `>`) starts.
fn end_tag_at(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let start = at + offset;
        let after = start + 2 + name.len();
        let named = bytes
            .get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named
            && bytes
                .get(after)
                .is_none_or(|b| b" \t\n\r\x0c/>".contains(b))
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// The tag starting at `lt` whose name starts at `name_start`, and the byte after its `>`.
fn tag(html: &str, lt: usize, name_start: usize) -> (Tag, usize) {
    let bytes = html.as_bytes();
    let is_blank = |b: u8| b" \t\n\r\x0c".contains(&b);
    let mut at = name_start;
    while at < bytes.len() && !is_blank(bytes[at]) && !matches!(bytes[at], b'/' | b'>') {
        at += 1;
    }
    let name = html[name_start..at].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while at < bytes.len() && (is_blank(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        if bytes[at] == b'>' {
            at += 1;
            break;
        }
        let name_start = at;
        at += 1;
        while at < bytes.len() && !is_blank(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let attribute = html[name_start..at].to_ascii_lowercase();
        while at < bytes.len() && is_blank(bytes[at]) {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && is_blank(bytes[at]) {
                at += 1;
            }
            let (raw, end) = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close =
                        memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i);
                    (&html[at + 1..close], (close + 1).min(bytes.len()))
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !is_blank(bytes[at]) && bytes[at] != b'>' {
                        at += 1;
                    }
                    (&html[start..at], at)
                }
            };
            value = decode_attribute(raw);
            at = end;
        }
        if !attributes
            .iter()
            .any(|(n, _): &(String, String)| *n == attribute)
        {
            attributes.push((attribute, value));
        }
    }
    let tag = Tag {
        name,
        attributes,
        range: lt..at,
    };
    (tag, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tokenize(html)
            .into_iter()
            .map(|t| match t {
                Token::Start(tag) => format!("<{}>", tag.name),
                Token::End { name, .. } => format!("</{name}>"),
                Token::Text(range) => html[range].to_string(),
            })
            .collect()
    }

    #[test]
    fn tags_text_and_comments() {
        assert_eq!(
            names("<P class=a>x &amp; y<!-- <p>no --></p>a < b <3"),
            ["<p>", "x &amp; y", "</p>", "a < b <3"]
        );
        assert_eq!(
            names("<script>if (a</b) {}</script >t"),
            ["<script>", "if (a</b) {}", "</script>", "t"]
        );
        assert_eq!(
            names("<!DOCTYPE html><title>A &amp; B"),
            ["<title>", "A &amp; B"]
        );
    }

    #[test]
    fn attributes_are_decoded_and_ranges_cover_the_tag() {
        let html = r#"<meta name="author" content='Tom &amp; Jerry' data-x=1 hidden>"#;
        let Token::Start(tag) = &tokenize(html)[0] else {
            panic!()
        };
        assert_eq!(tag.attribute("content"), Some("Tom & Jerry"));
        assert_eq!(tag.attribute("data-x"), Some("1"));
        assert_eq!(tag.attribute("hidden"), Some(""));
        assert_eq!(tag.range, 0..html.len());
    }

    #[test]
    fn unterminated_constructs_end_at_the_end() {
        assert_eq!(names("a<!-- never closed"), ["a"]);
        assert_eq!(names("<p title=\"open"), ["<p>"]);
        assert_eq!(names("<style>p{}"), ["<style>", "p{}"]);
    }
}
