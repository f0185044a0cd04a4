//! Command-line interface: argument definitions and dispatch.

mod check;
mod export;
mod filters;
mod fix;
mod import;
mod init;
mod list;
mod report;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Track the claims a set of documents make, and where they contradict each other.
#[derive(Debug, Parser)]
#[command(name = "crux", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Claims file to review in the terminal UI.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint the claims file: syntax, ids, paths, quotes and graph consistency.
    Check(CheckArgs),
    /// One line per claim, filterable.
    List(ListArgs),
    /// One claim: its text, resolved quotes and links.
    Show(ShowArgs),
    /// A report of the claims and their disputes: Markdown, HTML or JSON.
    Report(ReportArgs),
    /// Rewrite quotes that match only loosely to the exact text of their source.
    Fix(FixArgs),
    /// Write a starting claims.toml for the documents in a folder.
    Init(InitArgs),
    /// The claims in another tool's format: W3C Web Annotations, ...
    Export(export::ExportArgs),
    /// Add other tools' annotations to the claims file: W3C Web Annotations, ...
    Import(import::ImportArgs),
    /// Serve an editor as a language server on stdin/stdout: diagnostics as
    /// you type, hover, go to definition, completion, rename, code actions.
    Lsp,
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
    /// Print the changes as a diff and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Rewrite an edited quote only to a passage at least this alike
    /// (0 to 1; values below the default 0.75 do not loosen it).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    min_score: Option<f64>,
}

fn parse_score(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(score) if (0.0..=1.0).contains(&score) => Ok(score),
        _ => Err(format!("`{value}` is not a score from 0 to 1, such as 0.9")),
    }
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Folder holding the documents; claims.toml is written there.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    deny_warnings: bool,
    /// Output format: rustc-style text on stderr, or JSON lines on stdout.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn enabled_for_stderr(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }
}

/// Which claims to keep.
#[derive(Debug, Args, Default, Clone)]
struct Filter {
    /// Only claims on this topic (id).
    #[arg(long)]
    topic: Option<String>,
    /// Only claims with this review status.
    #[arg(long, value_parser = ["unreviewed", "confirmed", "disputed", "rejected"])]
    status: Option<String>,
    /// Only claims quoting this source (id).
    #[arg(long)]
    source: Option<String>,
    /// Only claims this party asserts (id).
    #[arg(long)]
    party: Option<String>,
}

impl Filter {
    fn to_claim_filter(&self, contradicted_only: bool) -> crux::filter::ClaimFilter {
        crux::filter::ClaimFilter {
            topic: self.topic.clone(),
            status: self.status.as_deref().and_then(crux::model::Status::parse),
            source: self.source.clone(),
            party: self.party.clone(),
            contradicted_only,
        }
    }
}

/// Loads the claims file; `None`, after saying why, only when the file
/// itself could not be read (a file with errors still loads what is valid).
fn load_readable(path: &std::path::Path) -> Option<crux::Dataset> {
    let dataset = crux::load(path);
    if let Some(refusal) = crux::load::refusal(&dataset) {
        eprintln!("{refusal}");
        return None;
    }
    Some(dataset)
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
    #[command(flatten)]
    filter: Filter,
    /// One JSON object per claim, as a JSON array.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// Claim id.
    id: String,
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
    /// Print the claim as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// Claims file.
    #[arg(default_value = "claims.toml")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: Filter,
    /// Only claims that contradict another claim.
    #[arg(long)]
    contradictions_only: bool,
    /// Print the generation time (without it, the same input gives the same bytes).
    #[arg(long)]
    timestamp: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// GitHub-flavoured Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
    /// JSON, schema `crux-report/3`.
    Json,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::List(args)) => list::list(&args),
        Some(Command::Show(args)) => list::show(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Fix(args)) => fix::run(&args),
        Some(Command::Init(args)) => init::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Lsp) => crux::lsp::run(),
        None => crux::tui::run(&cli.file),
    }
}

/// A path as the user gave it, made safe to print.
fn display_path(path: &std::path::Path) -> String {
    crux::text::visible_path(path)
}
