//! `crux export`: the claims in another tool's format.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Filter, load_readable};
use crux::export::{self, Format, Publisher};
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
    /// claimreview: the page the reviews are published on (each review's url
    /// is this page with the claim id as its anchor).
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,
    /// claimreview: the organisation that publishes the reviews.
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// W3C Web Annotation Data Model: an AnnotationCollection in JSON-LD.
    W3c,
    /// Argdown: one statement per claim, grouped by topic, one relation per link.
    Argdown,
    /// schema.org ClaimReview JSON-LD for the reviewed claims (needs --review-url and --reviewer).
    Claimreview,
    /// A Graphviz graph: claims clustered by topic, one edge per link, styled by kind.
    Dot,
}

pub(super) fn run(args: &ExportArgs) -> ExitCode {
    let Some(dataset) = load_readable(&args.file) else {
        return ExitCode::from(1);
    };
    if let Some(error) = super::filters::unknown_id(&args.filter, &dataset) {
        eprintln!("{error}");
        return ExitCode::from(2);
    }
    let graph = &dataset.graph;
    let filter = args.filter.to_claim_filter(args.contradictions_only);
    let format = match args.format {
        ExportFormat::W3c => Format::W3c,
        ExportFormat::Argdown => Format::Argdown,
        ExportFormat::Dot => Format::Dot,
        ExportFormat::Claimreview => match publisher(args) {
            Ok(publisher) => Format::ClaimReview(publisher),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::from(2);
            }
        },
    };
    let exported = export::export(&dataset, graph, &filter, &format);
    for note in &exported.notes {
        eprintln!("note: {}", visible_line(note));
    }
    super::report::emit(&dataset, args.output.as_deref(), &exported.text, "export")
}

/// Who publishes ClaimReviews and where: required, never made up.
fn publisher(args: &ExportArgs) -> Result<Publisher, String> {
    let url = args
        .review_url
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let name = args.reviewer.as_deref().map(str::trim).unwrap_or_default();
    if url.is_empty() || name.is_empty() {
        return Err("error: --format claimreview needs --review-url and --reviewer\n  \
             help: give the page the fact checks are published on and who publishes them, \
             e.g. --review-url https://example.org/fact-checks/drones --reviewer \"Example Fact Check\""
            .to_string());
    }
    let web = ["https://", "http://"]
        .iter()
        .any(|scheme| url.len() > scheme.len() && url[..scheme.len()].eq_ignore_ascii_case(scheme));
    if !web || url.contains(['#', ' ']) || url.chars().any(char::is_control) {
        return Err(format!(
            "error: --review-url: `{}` is not the web address of a page\n  \
             help: give an http:// or https:// address without a #fragment: \
             each review gets the claim id as its anchor",
            visible_line(url)
        ));
    }
    Ok(Publisher {
        url: url.to_string(),
        name: name.to_string(),
    })
}
