//! The JSON report: the model serialized as is (schema `crux-report/2`,
//! documented in `docs/REPORT-SCHEMA.md`), with C1 controls and invisible
//! characters escaped so that the file is safe to `cat`.

use super::Report;

pub fn render(report: &Report) -> String {
    let json = serde_json::to_string_pretty(report).expect("the report model serializes");
    let mut out = crate::text::json_for_terminal(json);
    out.push('\n');
    out
}
