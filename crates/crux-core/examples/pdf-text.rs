//! Prints the text crux extracts from each PDF named on the command line,
//! or the error: what `scripts/bench-pdf.sh` times against pdftotext.
//!
//!   cargo run --release -p crux-core --example pdf-text -- FILE.pdf...

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{path}: {error}");
                failed = true;
                continue;
            }
        };
        match crux_core::pdf::extract(&bytes) {
            Ok(pdf) => {
                let _ = writeln!(out, "{}", crux_core::text::visible(&pdf.text));
            }
            Err(error) => {
                eprintln!("{path}: {error}\n  help: {}", error.help());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
