//! The JSON report: the model serialized as is (schema `crux-report/3`,
//! documented in `docs/REPORT-SCHEMA.md`), with C1 controls and invisible
//! characters escaped so that the file is safe to `cat`.
//!
//! It is written while it is serialized, never held whole: the source
//! matrix alone makes it some 3.5 GB on 10,000 documents.

use std::io::{self, BufWriter, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut buffered = BufWriter::with_capacity(1 << 16, out);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut buffered, TerminalSafePretty::default());
    report.serialize(&mut serializer)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// Two-space indentation, as `serde_json::to_string_pretty` lays JSON
/// out, byte for byte; the contents of strings pass through the terminal
/// sanitizer (everything else is ASCII punctuation, digits and spaces).
/// A line break and its indentation are one write: the matrix alone has
/// hundreds of millions of lines on a large corpus.
#[derive(Default)]
struct TerminalSafePretty {
    depth: usize,
    has_value: bool,
}

/// `,` then a line break then indentation, sliced to what is needed.
const BREAK: &[u8] = b",\n                                                                ";

impl TerminalSafePretty {
    fn line_break<W: ?Sized + Write>(&self, out: &mut W, comma: bool) -> io::Result<()> {
        let start = usize::from(!comma);
        let end = 2 + 2 * self.depth;
        if end <= BREAK.len() {
            return out.write_all(&BREAK[start..end]);
        }
        out.write_all(&BREAK[start..2])?;
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(out, false)?;
        }
        out.write_all(bracket)
    }
}

impl Formatter for TerminalSafePretty {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        crate::text::write_json_for_terminal(fragment, out)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line_break(out, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line_break(out, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn written(value: &Value) -> String {
        let mut out = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut out, TerminalSafePretty::default());
        value.serialize(&mut serializer).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout_byte_for_byte() {
        let mut deep = json!([1, { "k": [] }]);
        for _ in 0..40 {
            deep = json!({ "a": [deep, {}], "b": "x" });
        }
        let value = json!({
            "empty": [], "object": {}, "rows": [[0, 1], []],
            "deep": deep, "text": "quote \" é \\ end",
        });
        assert_eq!(
            written(&value),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn strings_keys_included_are_terminal_safe_and_read_back() {
        let value = json!({ "ke\u{202e}y": "a\u{1b}[2J\u{85}b" });
        let text = written(&value);
        assert_eq!(text, "{\n  \"ke\\u202ey\": \"a\\u001b[2J\\u0085b\"\n}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
