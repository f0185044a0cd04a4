//! Every occurrence of many patterns in one pass over a text.
//!
//! An Aho-Corasick automaton in overlapping mode gets no prefilter and walks
//! the text byte by byte; most quotes are long, so instead the text is
//! searched once for the patterns' first 8 bytes, and only where one occurs
//! are the patterns that start that way compared. Up to a few dozen
//! distinct first 8 bytes (a document's quotes, as a rule), that search is
//! a SIMD one (Teddy, from `aho-corasick`'s packed searchers); beyond, an
//! 8-byte window's hash is tested against a bitmap of them at every byte.
//! Patterns shorter than the window go through one automaton pass.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::packed::{self, MatchKind};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Span};

const WINDOW: usize = 8;
const BITMAP_BITS: u32 = 16;

/// Up to this many long patterns, each is looked for with its own SIMD
/// substring search instead: each such pass costs a small fraction of the
/// window scan's per-byte work, so a few passes are still cheaper than one
/// scan, and on a long document (one quote in 200 MB) far cheaper.
const SEARCHED_ONE_BY_ONE: usize = 4;

/// For each pattern, every place it occurs, overlapping ones included, in
/// text order. Empty patterns occur nowhere.
pub fn find_all(haystack: &[u8], patterns: &[&[u8]]) -> Vec<Vec<Range<usize>>> {
    let mut found = vec![Vec::new(); patterns.len()];
    let (long, short): (Vec<usize>, Vec<usize>) = (0..patterns.len())
        .filter(|&i| !patterns[i].is_empty())
        .partition(|&i| patterns[i].len() >= WINDOW);
    if long.len() <= SEARCHED_ONE_BY_ONE {
        search_each(haystack, patterns, &long, &mut found);
    } else {
        scan_windows(haystack, patterns, &long, &mut found);
    }
    scan_automaton(haystack, patterns, &short, &mut found);
    found
}

fn search_each(
    haystack: &[u8],
    patterns: &[&[u8]],
    ids: &[usize],
    found: &mut [Vec<Range<usize>>],
) {
    for &id in ids {
        let pattern = patterns[id];
        let finder = memchr::memmem::Finder::new(pattern);
        // Overlapping occurrences too: each search starts one byte past
        // the last one found.
        let mut from = 0;
        while let Some(at) = finder.find(&haystack[from..]) {
            let start = from + at;
            found[id].push(start..start + pattern.len());
            from = start + 1;
        }
    }
}

fn window_key(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes[..WINDOW].try_into().expect("a full window"))
}

fn bit_of(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITMAP_BITS)) as usize
}

fn scan_windows(
    haystack: &[u8],
    patterns: &[&[u8]],
    ids: &[usize],
    found: &mut [Vec<Range<usize>>],
) {
    if ids.is_empty() || haystack.len() < WINDOW {
        return;
    }
    let mut starting_with: HashMap<u64, Vec<usize>> = HashMap::new();
    for &id in ids {
        starting_with
            .entry(window_key(patterns[id]))
            .or_default()
            .push(id);
    }
    let mut compare_at = |start: usize| {
        let key = window_key(&haystack[start..]);
        for &id in starting_with.get(&key).map_or(&[][..], Vec::as_slice) {
            if haystack[start..].starts_with(patterns[id]) {
                found[id].push(start..start + patterns[id].len());
            }
        }
    };
    let keys: Vec<[u8; WINDOW]> = starting_with.keys().map(|key| key.to_le_bytes()).collect();
    let searcher = packed::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .builder()
        .extend(&keys)
        .build();
    if let Some(searcher) = searcher {
        // Two keys never start at one place: restarting one byte after
        // each start finds every start, overlapping ones included.
        let mut from = 0;
        while let Some(hit) = searcher.find_in(haystack, Span::from(from..haystack.len())) {
            compare_at(hit.start());
            from = hit.start() + 1;
        }
        return;
    }
    let mut bitmap = vec![0u64; (1 << BITMAP_BITS) / 64];
    for key in &keys {
        let bit = bit_of(window_key(key));
        bitmap[bit / 64] |= 1 << (bit % 64);
    }
    for (start, window) in haystack.windows(WINDOW).enumerate() {
        let bit = bit_of(window_key(window));
        if bitmap[bit / 64] & (1 << (bit % 64)) != 0 {
            compare_at(start);
        }
    }
}

fn scan_automaton(
    haystack: &[u8],
    patterns: &[&[u8]],
    ids: &[usize],
    found: &mut [Vec<Range<usize>>],
) {
    if ids.is_empty() {
        return;
    }
    let short: Vec<&[u8]> = ids.iter().map(|&id| patterns[id]).collect();
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&short)
        .expect("a handful of patterns shorter than eight bytes always builds");
    for hit in automaton.find_overlapping_iter(haystack) {
        found[ids[hit.pattern().as_usize()]].push(hit.range());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_and_repeated_matches_are_all_found_in_order() {
        let text = b"aaaa drones struck; drones struck Nakhchivan; drones";
        let patterns: [&[u8]; 4] = [b"drones struck", b"struck Nakhchivan", b"aa", b""];
        let found = find_all(text, &patterns);
        assert_eq!(found[0], [5..18, 20..33]);
        assert_eq!(found[1], vec![Range { start: 27, end: 44 }]);
        assert_eq!(found[2], [0..2, 1..3, 2..4]);
        assert!(found[3].is_empty());
    }

    proptest::proptest! {
        #[test]
        fn searching_one_by_one_finds_what_the_window_scan_finds(
            text in "[ab]{0,200}",
            patterns in proptest::collection::vec("[ab]{8,12}", 1..=SEARCHED_ONE_BY_ONE),
        ) {
            let patterns: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
            let ids: Vec<usize> = (0..patterns.len()).collect();
            let mut scanned = vec![Vec::new(); patterns.len()];
            scan_windows(text.as_bytes(), &patterns, &ids, &mut scanned);
            proptest::prop_assert_eq!(find_all(text.as_bytes(), &patterns), scanned);
        }
    }

    #[test]
    fn a_pattern_at_the_very_end_and_a_text_shorter_than_the_window_work() {
        let found = find_all(
            b"xx the end",
            &[b"the end".as_slice(), b"xx the end".as_slice()],
        );
        assert_eq!(
            (found[0].as_slice(), found[1].as_slice()),
            (
                &[Range { start: 3, end: 10 }][..],
                &[Range { start: 0, end: 10 }][..]
            )
        );
        assert!(find_all(b"short", &[b"longer than it".as_slice()])[0].is_empty());
    }
}
