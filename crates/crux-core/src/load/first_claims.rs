//! The first claims of a large claims file, shown while the whole file is
//! read on another thread. The file up to a `[claims.ID]` header some way
//! into its claims is a claims file of its own: the sources, topics,
//! parties and periods declared before the claims, and the first claims
//! whole.

use std::path::Path;

use super::parse;
use crate::diag::Code;
use crate::model::Dataset;
use crate::shared_text::SharedText;

/// Smaller files are read whole before anything is shown: that takes a
/// few tens of milliseconds.
const FROM_BYTES: usize = 512 * 1024;

/// About how much of the claims the first ones take: a hundred or so,
/// more than a screen shows.
const FIRST_CLAIMS_BYTES: usize = 64 * 1024;

/// The claims file as first read.
pub enum Begun {
    /// Read and checked whole, as [`super::without_documents`] does: a small
    /// file, or one that cannot be read.
    Whole(Box<Dataset>),
    /// A large file, to be read whole (by [`super::str_without_documents`]
    /// of its text, on another thread, say) while its first claims are
    /// shown.
    Large(LargeFile),
}

pub struct LargeFile {
    pub text: SharedText,
    /// Where its first claims end: before a `[claims.ID]` header.
    cut: usize,
}

/// Reads the claims file at `path`, and checks it unless it is large.
pub fn begin(path: &Path) -> Begun {
    let text: SharedText = match super::read_claims_file(path) {
        Ok(text) => text.into(),
        Err(diagnostic) => return Begun::Whole(Box::new(super::only(path, diagnostic))),
    };
    let cut = if text.len() >= FROM_BYTES {
        parse::claim_table_after(&text, FIRST_CLAIMS_BYTES)
    } else {
        None
    };
    match cut {
        Some(cut) => Begun::Large(LargeFile { text, cut }),
        None => Begun::Whole(Box::new(super::str_without_documents(path, text))),
    }
}

impl LargeFile {
    /// Its first claims with what is declared before them, as read from
    /// `path`; `None` when they do not parse on their own. The dataset has
    /// no diagnostics: the rest of the file may resolve a link or a name
    /// they would report. Its text is the part read.
    pub fn first_claims(&self, path: &Path) -> Option<Dataset> {
        let mut first = super::str_without_documents(path, &self.text[..self.cut]);
        if first.diagnostics.iter().any(|d| d.code == Code::TomlSyntax) {
            return None;
        }
        first.diagnostics.clear();
        Some(first)
    }
}

#[cfg(test)]
#[path = "first_claims_tests.rs"]
mod tests;
