//! Any bytes as a claims file: loading, checking, rendering the diagnostics
//! and building every report must not panic.
#![no_main]

use std::path::Path;

use crux_core::diag::{render_human, render_json_line};
use crux_core::report::{Format, ReportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // No such directory: sources are never found, so runs do not depend on the disk.
    let dataset = crux_core::load_str(Path::new("/nonexistent-crux-fuzz/claims.toml"), text.into());
    for d in &dataset.diagnostics {
        render_human(d, "claims.toml", &dataset.text, &dataset.lines, true);
        render_json_line(d, "claims.toml", &dataset.text, &dataset.lines);
    }
    let graph = crux_core::graph::Graph::new(&dataset);
    let report = crux_core::report::build(&dataset, &graph, &ReportOptions::default());
    for format in [Format::Markdown, Format::Html, Format::Json] {
        crux_core::report::render(&report, format);
    }
});
