//! The one kind of offset map: a text derived from another (a document's
//! display text from its file, a normalized copy from a text) and, for
//! every byte of it, the bytes of the source it comes from.

use std::ops::Range;

/// Maps a derived text's bytes back to its source's bytes, and source
/// offsets forward. The map is monotonic: later derived bytes never come
/// from earlier source bytes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct OffsetMap {
    /// In stretches sorted by `at` (and so by `origin`).
    pieces: Vec<Piece>,
    derived_len: usize,
    source_len: usize,
}

/// A stretch of the derived text and where it comes from. Most of a text
/// is copied as it is, so a few pieces map a whole text where a map per
/// byte took 16 bytes of memory per byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Piece {
    /// Its first byte in the derived text.
    at: usize,
    /// The source byte its first byte comes from.
    origin: usize,
    /// `None`: copied, byte `k` of the piece comes from source byte
    /// `origin + k` alone. `Some(len)`: every byte of the piece comes from
    /// the source bytes `origin..origin + len` together (a folded char, an
    /// entity, a tag that became a line break).
    from_span: Option<usize>,
}

impl OffsetMap {
    /// The map of a text copied whole from its source.
    pub fn identity(len: usize) -> Self {
        let whole = Piece {
            at: 0,
            origin: 0,
            from_span: None,
        };
        OffsetMap {
            pieces: if len == 0 { Vec::new() } else { vec![whole] },
            derived_len: len,
            source_len: len,
        }
    }

    /// The source bytes from the first to the last char that produced
    /// `derived`; an empty range maps to an empty range at its position.
    pub fn source_range(&self, derived: Range<usize>) -> Range<usize> {
        let start = if derived.start < self.derived_len {
            self.origin(derived.start).start
        } else {
            self.source_len
        };
        let last = derived.end.min(self.derived_len);
        if last <= derived.start {
            return start..start;
        }
        start..self.origin(last - 1).end
    }

    /// The first derived byte produced at or after source byte `source`.
    pub fn derived_offset(&self, source: usize) -> usize {
        let next = self.pieces.partition_point(|p| p.origin < source);
        if let Some(before) = next.checked_sub(1) {
            let piece = self.pieces[before];
            let len = self.piece_end(before) - piece.at;
            if piece.from_span.is_none() && piece.origin + len > source {
                return piece.at + (source - piece.origin);
            }
        }
        self.pieces.get(next).map_or(self.derived_len, |p| p.at)
    }

    /// The derived bytes showing the source bytes `source`: what was
    /// dropped at its edges left out.
    pub fn derived_range(&self, source: &Range<usize>) -> Range<usize> {
        let start = self.derived_offset(source.start);
        start..self.derived_offset(source.end).max(start)
    }

    /// The source bytes that produced derived byte `byte` (< derived length).
    fn origin(&self, byte: usize) -> Range<usize> {
        let piece = self.pieces[self.pieces.partition_point(|p| p.at <= byte) - 1];
        match piece.from_span {
            None => {
                let origin = piece.origin + (byte - piece.at);
                origin..origin + 1
            }
            Some(len) => piece.origin..piece.origin + len,
        }
    }

    /// Whether the map fits a derived text of `derived_len` bytes and a
    /// source of `source_len`, in order and in bounds (a map read back from
    /// a cache file is checked before use).
    pub fn fits(&self, derived_len: usize, source_len: usize) -> bool {
        let in_order = self
            .pieces
            .windows(2)
            .all(|w| w[0].at < w[1].at && w[0].origin <= w[1].origin);
        let in_bounds = self.pieces.iter().enumerate().all(|(i, p)| {
            let len = self.piece_end(i).saturating_sub(p.at);
            let source_end = p.origin + p.from_span.unwrap_or(len);
            p.at < derived_len.max(1) && source_end <= source_len
        });
        let starts_at_zero = self.pieces.first().is_none_or(|p| p.at == 0);
        self.derived_len == derived_len
            && self.source_len == source_len
            && in_order
            && in_bounds
            && starts_at_zero
            && (derived_len == 0 || !self.pieces.is_empty())
    }

    fn piece_end(&self, index: usize) -> usize {
        self.pieces
            .get(index + 1)
            .map_or(self.derived_len, |next| next.at)
    }
}

/// Builds a derived text and its map, appending in source order.
#[derive(Debug, Default)]
pub struct MapBuilder {
    pub text: String,
    pieces: Vec<Piece>,
}

impl MapBuilder {
    pub fn with_capacity(capacity: usize) -> Self {
        MapBuilder {
            text: String::with_capacity(capacity),
            pieces: Vec::new(),
        }
    }

    /// Appends `s`, every byte of which comes from the source bytes `origin`.
    pub fn emit(&mut self, s: &str, origin: Range<usize>) {
        if s.is_empty() {
            return;
        }
        if s.len() == 1 && origin.len() == 1 {
            // One byte from one byte maps like a copied byte.
            return self.copy(s, origin.start);
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            origin: origin.start,
            from_span: Some(origin.len()),
        });
        self.text.push_str(s);
    }

    /// Appends `s`, whose byte `k` comes from source byte `origin + k`.
    pub fn copy(&mut self, s: &str, origin: usize) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        let continues = self
            .pieces
            .last()
            .is_some_and(|last| last.from_span.is_none() && last.origin + (at - last.at) == origin);
        if !continues {
            self.pieces.push(Piece {
                at,
                origin,
                from_span: None,
            });
        }
        self.text.push_str(s);
    }

    /// The derived text and its map to a source of `source_len` bytes.
    pub fn finish(self, source_len: usize) -> (String, OffsetMap) {
        let derived_len = self.text.len();
        (
            self.text,
            OffsetMap {
                pieces: self.pieces,
                derived_len,
                source_len,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_and_folded_stretches_map_both_ways() {
        // "a &amp; b" shown as "a & b": the `&` comes from the whole entity.
        let source = "a &amp; b";
        let mut b = MapBuilder::with_capacity(8);
        b.copy("a ", 0);
        b.emit("&", 2..7);
        b.copy(" b", 7);
        let (text, map) = b.finish(source.len());
        assert_eq!(text, "a & b");
        assert_eq!(map.source_range(2..3), 2..7);
        assert_eq!(map.source_range(0..5), 0..9);
        assert_eq!(map.source_range(3..5), 7..9);
        assert_eq!(map.derived_offset(2), 2);
        assert_eq!(
            map.derived_offset(4),
            3,
            "inside the entity: the next shown byte"
        );
        assert_eq!(map.derived_range(&(2..9)), 2..5);
        assert_eq!(map.source_range(5..5), 9..9);
    }

    #[test]
    fn the_identity_maps_every_byte_to_itself() {
        let map = OffsetMap::identity(5);
        assert_eq!(map.source_range(1..4), 1..4);
        assert_eq!(map.derived_range(&(2..5)), 2..5);
        assert_eq!(OffsetMap::identity(0).derived_offset(0), 0);
    }
}
