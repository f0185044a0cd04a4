//! The HTML report (placeholder until the page lands).
use super::Report;

pub fn render(report: &Report) -> String {
    let _ = report;
    String::new()
}
