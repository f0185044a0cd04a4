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
mod timeline;

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
        Format::Json => json::render(report),
    }
}

pub fn default_file_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "crux-report.md",
        Format::Html => "crux-report.html",
        Format::Json => "crux-report.json",
    }
}
