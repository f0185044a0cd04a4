//! Who asserts a claim, how, and about when: the `[parties]` and
//! `[periods]` tables and a claim's `asserted_by`, `mode`, `hedge` and
//! `when`. Ids they name are checked in `references`.

use std::ops::Range;

use toml::de::DeTable;

use super::fields::{Fields, Located};
use crate::diag::{Code, Diagnostic, suggest::did_you_mean};
use crate::model::{Mode, Party, Period, part_of_value};
use crate::when::{self, When};

pub const PARTY_KEYS: &[&str] = &["name", "description"];
pub const PERIOD_KEYS: &[&str] = &["name", "when", "note"];

pub fn read_party(
    id: &str,
    table: &DeTable<'_>,
    header: Range<usize>,
    out: &mut Vec<Diagnostic>,
) -> Party {
    let fields = Fields::new(table, format!("party `{id}`"), header.clone());
    fields.reject_unknown(PARTY_KEYS, out);
    let name = fields.required_string("name", "\"Azerbaijan's Ministry of Defense\"", out);
    Party {
        id: id.to_string(),
        name: name.map_or_else(|| id.to_string(), |n| n.value),
        description: fields.string("description", out).map(|d| d.value),
        decl: header,
    }
}

pub fn read_period(
    file: &str,
    id: &str,
    table: &DeTable<'_>,
    header: Range<usize>,
    out: &mut Vec<Diagnostic>,
) -> Period {
    let fields = Fields::new(table, format!("period `{id}`"), header.clone());
    fields.reject_unknown(PERIOD_KEYS, out);
    let name = fields.required_string("name", "\"the June 2025 war\"", out);
    let span = match time(file, &fields, out) {
        None if fields.get("when").is_none() => {
            fields.missing("when", "\"2025-06\"", out);
            None
        }
        None => None,
        Some(Located {
            value: When::Dates(span),
            ..
        }) => Some(span),
        Some(Located {
            value: When::Period(_),
            span,
        }) => {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("the `when` of period `{id}` must be dates"),
                )
                .at(span)
                .label("a period is not defined by another period")
                .help("write its days: a day, a month, a year or a range such as `2025-06-13..2025-06-24`"),
            );
            None
        }
    };
    Period {
        id: id.to_string(),
        name: name.map_or_else(|| id.to_string(), |n| n.value),
        span,
        note: fields.string("note", out).map(|n| n.value),
        decl: header,
    }
}

/// A claim's `asserted_by`, `mode`, `hedge` and `when`, as read.
pub struct Attribution {
    pub asserted_by: Option<Located<String>>,
    pub mode: Mode,
    pub hedge: Option<String>,
    pub when: Option<Located<When>>,
}

pub fn read_claim(file: &str, fields: &Fields<'_, '_>, out: &mut Vec<Diagnostic>) -> Attribution {
    let id = fields.claim.clone().unwrap_or_default();
    let asserted_by = non_empty(fields, "asserted_by", "\"party-id\"", out);
    let hedge = non_empty(fields, "hedge", "\"likely\"", out);
    let written_mode = fields.string("mode", out);
    let mode = written_mode.as_ref().and_then(|m| {
        let parsed = Mode::parse(&m.value);
        if parsed.is_none() {
            let names = Mode::ALL.map(Mode::as_str);
            let help = match did_you_mean(&m.value, names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", names.join(", ")),
            };
            out.push(
                Diagnostic::new(Code::InvalidValue, format!("`{}` is not a mode", m.value))
                    .at(m.span.clone())
                    .label("unknown mode")
                    .help(help)
                    .claim(&id),
            );
        }
        parsed
    });
    let mode = match (mode, &hedge, &written_mode) {
        (Some(Mode::Hedged), None, Some(m)) => {
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    format!("claim `{id}` is hedged but keeps no hedge word"),
                )
                .at(m.span.clone())
                .label("hedged by what?")
                .help("add the document's own hedge word, e.g. `hedge = \"likely\"`")
                .claim(&id),
            );
            Mode::Hedged
        }
        (Some(Mode::Asserted), Some(h), Some(m)) => {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!(
                        "claim `{id}` is `asserted` but keeps the hedge `{}`",
                        h.value
                    ),
                )
                .at(m.span.clone())
                .label("asserted flatly")
                .help("drop `mode` (a `hedge` makes the claim hedged), or drop the `hedge`")
                .claim(&id),
            );
            Mode::Asserted
        }
        (Some(mode), _, _) => mode,
        (None, Some(_), _) => Mode::Hedged,
        (None, None, _) => Mode::Asserted,
    };
    Attribution {
        asserted_by,
        mode,
        hedge: hedge.map(|h| h.value),
        when: time(file, fields, out),
    }
}

fn non_empty(
    fields: &Fields<'_, '_>,
    key: &str,
    hint: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Located<String>> {
    fields.get(key)?;
    fields.required_string(key, hint, out)
}

/// The `when` of a table, parsed; a malformed one is reported where in
/// the value it goes wrong.
fn time(file: &str, fields: &Fields<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<Located<When>> {
    let written = fields.date("when", out)?;
    match When::parse(&written.value) {
        Ok(value) => Some(Located {
            value,
            span: written.span,
        }),
        Err(e) => {
            let mut d = Diagnostic::new(
                Code::InvalidValue,
                format!(
                    "`{}` in {} is not a time: {}",
                    written.value, fields.what, e.message
                ),
            )
            .at(if e.at.is_empty() {
                written.span.clone()
            } else {
                part_of_value(file, &written.span, &written.value, e.at)
            })
            .label("malformed time")
            .help(format!("write {}", when::SYNTAX));
            if let Some(id) = &fields.claim {
                d = d.claim(id);
            }
            out.push(d);
            None
        }
    }
}
