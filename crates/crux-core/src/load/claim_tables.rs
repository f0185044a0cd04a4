//! The claim tables read: each claim's fields, quotes and links, with a
//! diagnostic for whatever is wrong in them. A claim is read from its own
//! table alone, so parts of the file's claims are read on every core at
//! once and put back in file order, which gives what reading them one by
//! one gives.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::attribution;
use super::fields::{Fields, Located};
use super::references::RelationEntry;
use crate::beside::{CLAIMS_PER_THREAD, at_once};
use crate::diag::{Code, Diagnostic};
use crate::ix::ClaimIx;
use crate::model::{Claim, RelationKind, Span, Status};

/// Claim tables read in file order, with the links and diagnostics they
/// give, in that order.
pub struct ClaimTables {
    pub claims: Vec<Claim>,
    pub relations: Vec<RelationEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A claim table: its id, its table and its header's place.
type Table<'t, 'i> = (&'t str, &'t DeTable<'i>, Range<usize>);

/// `tables` read on every core, in parts whose results come in file order.
pub fn read(file: &str, tables: &[Table<'_, '_>]) -> Vec<ClaimTables> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    read_in(file, tables, cores.min(tables.len() / CLAIMS_PER_THREAD))
}

/// [`read`] in `parts` parts.
fn read_in(file: &str, tables: &[Table<'_, '_>], parts: usize) -> Vec<ClaimTables> {
    let parts = parts.max(1);
    let per_part = tables.len().div_ceil(parts).max(1);
    let read = |first: usize, part: &[Table<'_, '_>]| {
        let mut read = ClaimTables {
            claims: Vec::with_capacity(part.len()),
            relations: Vec::new(),
            diagnostics: Vec::new(),
        };
        for (n, (key, table, header)) in part.iter().enumerate() {
            read.claims.push(read_claim_table(
                file,
                key,
                table,
                header.clone(),
                ClaimIx(first + n),
                &mut read.relations,
                &mut read.diagnostics,
            ));
        }
        read
    };
    let parts = tables.chunks(per_part).enumerate();
    at_once(parts.map(|(n, part)| move || read(n * per_part, part)))
}

/// The keys a claim table may hold.
pub const CLAIM_KEYS: &[&str] = &[
    "topic",
    "text",
    "spans",
    "agrees",
    "contradicts",
    "refines",
    "updates",
    "rivals",
    "contrasts",
    "status",
    "note",
    "asserted_by",
    "mode",
    "hedge",
    "when",
];
const SPAN_KEYS: &[&str] = &["source", "quote", "prefix", "suffix", "occurrence", "line"];
const RELATION_KEYS: &[&str] = &["claim", "note"];

fn read_claim_table(
    file: &str,
    id: &str,
    table: &DeTable<'_>,
    header: Range<usize>,
    index: ClaimIx,
    relations: &mut Vec<RelationEntry>,
    out: &mut Vec<Diagnostic>,
) -> Claim {
    let fields = Fields::new(table, format!("claim `{id}`"), header.clone()).about_claim(id);
    fields.reject_unknown(CLAIM_KEYS, out);
    let topic = fields.required_string("topic", "\"topic-id\"", out);
    let text = fields.required_string("text", "\"the claim in your words\"", out);
    let spans = read_spans(&fields, out);
    for kind in RelationKind::ALL {
        for item in fields.array(kind.as_str(), out).unwrap_or(&[]) {
            if let Some(entry) = read_relation_entry(&fields, kind, item, index, out) {
                relations.push(entry);
            }
        }
    }
    let attribution = attribution::read_claim(file, &fields, out);
    let status = fields.string("status", out);
    let parsed_status = status.as_ref().and_then(|s| {
        let parsed = Status::parse(&s.value);
        if parsed.is_none() {
            out.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{}` is not a review status", s.value),
                )
                .at(s.span.clone())
                .label("unknown status")
                .help("use one of: unreviewed, confirmed, disputed, rejected")
                .claim(id),
            );
        }
        parsed
    });
    let status_after = match status {
        None => last_value_of_table(file, table, &header),
        Some(_) => None,
    };
    Claim {
        id: id.to_string(),
        topic: topic.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
        text: text.map(|t| t.value).unwrap_or_default(),
        spans,
        status: parsed_status.unwrap_or_default(),
        note: fields.string("note", out).map(|n| n.value),
        asserted_by: attribution.asserted_by,
        mode: attribution.mode,
        hedge: attribution.hedge,
        when: attribution.when,
        topic_value: topic.map_or(header.clone(), |t| t.span),
        decl: header,
        status_after,
        status_value: status.map(|s| s.span),
    }
}

/// The value that ends last in the claim table `table`, declared under
/// the header holding `header`, when it is a `[claims.<id>]` table of
/// `key = value` lines without a `status` key (no sub-table, no array of
/// tables): where a status line can be added without parsing the file
/// again (see `edit::save_status_after`).
pub(super) fn last_value_of_table(
    file: &str,
    table: &DeTable<'_>,
    header: &Range<usize>,
) -> Option<Range<usize>> {
    let line_start = file[..header.start].rfind('\n').map_or(0, |i| i + 1);
    let before = file[line_start..header.start].trim_start();
    if !before.starts_with('[') || before.starts_with("[[") {
        return None;
    }
    let mut last: Option<Range<usize>> = None;
    for (key, value) in table.iter() {
        if key.get_ref().as_ref() == "status" || matches!(value.get_ref(), DeValue::Table(_)) {
            return None;
        }
        let span = value.span();
        // A value written `key = value`: not an array of tables, whose
        // `[[...]]` headers may come anywhere after.
        let value_line = file[..span.start].rfind('\n').map_or(0, |i| i + 1);
        if !file[value_line..span.start].contains('=') {
            return None;
        }
        if last.as_ref().is_none_or(|l| span.end > l.end) {
            last = Some(span);
        }
    }
    last
}

fn read_spans(claim: &Fields<'_, '_>, out: &mut Vec<Diagnostic>) -> Vec<Span> {
    let hint = "[{ source = \"source-id\", quote = \"verbatim text\" }]";
    if claim.get("spans").is_none() {
        claim.missing("spans", hint, out);
        return Vec::new();
    }
    let Some(items) = claim.array("spans", out) else {
        return Vec::new();
    };
    if items.is_empty() {
        let d = Diagnostic::new(Code::EmptyValue, format!("{} has no spans", claim.what))
            .at(claim
                .get("spans")
                .map_or(claim.header.clone(), |v| v.span()))
            .label("empty")
            .help(format!("tie the claim to its source: `spans = {hint}`"));
        out.push(d.claim(claim.claim.clone().unwrap_or_default()));
    }
    let mut spans = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let DeValue::Table(table) = item.get_ref() else {
            claim.wrong_type("spans", "an array of tables", item, out);
            continue;
        };
        let mut fields = Fields::new(
            table,
            format!("span {} of {}", n + 1, claim.what),
            item.span(),
        );
        fields.claim = claim.claim.clone();
        fields.reject_unknown(SPAN_KEYS, out);
        let source = fields.required_string("source", "\"source-id\"", out);
        let quote = fields.required_string("quote", "\"verbatim text\"", out);
        let (Some(source), Some(quote)) = (source, quote) else {
            continue;
        };
        spans.push(Span {
            source: source.value,
            quote: quote.value,
            prefix: fields.string("prefix", out).map(|v| v.value),
            suffix: fields.string("suffix", out).map(|v| v.value),
            occurrence: fields.positive_integer("occurrence", out).map(|v| v.value),
            line: fields.positive_integer("line", out).map(|v| v.value),
            anchor: None,
            quote_value: quote.span,
            source_value: source.span,
        });
    }
    spans
}

fn read_relation_entry(
    claim: &Fields<'_, '_>,
    kind: RelationKind,
    item: &Spanned<DeValue<'_>>,
    from: ClaimIx,
    out: &mut Vec<Diagnostic>,
) -> Option<RelationEntry> {
    let (target, note) = match item.get_ref() {
        DeValue::String(s) => (
            Located {
                value: s.to_string(),
                span: item.span(),
            },
            None,
        ),
        DeValue::Table(table) => {
            let mut fields = Fields::new(
                table,
                format!("a `{}` entry of {}", kind.as_str(), claim.what),
                item.span(),
            );
            fields.claim = claim.claim.clone();
            fields.reject_unknown(RELATION_KEYS, out);
            let target = fields.required_string("claim", "\"claim-id\"", out)?;
            (target, fields.string("note", out).map(|n| n.value))
        }
        _ => {
            claim.wrong_type(
                kind.as_str(),
                "claim ids or `{ claim = \"id\", note = \"...\" }` tables",
                item,
                out,
            );
            return None;
        }
    };
    Some(RelationEntry {
        kind,
        from,
        target,
        note,
        decl: item.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Claims with what gives links and diagnostics: unknown keys, wrong
    /// types, bad statuses, links to claims before and after.
    fn file(claims: usize) -> String {
        let mut text = String::new();
        for n in 0..claims {
            text.push_str(&format!(
                "[claims.c{n}]\ntopic = \"t\"\ntext = \"claim {n}\"\n\
                 spans = [{{ source = \"s\", quote = \"q{n}\" }}]\n\
                 contradicts = [\"c{}\", {{ claim = \"c{}\", note = \"n\" }}]\n",
                n + 1,
                n.saturating_sub(1)
            ));
            match n % 5 {
                0 => text.push_str("status = \"maybe\"\n"),
                1 => text.push_str("colour = \"red\"\n"),
                2 => text.push_str("note = 3\n"),
                _ => {}
            }
        }
        text
    }

    /// What `parts` parts read, as text, and the claim each link is from.
    fn read_all(text: &str, parts: usize) -> (String, Vec<usize>) {
        let (root, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty(), "{errors:?}");
        let Some(toml::de::DeValue::Table(claims)) =
            root.get_ref().get("claims").map(|v| v.get_ref())
        else {
            panic!("no claims table");
        };
        let tables: Vec<Table<'_, '_>> = claims
            .iter()
            .map(|(key, value)| match value.get_ref() {
                toml::de::DeValue::Table(t) => (key.get_ref().as_ref(), t, key.span()),
                _ => panic!("not a table"),
            })
            .collect();
        let read = read_in(text, &tables, parts);
        assert_eq!(read.len(), parts, "read in {parts} parts");
        let claims: Vec<_> = read.iter().flat_map(|r| &r.claims).collect();
        let relations: Vec<_> = read.iter().flat_map(|r| &r.relations).collect();
        let diagnostics: Vec<_> = read.iter().flat_map(|r| &r.diagnostics).collect();
        let from = relations.iter().map(|r| r.from.0).collect();
        (
            format!("{claims:#?}\n{relations:#?}\n{diagnostics:#?}"),
            from,
        )
    }

    #[test]
    fn claims_read_in_parts_are_what_one_part_reads() {
        let text = file(40);
        let whole = read_all(&text, 1);
        assert!(whole.0.contains("not a review status") && whole.0.contains("colour"));
        let two_per_claim: Vec<usize> = (0..40).flat_map(|n| [n, n]).collect();
        assert_eq!(whole.1, two_per_claim, "each link is from its claim");
        for parts in [2, 3, 7] {
            assert_eq!(read_all(&text, parts), whole, "{parts} parts");
        }
    }
}
