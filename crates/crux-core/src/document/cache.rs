//! Extractions kept between runs, by content: a page read again costs a
//! file read, not a parse. Kept under `$XDG_CACHE_HOME/crux` (else
//! `~/.cache/crux`), never next to the documents. A cache that cannot be
//! read or written only means extracting again; an entry that does not fit
//! its document is ignored.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Extracted, Format};

/// Changes whenever an extractor's output may change, so old entries are
/// not used.
const EXTRACTOR_VERSION: &str = "html-1 pdf-2";

/// The cache directory, when the environment names a home for it.
pub fn directory() -> Option<PathBuf> {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from("XDG_CACHE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| from("HOME").map(|home| home.join(".cache")))
        .map(|cache| cache.join("crux"))
}

/// The entry of a document of `format` whose file holds `content`.
fn entry(dir: &Path, format: Format, content: &[u8]) -> PathBuf {
    let mut hash = Sha256::new();
    hash.update(EXTRACTOR_VERSION.as_bytes());
    hash.update([format as u8]);
    hash.update(content);
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hex}.json"))
}

pub fn load(dir: &Path, format: Format, content: &[u8]) -> Option<Extracted> {
    let bytes = std::fs::read(entry(dir, format, content)).ok()?;
    let extracted: Extracted = serde_json::from_slice(&bytes).ok()?;
    // A PDF's original is its extracted text, not its bytes.
    let original_len = match format {
        Format::Pdf => extracted.text.len(),
        Format::LightMarkup | Format::Html => content.len(),
    };
    fits(&extracted, original_len).then_some(extracted)
}

/// Stores an extraction; failing to is not an error.
pub fn store(dir: &Path, format: Format, content: &[u8], extracted: &Extracted) {
    let Ok(json) = serde_json::to_vec(extracted) else {
        return;
    };
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut file, &json)?;
        file.persist(entry(dir, format, content))?;
        Ok(())
    };
    let _ = write();
}

/// Whether every range of `extracted` lies on char boundaries of its
/// text, and its map fits the text and `original`.
fn fits(extracted: &Extracted, original_len: usize) -> bool {
    let text = &extracted.text;
    let on_text = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    extracted.map.fits(text.len(), original_len)
        && extracted.blocks.iter().all(|b| on_text(&b.range))
        && extracted.emphasis.iter().all(|(r, _)| on_text(r))
        && extracted.pages.iter().all(on_text)
        && extracted.pages.windows(2).all(|w| w[0].end <= w[1].start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::html;

    const PAGE: &str =
        "<article><h1>T</h1><p>Some words, enough of them to be an article.</p></article>";

    #[test]
    fn an_entry_is_found_for_the_same_content_only() {
        let dir = tempfile::tempdir().unwrap();
        let extracted = html::extract(PAGE).unwrap();
        assert!(load(dir.path(), Format::Html, PAGE.as_bytes()).is_none());
        store(dir.path(), Format::Html, PAGE.as_bytes(), &extracted);
        let back = load(dir.path(), Format::Html, PAGE.as_bytes()).unwrap();
        assert_eq!(back.text, extracted.text);
        assert_eq!(back.blocks, extracted.blocks);
        let changed = PAGE.replace("Some", "Many");
        assert!(load(dir.path(), Format::Html, changed.as_bytes()).is_none());
    }

    #[test]
    fn a_damaged_entry_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut extracted = html::extract(PAGE).unwrap();
        extracted.blocks[0].range = 0..10_000;
        store(dir.path(), Format::Html, PAGE.as_bytes(), &extracted);
        assert!(load(dir.path(), Format::Html, PAGE.as_bytes()).is_none());
        std::fs::write(
            entry(dir.path(), Format::Html, PAGE.as_bytes()),
            "{ not json",
        )
        .unwrap();
        assert!(load(dir.path(), Format::Html, PAGE.as_bytes()).is_none());
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        let extracted = html::extract(PAGE).unwrap();
        store(
            &file.join("crux"),
            Format::Html,
            PAGE.as_bytes(),
            &extracted,
        );
        assert!(load(&file.join("crux"), Format::Html, PAGE.as_bytes()).is_none());
    }
}
