//! `crux check`: every problem in the claims file, compiler style.

use std::io::Write;
use std::process::ExitCode;

use super::{CheckArgs, CheckFormat};
use crate::cli::display_path;
use crux::diag::{render_human, render_json_line};

pub(super) fn run(args: &CheckArgs) -> ExitCode {
    let dataset = crux::load::load_letting_documents_go(&args.file);
    let path = display_path(&args.file);
    let errors = dataset.error_count();
    let warnings = dataset.warning_count();
    match args.format {
        CheckFormat::Json => {
            let mut out = std::io::stdout().lock();
            for d in &dataset.diagnostics {
                let _ = writeln!(
                    out,
                    "{}",
                    render_json_line(d, &path, &dataset.text, &dataset.lines)
                );
            }
        }
        CheckFormat::Human => {
            let color = args.color.enabled_for_stderr();
            let mut err = std::io::stderr().lock();
            for d in &dataset.diagnostics {
                let _ = writeln!(
                    err,
                    "{}\n",
                    render_human(d, &path, &dataset.text, &dataset.lines, color)
                );
            }
            let _ = writeln!(err, "{}", summary(&path, &dataset, errors, warnings));
        }
    }
    // The process ends here, as `report`'s does: freeing the dataset's
    // allocations one by one would only add to its run time.
    std::mem::forget(dataset);
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(path: &str, dataset: &crux::Dataset, errors: usize, warnings: usize) -> String {
    let counts = format!(
        "{} claims, {} topics, {} sources, {} relations",
        dataset.claims.len(),
        dataset.topics.len(),
        dataset.sources.len(),
        dataset.relations.len()
    );
    match (errors, warnings) {
        (0, 0) => format!("{path}: ok ({counts})"),
        (0, w) => format!("{path}: {w} warning(s) ({counts})"),
        (e, w) => format!("{path}: {e} error(s), {w} warning(s) ({counts})"),
    }
}
