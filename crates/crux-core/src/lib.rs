//! crux-core: the claims model and everything that works on it without a
//! terminal — loading and anchoring, the relation graph, diagnostics,
//! format-preserving edits, fixes, reports, exports and imports. The `crux`
//! binary crate puts the CLI, the terminal UI and the file watcher on top.

pub mod anchor;
pub mod beside;
pub mod describe;
pub mod diag;
pub mod document;
pub mod edit;
pub mod export;
pub mod filter;
pub mod fix;
pub mod graph;
pub mod hooks;
pub mod ids;
pub mod import;
pub mod init;
pub mod ix;
pub mod load;
pub mod model;
pub mod output;
pub mod pdf;
pub mod report;
pub mod shared_text;
pub mod text;
pub mod when;

pub use load::{load, load_str};
pub use model::Dataset;
