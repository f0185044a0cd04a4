//! The claims file parsed on every core. A large file is cut before
//! `[claims.ID]` headers into pieces parsed at the same time, each as if
//! the text before it were blank (so every span is a place in the whole
//! file), and the pieces' claims are put together. When that could differ
//! from parsing the file whole (a syntax error, a claim defined in two
//! pieces, anything but claims after the first cut), the file is parsed
//! whole instead, so the result is always that of the whole parse.

use toml::Spanned;
use toml::de::{DeTable, DeValue, Error};

/// Below this a file is parsed whole: a thread costs more than it saves.
const PIECE_BYTES: usize = 256 * 1024;

/// At most this many pieces, however many cores there are.
const MOST_PIECES: usize = 8;

/// The toml parser recurses once per nesting level; a thread of its own
/// gets the stack the main thread would have given it.
const STACK_BYTES: usize = 8 * 1024 * 1024;

const CLAIM_HEADER: &[u8] = b"\n[claims.";

/// `text` parsed as [`DeTable::parse_recoverable`] parses it, on as many
/// cores as help. `blanks` holds the pieces' copies the result borrows.
pub fn parse<'i>(text: &'i str, blanks: &'i mut Vec<String>) -> (Spanned<DeTable<'i>>, Vec<Error>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pieces = cores.min(MOST_PIECES).min(text.len() / PIECE_BYTES);
    parse_in(text, pieces, blanks)
}

/// [`parse`] in at most `pieces` pieces.
fn parse_in<'i>(
    text: &'i str,
    pieces: usize,
    blanks: &'i mut Vec<String>,
) -> (Spanned<DeTable<'i>>, Vec<Error>) {
    let cuts = if pieces > 1 {
        cuts(text, pieces)
    } else {
        Vec::new()
    };
    let Some(&first_cut) = cuts.first() else {
        return DeTable::parse_recoverable(text);
    };
    let ends = cuts.iter().skip(1).copied().chain([text.len()]);
    *blanks = cuts
        .iter()
        .zip(ends)
        .map(|(&start, end)| blanked(text, start, end))
        .collect();
    let blanks: &'i [String] = blanks;
    match parse_pieces(&text[..first_cut], blanks) {
        Some(root) => (root, Vec::new()),
        None => DeTable::parse_recoverable(text),
    }
}

/// The pieces parsed on threads of their own and put together; `None`
/// when that may not be what the whole parse gives.
fn parse_pieces<'i>(first: &'i str, rest: &'i [String]) -> Option<Spanned<DeTable<'i>>> {
    let (first, rest) = std::thread::scope(|scope| {
        let threads: Vec<_> = rest
            .iter()
            .map(|piece| {
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, || DeTable::parse_recoverable(piece))
            })
            .collect();
        let first = DeTable::parse_recoverable(first);
        let rest: Vec<_> = threads
            .into_iter()
            .map(|thread| thread.ok().and_then(|t| t.join().ok()))
            .collect();
        (first, rest)
    });
    let (mut root, errors) = first;
    if !errors.is_empty() {
        return None;
    }
    let Some(DeValue::Table(claims)) = root.get_mut().get_mut("claims").map(Spanned::get_mut)
    else {
        return None;
    };
    for piece in rest {
        let (piece, errors) = piece?;
        if !errors.is_empty() {
            return None;
        }
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

/// `text` up to `end`, with every byte before `start` a space: parsed, it
/// gives what `text[start..end]` holds at the places it has in `text`.
fn blanked(text: &str, start: usize, end: usize) -> String {
    let mut piece = " ".repeat(start);
    piece.push_str(&text[start..end]);
    piece
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
