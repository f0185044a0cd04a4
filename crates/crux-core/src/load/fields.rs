//! Typed reads from a spanned TOML table, each problem reported as a located
//! diagnostic so that one bad value never hides the next.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic, suggest::did_you_mean};

pub use crate::model::Located;

pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Reads the fields of one table; `what` names the table in messages
/// (e.g. "claim `x`"), `header` is where to point when a field is missing.
pub struct Fields<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub what: String,
    pub header: Range<usize>,
    pub claim: Option<String>,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, what: String, header: Range<usize>) -> Self {
        Fields {
            table,
            what,
            header,
            claim: None,
        }
    }

    pub fn about_claim(mut self, id: &str) -> Self {
        self.claim = Some(id.to_string());
        self
    }

    fn tag(&self, diagnostic: Diagnostic) -> Diagnostic {
        match &self.claim {
            Some(id) => diagnostic.claim(id.clone()),
            None => diagnostic,
        }
    }

    /// Reports every key not in `known`, with a did-you-mean.
    pub fn reject_unknown(&self, known: &[&str], out: &mut Vec<Diagnostic>) {
        for (key, _) in self.table.iter() {
            if known.contains(&key.get_ref().as_ref()) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::UnknownKey,
                format!("unknown key `{}` in {}", key.get_ref(), self.what),
            )
            .at(key.span())
            .label("not a known key");
            d = match did_you_mean(key.get_ref(), known.iter().copied()) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!("known keys here: {}", known.join(", "))),
            };
            out.push(self.tag(d));
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    pub fn missing(&self, key: &str, hint: &str, out: &mut Vec<Diagnostic>) {
        let d = Diagnostic::new(Code::MissingField, format!("{} has no `{key}`", self.what))
            .at(self.header.clone())
            .label(format!("`{key}` is required here"))
            .help(format!("add `{key} = {hint}` to this table"));
        out.push(self.tag(d));
    }

    pub fn wrong_type(
        &self,
        key: &str,
        expected: &str,
        value: &Spanned<DeValue<'_>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let d = Diagnostic::new(
            Code::WrongType,
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.what,
                type_name(value.get_ref())
            ),
        )
        .at(value.span())
        .label(format!("expected {expected}"));
        out.push(self.tag(d));
    }

    /// An optional string; a date is accepted and kept as written.
    pub fn string(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.to_string(),
                span: value.span(),
            }),
            _ => {
                self.wrong_type(key, "a string", value, out);
                None
            }
        }
    }

    /// A string that must be present and not blank.
    pub fn required_string(
        &self,
        key: &str,
        hint: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Located<String>> {
        if self.get(key).is_none() {
            self.missing(key, hint, out);
            return None;
        }
        let found = self.string(key, out)?;
        if found.value.trim().is_empty() {
            let d = Diagnostic::new(
                Code::EmptyValue,
                format!("`{key}` in {} is empty", self.what),
            )
            .at(found.span.clone())
            .label("empty")
            .help(format!("write the {key} here, e.g. `{key} = {hint}`"));
            out.push(self.tag(d));
            return None;
        }
        Some(found)
    }

    /// An optional date: a TOML date or a string, kept as text.
    pub fn date(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Datetime(d) => Some(Located {
                value: d.to_string(),
                span: value.span(),
            }),
            DeValue::String(s) => Some(Located {
                value: s.to_string(),
                span: value.span(),
            }),
            _ => {
                self.wrong_type(key, "a date such as \"2026-03-14\"", value, out);
                None
            }
        }
    }

    /// An optional positive integer.
    pub fn positive_integer(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Located<usize>> {
        let value = self.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => {
                usize::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => {
                self.wrong_type(key, "a positive integer", value, out);
                return None;
            }
        };
        match parsed {
            Some(n) if n >= 1 => Some(Located {
                value: n,
                span: value.span(),
            }),
            _ => {
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{key}` in {} must be 1 or more", self.what),
                )
                .at(value.span())
                .label("not a positive integer")
                .help(match key {
                    "line" => "lines count from 1: `line = 1` is the document's first line",
                    _ => "occurrences count from 1: `occurrence = 1` is the first match",
                });
                out.push(self.tag(d));
                None
            }
        }
    }

    /// An optional array; anything else is reported.
    pub fn array(
        &self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<&'t [Spanned<DeValue<'i>>]> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(key, "an array", value, out);
                None
            }
        }
    }
}
