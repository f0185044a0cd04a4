//! crux: track the claims a set of documents make and where they contradict
//! each other. This crate is the pure core; the terminal UI lives in `tui`.

pub mod anchor;
pub mod describe;
pub mod diag;
pub mod edit;
pub mod export;
pub mod filter;
pub mod fix;
pub mod graph;
pub mod ids;
pub mod import;
pub mod init;
pub mod load;
pub mod lsp;
pub mod model;
pub mod output;
pub mod report;
pub mod text;
pub mod tui;
pub mod watch;
pub mod when;

pub use load::{load, load_str};
pub use model::Dataset;
