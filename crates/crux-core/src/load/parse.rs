//! The claims file parsed on every core. A large file is cut before
//! `[claims.ID]` headers into pieces that the cores parse in turn, each
//! piece's places then moved to where it starts in the file, and the
//! pieces' claims are put together. When that could differ from parsing
//! the file whole (a syntax error, a claim defined in two pieces, anything
//! but claims after the first cut), the file is parsed whole instead, so
//! the result is always that of the whole parse.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use toml::Spanned;
use toml::de::{DeTable, DeValue, Error};

/// Below this a file is parsed whole: a thread costs more than it saves.
const SPLIT_BYTES: usize = 512 * 1024;

/// About how long a piece is. The parser's tokens and events take about
/// ten times the text they come from, and a piece's are freed once it is
/// parsed, so the pieces are small enough for only those being parsed to
/// hold them.
const PIECE_BYTES: usize = 1024 * 1024;

/// The toml parser recurses once per nesting level; a thread of its own
/// gets the stack the main thread would have given it.
const STACK_BYTES: usize = 8 * 1024 * 1024;

const CLAIM_HEADER: &[u8] = b"\n[claims.";

/// `text` parsed as [`DeTable::parse_recoverable`] parses it, on as many
/// cores as help.
pub fn parse(text: &str) -> (Spanned<DeTable<'_>>, Vec<Error>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || text.len() < SPLIT_BYTES {
        return DeTable::parse_recoverable(text);
    }
    parse_in(text, (text.len() / PIECE_BYTES).max(cores), cores)
}

/// [`parse`] in at most `pieces` pieces on `threads` threads.
fn parse_in(text: &str, pieces: usize, threads: usize) -> (Spanned<DeTable<'_>>, Vec<Error>) {
    let cuts = cuts(text, pieces);
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain([text.len()]);
    let pieces: Vec<Range<usize>> = starts.zip(ends).map(|(s, e)| s..e).collect();
    if pieces.len() < 2 {
        return DeTable::parse_recoverable(text);
    }
    match parse_pieces(text, &pieces, threads).and_then(put_together) {
        Some(root) => (root, Vec::new()),
        None => DeTable::parse_recoverable(text),
    }
}

/// Each piece of `text` parsed, in order, its places those in `text`;
/// `None` when one has a syntax error.
fn parse_pieces<'i>(
    text: &'i str,
    pieces: &[Range<usize>],
    threads: usize,
) -> Option<Vec<Spanned<DeTable<'i>>>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut parsed = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(n) else {
                break;
            };
            let (root, errors) = DeTable::parse_recoverable(&text[piece.clone()]);
            if !errors.is_empty() {
                failed.store(true, Ordering::Relaxed);
                break;
            }
            parsed.push((n, moved_table(root, piece.start)));
        }
        parsed
    };
    let mut parsed = std::thread::scope(|scope| {
        // A thread that cannot start leaves its pieces to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                crate::beside::named_like_this_one()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut parsed = work();
        for helper in helpers {
            parsed.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        parsed
    });
    if failed.into_inner() {
        return None;
    }
    parsed.sort_unstable_by_key(|(n, _)| *n);
    Some(parsed.into_iter().map(|(_, root)| root).collect())
}

/// The first piece with the claims of the others added; `None` when that
/// may not be what the whole parse gives.
fn put_together(pieces: Vec<Spanned<DeTable<'_>>>) -> Option<Spanned<DeTable<'_>>> {
    let mut pieces = pieces.into_iter();
    let mut root = pieces.next()?;
    let Some(DeValue::Table(claims)) = root.get_mut().get_mut("claims").map(Spanned::get_mut)
    else {
        return None;
    };
    for piece in pieces {
        let mut entries = piece.into_inner().into_iter();
        let (key, value) = entries.next()?;
        if entries.next().is_some() || key.get_ref() != "claims" {
            return None;
        }
        let DeValue::Table(more) = value.into_inner() else {
            return None;
        };
        for (id, claim) in more {
            if claims.contains_key(id.get_ref().as_ref() as &str) {
                return None;
            }
            claims.insert(id, claim);
        }
    }
    Some(root)
}

/// A piece's table with every place in it moved `by` bytes on.
fn moved_table(table: Spanned<DeTable<'_>>, by: usize) -> Spanned<DeTable<'_>> {
    if by == 0 {
        return table;
    }
    Spanned::new(
        moved_span(table.span(), by),
        moved_entries(table.into_inner(), by),
    )
}

fn moved_entries(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    table
        .into_iter()
        .map(|(key, value)| {
            let span = moved_span(key.span(), by);
            (Spanned::new(span, key.into_inner()), moved(value, by))
        })
        .collect()
}

fn moved(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::Table(table) => DeValue::Table(moved_entries(table, by)),
        DeValue::Array(mut items) => {
            // In place: the array keeps whether it is an array of tables.
            for item in items.iter_mut() {
                let placeholder = Spanned::new(0..0, DeValue::Boolean(false));
                *item = moved(std::mem::replace(item, placeholder), by);
            }
            DeValue::Array(items)
        }
        scalar => scalar,
    };
    Spanned::new(moved_span(span, by), value)
}

fn moved_span(span: Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

/// Where to cut `text` into about `pieces` pieces: the starts of
/// `[claims.` header lines outside every string and comment, each after
/// the one before. The first piece must hold such a header itself, so that
/// `claims` is a table made by headers in it.
fn cuts(text: &str, pieces: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut lexer = Lexer { bytes, at: 0 };
    let Some(first_header) = next_header(&mut lexer, 0) else {
        return Vec::new();
    };
    let mut cuts: Vec<usize> = Vec::new();
    for i in 1..pieces {
        let after = cuts.last().copied().unwrap_or(first_header) + 1;
        match next_header(&mut lexer, (text.len() * i / pieces).max(after)) {
            Some(cut) => cuts.push(cut),
            None => break,
        }
    }
    cuts
}

/// The first `[claims.ID]` header line at least `bytes` past the first
/// `[claims.` header, outside every string and comment, that opens a claim
/// rather than a table inside one (`[claims.ID.more]`): the text before it
/// is a claims file of its own, holding whole claims.
pub(super) fn claim_table_after(text: &str, bytes: usize) -> Option<usize> {
    let mut lexer = Lexer {
        bytes: text.as_bytes(),
        at: 0,
    };
    let first = next_header(&mut lexer, 0)?;
    let mut from = first + bytes;
    loop {
        let header = next_header(&mut lexer, from)?;
        let key = &text.as_bytes()[header + CLAIM_HEADER.len() - 1..];
        let end = key
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'));
        if end.is_some_and(|end| end > 0 && key[end] == b']') {
            return Some(header);
        }
        from = header + 1;
    }
}

/// The first `[claims.` header line starting at or after `from` that is
/// outside every string and comment.
fn next_header(lexer: &mut Lexer<'_>, from: usize) -> Option<usize> {
    let bytes = lexer.bytes;
    let mut search = from.saturating_sub(1);
    loop {
        let line = search + memchr::memmem::find(&bytes[search..], CLAIM_HEADER)? + 1;
        if lexer.outside_at(line) {
            return Some(line);
        }
        search = line;
    }
}

/// Just enough of TOML's lexing to tell whether a place is inside a
/// string or a comment. On text that is not valid TOML its answer may be
/// wrong; a piece then fails to parse and the file is parsed whole.
struct Lexer<'b> {
    bytes: &'b [u8],
    /// Everything before this is lexed, and it is outside strings and
    /// comments (or it is the end of the text).
    at: usize,
}

impl Lexer<'_> {
    /// Whether `place`, not before a place asked before, is outside every
    /// string and comment.
    fn outside_at(&mut self, place: usize) -> bool {
        while self.at < place {
            let Some(next) = memchr::memchr3(b'"', b'\'', b'#', &self.bytes[self.at..]) else {
                self.at = self.bytes.len();
                return true;
            };
            let start = self.at + next;
            if start >= place {
                return true;
            }
            self.at = self.end_of_token(start);
        }
        self.at == place
    }

    /// Past the string or comment starting at `start`.
    fn end_of_token(&self, start: usize) -> usize {
        let bytes = self.bytes;
        let rest = &bytes[start..];
        let quote = rest[0];
        if quote == b'#' {
            return memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| start + n);
        }
        if rest.starts_with(&[quote; 3]) {
            let body = start + 3;
            let closing = if quote == b'"' {
                closing_basic(bytes, body, true)
            } else {
                memchr::memmem::find(&bytes[body..], b"\'\'\'").map(|n| body + n)
            };
            let Some(closing) = closing else {
                return bytes.len();
            };
            // A string may end in up to two quotes of its own.
            let mut end = closing + 3;
            while end < bytes.len() && bytes[end] == quote && end < closing + 5 {
                end += 1;
            }
            return end;
        }
        let body = start + 1;
        let closing = if quote == b'"' {
            closing_basic(bytes, body, false)
        } else {
            memchr::memchr2(b'\'', b'\n', &bytes[body..]).map(|n| body + n)
        };
        closing.map_or(bytes.len(), |c| c + 1)
    }
}

/// Where the basic string whose text starts at `body` is closed: the place
/// of its (first) closing quote. A one-line string also ends at a line
/// break, an error the parse reports.
fn closing_basic(bytes: &[u8], body: usize, multiline: bool) -> Option<usize> {
    let mut at = body;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let found = at
            + if multiline {
                memchr::memchr2(b'"', b'\\', rest)?
            } else {
                memchr::memchr3(b'"', b'\\', b'\n', rest)?
            };
        match bytes[found] {
            b'\\' => at = found + 2,
            b'"' if multiline && !bytes[found..].starts_with(b"\"\"\"") => at = found + 1,
            _ => return Some(found),
        }
    }
    None
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
