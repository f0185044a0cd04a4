//! crux: track the claims a set of documents make and where they contradict
//! each other. The pure core is the `crux-core` crate, re-exported here so
//! `crux::model`, `crux::load` and the rest keep their paths; this crate adds
//! the front ends that need a terminal or a file watcher.

pub use crux_core::*;

pub mod lsp;
pub mod tui;
pub mod watch;
