//! The first claims of a large claims file, shown while the whole file is
//! read on another thread. The file up to a `[claims.ID]` header some way
//! into its claims is a claims file of its own: the sources, topics,
//! parties and periods declared before the claims, and the first claims
//! whole.

use std::path::Path;
use std::sync::Arc;

use super::parse;
use crate::diag::Code;
use crate::model::Dataset;

/// Smaller files are read whole before anything is shown: that takes a
/// few tens of milliseconds.
const FROM_BYTES: usize = 512 * 1024;

/// About how much of the claims the first ones take: a hundred or so,
/// more than a screen shows.
const FIRST_CLAIMS_BYTES: usize = 64 * 1024;

/// The claims file as first read.
pub enum Begun {
    /// Read and checked whole, as [`super::without_documents`] does: a small
    /// file, one that cannot be read, or one whose first claims do not
    /// parse on their own.
    Whole(Dataset),
    /// Its first claims, and the whole file's text for
    /// [`super::str_without_documents`] to read.
    FirstClaims {
        /// The first claims with what is declared before them. It has no
        /// diagnostics: the rest of the file may resolve a link or a
        /// name they would report. Its text is the part read.
        first: Dataset,
        text: Arc<str>,
    },
}

/// Reads the claims file at `path`, checking only its first claims when it
/// is large.
pub fn begin(path: &Path) -> Begun {
    let text: Arc<str> = match super::read_claims_file(path) {
        Ok(text) => text.into(),
        Err(diagnostic) => return Begun::Whole(super::only(path, diagnostic)),
    };
    match first_claims(path, &text) {
        Some(first) => Begun::FirstClaims { first, text },
        None => Begun::Whole(super::str_without_documents(path, text)),
    }
}

fn first_claims(path: &Path, text: &str) -> Option<Dataset> {
    if text.len() < FROM_BYTES {
        return None;
    }
    let cut = parse::claim_table_after(text, FIRST_CLAIMS_BYTES)?;
    let mut first = super::str_without_documents(path, &text[..cut]);
    if first.diagnostics.iter().any(|d| d.code == Code::TomlSyntax) {
        return None;
    }
    first.diagnostics.clear();
    Some(first)
}

#[cfg(test)]
#[path = "first_claims_tests.rs"]
mod tests;
