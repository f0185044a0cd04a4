//! Recognising UTF-16 text, which would otherwise read as binary (its NUL
//! bytes) or as invalid UTF-8, so the user is told how to convert it.

/// How far into a file the NUL pattern of BOM-less UTF-16 is looked for.
const SAMPLE_BYTES: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16 {
    pub big_endian: bool,
    pub bom: bool,
}

/// The UTF-16 encoding `bytes` are in: from a byte-order mark, or without
/// one from mostly-Latin text's NUL in every other byte.
pub fn utf16(bytes: &[u8]) -> Option<Utf16> {
    // FF FE 00 00 is UTF-32's mark, not UTF-16's.
    if bytes.starts_with(&[0xff, 0xfe]) && !bytes.starts_with(&[0xff, 0xfe, 0, 0]) {
        return Some(Utf16 {
            big_endian: false,
            bom: true,
        });
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Some(Utf16 {
            big_endian: true,
            bom: true,
        });
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES) & !1];
    let units = sample.len() / 2;
    let nuls_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls_at(0), nuls_at(1));
    // Most characters have a NUL high byte; hardly any a NUL low byte.
    let pattern = |high: usize, low: usize| units > 0 && high * 2 >= units && low * 64 <= units;
    let big_endian = if pattern(odd, even) {
        false
    } else if pattern(even, odd) {
        true
    } else {
        return None;
    };
    reads_as_text(sample, big_endian).then_some(Utf16 {
        big_endian,
        bom: false,
    })
}

/// Whether `sample` decodes as UTF-16 to text: no control character but
/// line breaks and tabs, no broken surrogate (except one cut at the end).
fn reads_as_text(sample: &[u8], big_endian: bool) -> bool {
    let units = sample.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let decoded: Vec<_> = char::decode_utf16(units).collect();
    let whole = match decoded.split_last() {
        Some((Err(_), before)) => before,
        _ => &decoded[..],
    };
    whole.iter().all(|c| {
        c.as_ref()
            .is_ok_and(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    })
}

impl Utf16 {
    /// E.g. "UTF-16 (little-endian, with a byte-order mark)".
    pub fn describe(self) -> String {
        let order = if self.big_endian { "big" } else { "little" };
        let mark = if self.bom {
            "with a byte-order mark"
        } else {
            "no byte-order mark"
        };
        format!("UTF-16 ({order}-endian, {mark})")
    }

    /// The shell command that rewrites `file` as UTF-8 in place.
    pub fn convert_command(self, file: &str) -> String {
        let from = match (self.bom, self.big_endian) {
            // iconv reads the byte order from the mark.
            (true, _) => "UTF-16",
            (false, false) => "UTF-16LE",
            (false, true) => "UTF-16BE",
        };
        let temp = shell_word(&format!("{file}.utf8"));
        let file = shell_word(file);
        format!("iconv -f {from} -t UTF-8 {file} > {temp} && mv {temp} {file}")
    }
}

/// `text` as one shell word: as it is when that is safe, else single-quoted.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/+-,:@".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
        for unit in units {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf16_is_known_with_or_without_a_byte_order_mark() {
        let text = "The harbour closed in March, the gazette said.\n";
        for big_endian in [false, true] {
            for bom in [false, true] {
                assert_eq!(
                    utf16(&encode(text, big_endian, bom)),
                    Some(Utf16 { big_endian, bom }),
                    "big endian {big_endian}, bom {bom}"
                );
            }
        }
        // Non-Latin text has no NUL bytes; its byte-order mark tells.
        let greek = encode("Το λιμάνι έκλεισε τον Μάρτιο.", false, true);
        assert!(utf16(&greek).is_some_and(|u| u.bom && !u.big_endian));
    }

    #[test]
    fn binary_and_utf8_are_not_utf16() {
        assert_eq!(
            utf16(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00"),
            None
        );
        assert_eq!(utf16(&[0u8; 64]), None);
        assert_eq!(utf16("plain UTF-8 text, café".as_bytes()), None);
        assert_eq!(utf16(b""), None);
        assert_eq!(utf16(&[0xff, 0xfe, 0, 0, b'a', 0, 0, 0]), None, "UTF-32");
        // 16-bit samples of small values: NUL high bytes, but not text.
        let samples: Vec<u8> = (1..=200u16)
            .flat_map(|v| (v % 40 + 1).to_le_bytes())
            .collect();
        assert_eq!(utf16(&samples), None);
    }

    #[test]
    fn the_conversion_command_quotes_odd_names() {
        let le = Utf16 {
            big_endian: false,
            bom: false,
        };
        assert_eq!(
            le.convert_command("docs/a.txt"),
            "iconv -f UTF-16LE -t UTF-8 docs/a.txt > docs/a.txt.utf8 && mv docs/a.txt.utf8 docs/a.txt"
        );
        let marked = Utf16 {
            big_endian: true,
            bom: true,
        };
        assert_eq!(
            marked.convert_command("it's.txt"),
            r"iconv -f UTF-16 -t UTF-8 'it'\''s.txt' > 'it'\''s.txt.utf8' && mv 'it'\''s.txt.utf8' 'it'\''s.txt'"
        );
    }
}
