//! Reports: one model of what the claims say and where they clash, rendered
//! as Markdown, a self-contained HTML page, or versioned JSON.

mod build;
mod counts;
mod html;
mod json;
pub mod markdown;
mod matrix;
pub mod model;
mod open;
mod quoting;
mod timeline;

use std::io::{self, Write};

use crate::filter::ClaimFilter;
use crate::graph::Graph;
use crate::model::Dataset;

pub use model::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Which claims the report covers.
    pub filter: ClaimFilter,
    /// The generation time to print; `None` keeps the output reproducible.
    pub timestamp: Option<String>,
}

/// One report model built from the dataset and graph; each format renders it.
pub fn build(dataset: &Dataset, graph: &Graph, options: &ReportOptions) -> Report {
    build::build(dataset, graph, &options.filter, options.timestamp.clone())
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => {
            let mut out = Vec::new();
            json::write(report, &mut out).expect("writing to memory succeeds");
            String::from_utf8(out).expect("the JSON writer writes UTF-8")
        }
    }
}

/// Writes the report to `out`; the JSON report is written as it is
/// serialized, never held whole.
pub fn write(report: &Report, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        Format::Markdown | Format::Html => out.write_all(render(report, format).as_bytes()),
    }
}

pub fn default_file_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "crux-report.md",
        Format::Html => "crux-report.html",
        Format::Json => "crux-report.json",
    }
}
