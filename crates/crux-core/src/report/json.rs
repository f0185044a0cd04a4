//! The JSON report: the model serialized as is (schema `crux-report/3`,
//! documented in `docs/REPORT-SCHEMA.md`), with C1 controls and invisible
//! characters escaped so that the file is safe to `cat`.
//!
//! It is written while it is serialized, never held whole: the source
//! matrix alone makes it some 3.5 GB on 10,000 documents. The long lists
//! are serialized a chunk at a time on two threads, written in order.

use std::io::{self, BufWriter, Write};
use std::sync::mpsc;

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Report;

/// The most written at once: a chunk serialized ahead is written in
/// pieces of this size too.
const BUFFER: usize = 1 << 16;

/// Elements of a list serialized at a time by one thread: a few hundred
/// kilobytes of claims.
const CHUNK: usize = 64;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_in_chunks(report, out, CHUNK)
}

/// The report's fields in the order `Report` declares them, as its derived
/// serialization writes them (a test holds the two to the same bytes).
fn write_in_chunks(report: &Report, out: &mut dyn Write, chunk: usize) -> io::Result<()> {
    let mut buffered = BufWriter::with_capacity(BUFFER, out);
    let mut fields = Fields::open(&mut buffered, chunk)?;
    fields.value("schema", &report.schema)?;
    fields.value("title", &report.title)?;
    fields.value("file", &report.file)?;
    fields.value("generated", &report.generated)?;
    fields.value("filter", &report.filter)?;
    fields.value("counts", &report.counts)?;
    fields.value("headline", &report.headline)?;
    fields.value("progress", &report.progress)?;
    fields.value("diagnostics", &report.diagnostics)?;
    fields.list("sources", &report.sources)?;
    fields.value("contradictions", &report.contradictions)?;
    fields.list("topics", &report.topics)?;
    fields.value("timeline", &report.timeline)?;
    fields.list("claims", &report.claims)?;
    fields.list("relations", &report.relations)?;
    fields.value("matrix", &report.matrix)?;
    fields.value("open", &report.open)?;
    fields.close()?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The report's top-level object, written a field at a time.
struct Fields<'a, W: Write> {
    out: &'a mut W,
    chunk: usize,
    first: bool,
}

/// Depth of the report's fields, and of its lists' elements.
const FIELD: usize = 1;
const ELEMENT: usize = 2;

fn serializer_at<W: Write>(out: W, depth: usize) -> serde_json::Serializer<W, TerminalSafePretty> {
    serde_json::Serializer::with_formatter(out, TerminalSafePretty::at(depth))
}

impl<'a, W: Write> Fields<'a, W> {
    fn open(out: &'a mut W, chunk: usize) -> io::Result<Self> {
        out.write_all(b"{")?;
        Ok(Fields {
            out,
            chunk,
            first: true,
        })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        TerminalSafePretty::at(FIELD).line_break(self.out, !self.first)?;
        self.first = false;
        name.serialize(&mut serializer_at(&mut *self.out, FIELD))?;
        self.out.write_all(b": ")
    }

    fn value(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        Ok(value.serialize(&mut serializer_at(&mut *self.out, FIELD))?)
    }

    /// A list whose elements are serialized on this thread and another,
    /// alternate chunks each, and written in order: at most one chunk is
    /// held in memory ahead of the one being written.
    fn list<T: Serialize + Sync>(&mut self, name: &str, items: &[T]) -> io::Result<()> {
        self.key(name)?;
        if items.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let chunk = self.chunk;
        let out = &mut *self.out;
        if items.len() <= chunk {
            elements(out, items, true)?;
        } else {
            std::thread::scope(|scope| {
                let (send, serialized) = mpsc::sync_channel(1);
                let helper = std::thread::Builder::new().spawn_scoped(scope, move || {
                    for part in items.chunks(chunk).skip(1).step_by(2) {
                        let mut bytes = Vec::new();
                        let done = elements(&mut bytes, part, false).map(|()| bytes);
                        if send.send(done).is_err() {
                            break; // The writing failed; nothing waits for the rest.
                        }
                    }
                });
                if helper.is_err() {
                    // No thread to be had: the whole list written here.
                    return elements(&mut *out, items, true);
                }
                for (n, part) in items.chunks(chunk).enumerate() {
                    if n % 2 == 0 {
                        elements(&mut *out, part, n == 0)?;
                    } else {
                        let bytes = serialized
                            .recv()
                            .map_err(|_| io::Error::other("a report thread stopped"))??;
                        for piece in bytes.chunks(BUFFER) {
                            out.write_all(piece)?;
                        }
                    }
                }
                Ok::<(), io::Error>(())
            })?;
        }
        TerminalSafePretty::at(FIELD).line_break(self.out, false)?;
        self.out.write_all(b"]")
    }

    fn close(self) -> io::Result<()> {
        if !self.first {
            TerminalSafePretty::at(0).line_break(self.out, false)?;
        }
        self.out.write_all(b"}")
    }
}

/// `items` as elements of a list of the report's fields, each after its
/// line break; `first` when they start the list.
fn elements<W: Write, T: Serialize>(mut out: W, items: &[T], first: bool) -> io::Result<()> {
    for (n, item) in items.iter().enumerate() {
        TerminalSafePretty::at(ELEMENT).line_break(&mut out, !(first && n == 0))?;
        item.serialize(&mut serializer_at(&mut out, ELEMENT))?;
    }
    Ok(())
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
    fn at(depth: usize) -> Self {
        TerminalSafePretty {
            depth,
            has_value: false,
        }
    }

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
        // Most of a report is printable ASCII, which needs no escaping:
        // checked many bytes at a time (the sanitizer goes a byte at a
        // time), it is passed through whole.
        let printable = fragment.bytes().fold(true, |printable, byte| {
            printable & (b' '..=b'~').contains(&byte)
        });
        if printable {
            return out.write_all(fragment.as_bytes());
        }
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

    /// The report of `dataset` as its derived serialization writes it,
    /// and as the writer does with lists cut into chunks of each size.
    fn assert_chunks_change_nothing(dataset: &crate::model::Dataset) {
        let report = crate::report::build(dataset, &dataset.graph, &Default::default());
        let mut whole = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut whole, TerminalSafePretty::default());
        report.serialize(&mut serializer).unwrap();
        whole.push(b'\n');
        for chunk in [1, 2, 3, 64, usize::MAX] {
            let mut chunked = Vec::new();
            write_in_chunks(&report, &mut chunked, chunk).unwrap();
            assert_eq!(
                String::from_utf8(chunked).unwrap(),
                String::from_utf8_lossy(&whole),
                "lists in chunks of {chunk}"
            );
        }
    }

    #[test]
    fn lists_written_in_chunks_read_as_the_derived_serialization() {
        let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../../claims.toml");
        assert_chunks_change_nothing(&crate::load(std::path::Path::new(shipped)));
        let hostile = "[sources.d]\npath = \"missing.txt\"\n\
            [topics.t]\nquestion = \"q\\u001b[2J\"\n\
            [claims.a]\ntopic = \"t\"\ntext = \"x\\u202e\\u0085\"\n\
            spans = [{ source = \"d\", quote = \"q\\u200b\" }]\n\
            contradicts = [\"b\"]\n\
            [claims.b]\ntopic = \"u\"\ntext = \"y\"\n";
        assert_chunks_change_nothing(&crate::load_str(
            std::path::Path::new("claims.toml"),
            hostile,
        ));
        assert_chunks_change_nothing(&crate::load_str(std::path::Path::new("claims.toml"), ""));
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
        let value = json!({ "ke\u{202e}y": "a\u{1b}[2J\u{85}b", "del": "x\u{7f}y" });
        let text = written(&value);
        assert_eq!(
            text,
            "{\n  \"del\": \"x\\u007fy\",\n  \"ke\\u202ey\": \"a\\u001b[2J\\u0085b\"\n}"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
