//! `crux report`: the claims and their disputes as Markdown, HTML or JSON.

use std::io::Write;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{ReportArgs, ReportFormat, display_path, load_readable};
use crux::output::{self, Links, OutputError};
use crux::report::{self, Format, ReportOptions};

pub(super) fn run(args: &ReportArgs) -> ExitCode {
    let Some(dataset) = load_readable(&args.file) else {
        return ExitCode::from(1);
    };
    let options = ReportOptions {
        filter: args.filter.to_claim_filter(args.contradictions_only),
        timestamp: args.timestamp.then(now_utc),
    };
    // Without a filter there is no id to check, and gathering every id the
    // file uses is not free on a large one.
    if options.filter.is_active()
        && let Some(error) = super::filters::unknown_id(&args.filter, &dataset)
    {
        eprintln!("{error}");
        return ExitCode::from(2);
    }
    let graph = &dataset.graph;
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
    };
    let report = report::build(&dataset, graph, &options);
    let written = emit_with(&dataset, args.output.as_deref(), "report", |out| {
        report::write(&report, format, out)
    });
    // The process ends here: freeing the report's and the dataset's
    // millions of allocations one by one would only add to its run time.
    std::mem::forget(report);
    std::mem::forget(dataset);
    written
}

/// Writes generated `text` (a `what`: report, export) to `output` by the
/// safe-output rules, or to standard output.
pub(super) fn emit(
    dataset: &crux::Dataset,
    output: Option<&std::path::Path>,
    text: &str,
    what: &str,
) -> ExitCode {
    emit_with(dataset, output, what, |out| out.write_all(text.as_bytes()))
}

/// [`emit`] of what `fill` writes, as it writes it.
fn emit_with(
    dataset: &crux::Dataset,
    output: Option<&std::path::Path>,
    what: &str,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    match output {
        Some(path) => match output::write_with(dataset, path, Links::Follow, fill) {
            Ok(()) => {
                eprintln!("wrote {}", display_path(path));
                ExitCode::SUCCESS
            }
            Err(e @ OutputError::Io(..)) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
            Err(refused) => {
                eprintln!(
                    "error: {refused}\n  \
                     help: give -o another file, or leave out -o to print the {what} to standard output"
                );
                ExitCode::from(2)
            }
        },
        None => {
            // Standard output flushes at each line break; the report has
            // millions of them.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if fill(&mut out).and_then(|()| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
    }
}

/// The current time as RFC 3339 UTC, e.g. `2026-03-14T09:30:00Z`.
fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_773_480_600), "2026-03-14T09:30:00Z");
    }
}
