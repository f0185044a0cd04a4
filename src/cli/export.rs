//! `crux export`: the claims in another tool's format.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Filter, load_readable};
use crux::export::{self, Format};
use crux::graph::Graph;
use crux::text::visible_line;

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: std::path::PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<std::path::PathBuf>,
    #[command(flatten)]
    filter: Filter,
    /// Only claims that contradict another claim.
    #[arg(long)]
    contradictions_only: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// W3C Web Annotation Data Model: an AnnotationCollection in JSON-LD.
    W3c,
    /// Argdown: one statement per claim, grouped by topic, one relation per link.
    Argdown,
}

pub(super) fn run(args: &ExportArgs) -> ExitCode {
    let Some(dataset) = load_readable(&args.file) else {
        return ExitCode::from(1);
    };
    if let Some(error) = super::filters::unknown_id(&args.filter, &dataset) {
        eprintln!("{error}");
        return ExitCode::from(2);
    }
    let graph = Graph::new(&dataset);
    let filter = args.filter.to_claim_filter(args.contradictions_only);
    let format = match args.format {
        ExportFormat::W3c => Format::W3c,
        ExportFormat::Argdown => Format::Argdown,
    };
    let exported = export::export(&dataset, &graph, &filter, format);
    for note in &exported.notes {
        eprintln!("note: {}", visible_line(note));
    }
    super::report::emit(&dataset, args.output.as_deref(), &exported.text, "export")
}
