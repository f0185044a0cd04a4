//! The JSON report: the model serialized as is (schema `crux-report/1`,
//! documented in `docs/REPORT-SCHEMA.md`).

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("the report model serializes");
    out.push('\n');
    out
}
