//! `crux fix`: rewrite quotes to the exact text of their sources.

use std::io::Write;
use std::process::ExitCode;

use super::{FixArgs, display_path, load_readable};
use crux::diag::{Code, Diagnostic, render_human};
use crux::edit::{EditError, History};
use crux::text::visible;

/// The diagnostics that say a quote is not placed exactly; any left means
/// exit 1.
const QUOTE_CODES: [Code; 4] = [
    Code::QuoteNormalized,
    Code::QuoteNotFound,
    Code::QuoteAmbiguous,
    Code::NoSuchOccurrence,
];

/// Whether `d` leaves a quote wrong or unchecked: a quote diagnostic, a
/// span naming no source, or any error at the `path` of a source a span
/// quotes (a document that cannot be read cannot confirm its quotes).
fn leaves_a_quote_problem(dataset: &crux::Dataset, d: &Diagnostic) -> bool {
    if QUOTE_CODES.contains(&d.code) || d.code == Code::UnknownSource {
        return true;
    }
    let quoted = |id: &str| {
        dataset
            .claims
            .iter()
            .any(|c| c.spans.iter().any(|span| span.source == id))
    };
    d.is_error()
        && dataset
            .sources
            .iter()
            .any(|s| d.span.as_ref() == Some(&s.path_value) && quoted(&s.id))
}

pub(super) fn run(args: &FixArgs) -> ExitCode {
    let Some(dataset) = load_readable(&args.file) else {
        return ExitCode::from(2);
    };
    let path = display_path(&args.file);
    let min_score = args.min_score.unwrap_or(crux::fix::MIN_SCORE);
    let fixes = crux::fix::plan_with(&dataset, min_score);
    let mut text = dataset.text.clone();
    let mut history = History::new();
    let mut fixed = 0;
    let mut err = std::io::stderr().lock();
    for fix in &fixes {
        let edit = fix.edit();
        let result = if args.dry_run {
            edit.apply(&text).map(Into::into)
        } else {
            history
                .apply(&args.file, edit, text.clone(), None)
                .map(|applied| applied.text)
        };
        match result {
            Ok(new) => {
                text = new;
                fixed += 1;
                let verb = if args.dry_run { "would fix" } else { "fixed" };
                let _ = writeln!(err, "{verb} {}", visible(&fix.describe()));
            }
            Err(e @ (EditError::Io(_) | EditError::Conflict { .. } | EditError::ReadOnly(_))) => {
                let _ = writeln!(err, "error: {}", visible(&e.to_string()));
                return ExitCode::from(2);
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "warning: {}: {}",
                    visible(&fix.describe()),
                    visible(&e.to_string())
                );
            }
        }
    }
    print!("{}", visible(&unified_diff(&path, &dataset.text, &text)));

    let after = crux::load_str(&args.file, text);
    let left: Vec<_> = after
        .diagnostics
        .iter()
        .filter(|d| leaves_a_quote_problem(&after, d))
        .collect();
    for d in &left {
        let _ = writeln!(
            err,
            "{}\n",
            render_human(d, &path, &after.text, &after.lines, false)
        );
    }
    let verb = if args.dry_run { "would fix" } else { "fixed" };
    let _ = writeln!(
        err,
        "{path}: {verb} {fixed} quote(s), {} left to fix by hand",
        left.len()
    );
    // A dry run fixed nothing on disk: what it would fix is still to do.
    let pending = args.dry_run && fixed > 0;
    if left.is_empty() && !pending {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub(super) fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
