//! Character references (`&amp;`, `&#8217;`, `&rsquo;`), decoded as the
//! HTML tokenizer does, with the byte range each one takes in the file.
//! The table of names is the HTML standard's, from `web_atoms` (servo's).

use std::ops::Range;

/// Each character reference of text `raw`: its byte range and what it stands for.
pub fn references(raw: &str) -> Vec<(Range<usize>, String)> {
    references_in(raw, false)
}

fn references_in(raw: &str, attribute: bool) -> Vec<(Range<usize>, String)> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'&', &bytes[at..]) {
        let amp = at + offset;
        match reference(raw, amp, attribute) {
            Some((end, decoded)) => {
                found.push((amp..end, decoded));
                at = end;
            }
            None => at = amp + 1,
        }
    }
    found
}

/// Text `raw` with its character references decoded.
pub fn decode(raw: &str) -> String {
    decode_in(raw, false)
}

/// An attribute value with its character references decoded: a legacy
/// name without `;` followed by a letter, digit or `=` is left as it is
/// (`?a=1&copy=2` is a URL, not a copyright sign).
pub fn decode_attribute(raw: &str) -> String {
    decode_in(raw, true)
}

fn decode_in(raw: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut from = 0;
    for (range, decoded) in references_in(raw, attribute) {
        out.push_str(&raw[from..range.start]);
        out.push_str(&decoded);
        from = range.end;
    }
    out.push_str(&raw[from..]);
    out
}

/// The reference starting at `amp` (a `&`): where it ends and its text.
fn reference(raw: &str, amp: usize, attribute: bool) -> Option<(usize, String)> {
    let rest = &raw.as_bytes()[amp + 1..];
    if rest.first() == Some(&b'#') {
        let hex = matches!(rest.get(1), Some(b'x' | b'X'));
        let digits_from = if hex { 2 } else { 1 };
        let digits = rest[digits_from..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let text = &raw[amp + 1 + digits_from..amp + 1 + digits_from + digits];
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let mut end = amp + 1 + digits_from + digits;
        if raw.as_bytes().get(end) == Some(&b';') {
            end += 1;
        }
        return Some((end, numeric(value).to_string()));
    }
    let name_len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &raw[amp + 1..amp + 1 + name_len];
    let with_semicolon = rest.get(name_len) == Some(&b';');
    if with_semicolon && let Some(text) = named(&format!("{name};")) {
        return Some((amp + 2 + name_len, text));
    }
    // The legacy names (`&amp`, `&copy`, ...) count without their `;`,
    // the longest that fits.
    let (len, text) = (1..=name_len)
        .rev()
        .find_map(|len| named(&name[..len]).map(|text| (len, text)))?;
    let next = rest.get(len).copied();
    if attribute && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
        return None;
    }
    Some((amp + 1 + len, text))
}

fn named(key: &str) -> Option<String> {
    let &(first, second) = web_atoms::NAMED_ENTITIES.get(key)?;
    let first = char::from_u32(first).filter(|_| first != 0)?;
    let mut text = first.to_string();
    text.extend(char::from_u32(second).filter(|_| second != 0));
    Some(text)
}

/// The char a numeric reference stands for, with the tokenizer's repairs.
fn numeric(value: u32) -> char {
    const WINDOWS_1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match value {
        0 => '\u{fffd}',
        0x80..=0x9f => WINDOWS_1252[(value - 0x80) as usize],
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_legacy_references() {
        assert_eq!(
            decode("Tom &amp; Jerry&rsquo;s &#8220;x&#x201D; &copy 2026 &notit; a&b &#; &bogus;"),
            "Tom & Jerry’s “x” © 2026 ¬it; a&b &#; &bogus;"
        );
        assert_eq!(decode("&#150;&#0;&#x110000;"), "–\u{fffd}\u{fffd}");
        assert_eq!(decode("&nbsp;&NotEqualTilde;"), "\u{a0}≂\u{338}");
        assert_eq!(decode_attribute("?a=1&copy=2&amp;b"), "?a=1&copy=2&b");
    }

    #[test]
    fn each_reference_has_its_bytes() {
        let raw = "a &amp; b&#233;";
        let found = references(raw);
        assert_eq!(found, [(2..7, "&".to_string()), (9..15, "é".to_string())]);
    }
}
