//! Claims file -> [`Dataset`]: parse, read the tables, resolve ids, run the
//! graph checks, then read the documents and anchor every quote (a
//! [`Plan`], which a front end may run on other threads). Every
//! problem becomes a diagnostic; everything valid still loads.

mod anchoring;
mod attribution;
pub mod cache;
pub mod encoding;
mod fields;
pub mod file;
mod first_claims;
mod in_order;
mod judging;
mod locate;
mod names;
mod references;
pub(crate) use locate::status_place;
mod sources;

pub use sources::document_of;
mod claim_tables;
mod parse;
mod syntax;

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diagnostic};
use crate::ix::{ClaimIx, PartyIx, PeriodIx, SourceIx, TopicIx};
use crate::model::{Dataset, Source, Topic};
use crate::shared_text::SharedText;
use crate::text::LineIndex;
use fields::Fields;

pub use anchoring::{ANCHORING_THREAD, Anchored, Plan};
pub use claim_tables::CLAIM_KEYS;
pub use first_claims::{Begun, LargeFile, begin};

const ROOT_KEYS: &[&str] = &["title", "sources", "topics", "parties", "periods", "claims"];
const SOURCE_KEYS: &[&str] = &["path", "title", "author", "outlet", "date", "note", "url"];
const TOPIC_KEYS: &[&str] = &["question", "note"];

/// Loads the claims file at `path`. A file that cannot be read gives a
/// dataset holding only that diagnostic (see [`refusal`]).
pub fn load(path: &Path) -> Dataset {
    let mut dataset = without_documents(path);
    anchoring::read_and_anchor(&mut dataset, &mut cache::AnchorCache::keeping_nothing());
    dataset
}

/// [`load`] for a front end that reports only what is wrong (`crux
/// check`): each document is let go as soon as its quotes are placed, so
/// that the documents are never all held at once. Every source's
/// `document` is `None`; the diagnostics are [`load`]'s.
pub fn load_letting_documents_go(path: &Path) -> Dataset {
    let mut dataset = without_documents(path);
    anchoring::read_and_anchor_letting_documents_go(&mut dataset);
    dataset
}

/// The claims file at `path` read and checked as [`load`] does, with its
/// documents not yet read: every source's `text` is `None` and no quote is
/// anchored. [`Plan`] reads and anchors them afterwards, on other threads
/// if need be, while this is shown.
pub fn without_documents(path: &Path) -> Dataset {
    match read_claims_file(path) {
        Ok(text) => str_without_documents(path, text),
        Err(diagnostic) => only(path, diagnostic),
    }
}

/// Why the claims file itself could not be read, as the lines a front end
/// prints before giving up (`error: ...` and its help); `None` when it was
/// read, whatever errors it holds.
pub fn refusal(dataset: &Dataset) -> Option<String> {
    // Only an unread file leaves the text empty with an error: an empty
    // file is a valid, empty project.
    if !dataset.text.is_empty() || dataset.error_count() == 0 {
        return None;
    }
    let d = &dataset.diagnostics[0];
    let mut lines = format!("error: {}", crate::text::visible_line(&d.message));
    if let Some(help) = &d.help {
        lines.push_str(&format!("\n  help: {}", crate::text::visible_line(help)));
    }
    Some(lines)
}

/// The text of the claims file: a regular file of at most
/// [`file::CLAIMS_FILE_LIMIT`] bytes, in UTF-8.
fn read_claims_file(path: &Path) -> Result<String, Diagnostic> {
    let shown = crate::text::visible_path(path);
    let bytes = file::read_regular(path, file::CLAIMS_FILE_LIMIT).map_err(|e| match e {
        file::ReadError::Io(io) => {
            let namesake = (io.kind() == std::io::ErrorKind::NotFound)
                .then(|| names::not_utf8_namesake(Path::new("."), Path::new("/"), path))
                .flatten();
            match namesake {
                Some(on_disk) => Diagnostic::new(
                    Code::SourceUnreadable,
                    format!("cannot read {shown}: no such file; the file there is named `{on_disk}`, which is not valid UTF-8"),
                )
                .help("pass the name as the shell gives it (e.g. by tab completion), or rename the file to a UTF-8 name"),
                None => Diagnostic::new(Code::SourceUnreadable, format!("cannot read {shown}: {io}"))
                    .help("pass the path of a claims file, e.g. `crux check claims.toml`"),
            }
        }
        file::ReadError::NotRegular(_) => Diagnostic::new(
            Code::SourceUnreadable,
            format!("{shown} {}; a claims file must be a file", e.what()),
        )
        .help("pass the path of a claims file, e.g. `crux check claims.toml` (crux does not read pipes, devices or directories, which may never end)"),
        file::ReadError::TooLarge { .. } => Diagnostic::new(
            Code::FileTooLarge,
            format!("{shown} {} for a claims file", e.what()),
        )
        .help("crux parses the claims file whole in memory and refuses what no hand-edited file comes near; check that this is the claims file you meant"),
    })?;
    if let Some(utf16) = encoding::utf16(&bytes) {
        return Err(Diagnostic::new(
            Code::SourceNotText,
            format!("{shown} is {}, not UTF-8", utf16.describe()),
        )
        .help(format!(
            "convert it to UTF-8: `{}`",
            utf16.convert_command(&shown)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(
            Code::SourceNotText,
            not_utf8(&shown, e.as_bytes(), e.utf8_error().valid_up_to()),
        )
        .help("re-save the claims file as UTF-8")
    })
}

fn not_utf8(shown: &str, bytes: &[u8], valid: usize) -> String {
    let at = crate::text::invalid_utf8_at(bytes, valid);
    format!(
        "{shown} is not valid UTF-8 at line {}, column {} (byte {valid})",
        at.line, at.col
    )
}

fn only(path: &Path, diagnostic: Diagnostic) -> Dataset {
    Dataset {
        path: path.to_path_buf(),
        diagnostics: vec![diagnostic],
        ..Dataset::default()
    }
}

/// Loads claims from `text` as if read from `path` (documents are looked up
/// next to `path`).
pub fn load_str(path: &Path, text: impl Into<SharedText>) -> Dataset {
    load_str_cached(path, text, &mut cache::AnchorCache::keeping_nothing())
}

/// [`load_str`], reading again only the documents that changed since the
/// load that filled `cache`, and placing again only the quotes that changed.
pub fn load_str_cached(
    path: &Path,
    text: impl Into<SharedText>,
    cache: &mut cache::AnchorCache,
) -> Dataset {
    let mut dataset = str_without_documents(path, text);
    anchoring::read_and_anchor(&mut dataset, cache);
    dataset
}

/// [`without_documents`] of claims in `text`, as if read from `path`.
pub fn str_without_documents(path: &Path, text: impl Into<SharedText>) -> Dataset {
    let text: SharedText = text.into();
    let mut diagnostics = Vec::new();
    let (root, errors) = parse::parse(&text);
    diagnostics.extend(syntax::diagnostics(&text, &errors));
    let root = Fields::new(root.get_ref(), "the claims file".into(), 0..0);
    root.reject_unknown(ROOT_KEYS, &mut diagnostics);
    let title = root.string("title", &mut diagnostics).map(|t| t.value);

    let mut dataset = Dataset {
        path: path.to_path_buf(),
        lines: LineIndex::new(&text),
        title,
        ..Dataset::default()
    };
    let mut relations = Vec::new();
    let sources = sub_tables(&root, "sources", &mut diagnostics);
    dataset.sources.reserve_exact(sources.len());
    dataset.source_ids.reserve(sources.len());
    for (key, table, header) in sources {
        let source = read_source_table(key, table, header, &mut diagnostics);
        dataset
            .source_ids
            .insert(source.id.clone(), SourceIx(dataset.sources.len()));
        dataset.sources.push(source);
    }
    let topics = sub_tables(&root, "topics", &mut diagnostics);
    dataset.topics.reserve_exact(topics.len());
    dataset.topic_ids.reserve(topics.len());
    for (key, table, header) in topics {
        let fields = Fields::new(table, format!("topic `{key}`"), header.clone());
        fields.reject_unknown(TOPIC_KEYS, &mut diagnostics);
        let question = fields.required_string("question", "\"How many ...?\"", &mut diagnostics);
        dataset
            .topic_ids
            .insert(key.to_string(), TopicIx(dataset.topics.len()));
        dataset.topics.push(Topic {
            id: key.to_string(),
            question: question.map(|q| q.value).unwrap_or_default(),
            note: fields.string("note", &mut diagnostics).map(|n| n.value),
            decl: header,
        });
    }
    for (key, table, header) in sub_tables(&root, "parties", &mut diagnostics) {
        let party = attribution::read_party(key, table, header, &mut diagnostics);
        dataset
            .party_ids
            .insert(party.id.clone(), PartyIx(dataset.parties.len()));
        dataset.parties.push(party);
    }
    for (key, table, header) in sub_tables(&root, "periods", &mut diagnostics) {
        let period = attribution::read_period(&text, key, table, header, &mut diagnostics);
        dataset
            .period_ids
            .insert(period.id.clone(), PeriodIx(dataset.periods.len()));
        dataset.periods.push(period);
    }
    let tables = sub_tables(&root, "claims", &mut diagnostics);
    dataset.claims.reserve_exact(tables.len());
    dataset.claim_ids.reserve(tables.len());
    for part in claim_tables::read(&text, &tables) {
        relations.extend(part.relations);
        diagnostics.extend(part.diagnostics);
        for claim in part.claims {
            let index = ClaimIx(dataset.claims.len());
            dataset.claim_ids.insert(claim.id.clone(), index);
            dataset.claims.push(claim);
        }
    }
    dataset.text = text.clone();
    dataset.diagnostics = diagnostics;
    references::check_topics_and_sources(&mut dataset);
    references::resolve_relations(&mut dataset, relations);
    // The graph's checks read the claims and their links, not the documents.
    dataset.graph = crate::graph::Graph::new(&dataset);
    let graph_diagnostics = dataset.graph.check(&dataset);
    dataset.diagnostics.extend(graph_diagnostics);
    sort_diagnostics(&mut dataset);
    dataset
}

/// Diagnostics in the order every front end shows them: by place in the
/// claims file, then by code. The sort is stable, and what anchoring adds
/// (one diagnostic per quote, one per unusable document) never shares a
/// place and a code with another, so the order does not depend on which
/// document was anchored first.
pub fn sort_diagnostics(dataset: &mut Dataset) {
    dataset
        .diagnostics
        .sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
}

/// The entries of the root table `name` that are tables themselves.
fn sub_tables<'t, 'i>(
    root: &Fields<'t, 'i>,
    name: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<(&'t str, &'t DeTable<'i>, Range<usize>)> {
    let Some(value) = root.get(name) else {
        return Vec::new();
    };
    let DeValue::Table(table) = value.get_ref() else {
        root.wrong_type(name, "a table", value, out);
        return Vec::new();
    };
    let singular = match name {
        "parties" => "party",
        _ => name.trim_end_matches('s'),
    };
    let mut entries = Vec::new();
    for (key, entry) in table.iter() {
        match entry.get_ref() {
            DeValue::Table(t) => entries.push((key.get_ref().as_ref(), t, key.span())),
            other => out.push(
                Diagnostic::new(
                    Code::WrongType,
                    format!(
                        "{singular} `{}` must be a table, found {}",
                        key.get_ref(),
                        fields::type_name(other)
                    ),
                )
                .at(entry.span())
                .label("expected a table")
                .help(format!(
                    "write it as a table: `[{name}.{}]` followed by its fields",
                    key.get_ref()
                )),
            ),
        }
    }
    entries
}

fn read_source_table(
    id: &str,
    table: &DeTable<'_>,
    header: Range<usize>,
    out: &mut Vec<Diagnostic>,
) -> Source {
    let fields = Fields::new(table, format!("source `{id}`"), header.clone());
    fields.reject_unknown(SOURCE_KEYS, out);
    let path = fields.required_string("path", "\"seeds/article.txt\"", out);
    Source {
        id: id.to_string(),
        path_value: path.as_ref().map_or(header.clone(), |p| p.span.clone()),
        path: path.map(|p| p.value).unwrap_or_default(),
        title: fields.string("title", out).map(|v| v.value),
        author: fields.string("author", out).map(|v| v.value),
        outlet: fields.string("outlet", out).map(|v| v.value),
        date: fields.date("date", out).map(|v| v.value),
        note: fields.string("note", out).map(|v| v.value),
        url: non_blank_url(&fields, out),
        document: None,
        decl: header,
    }
}

/// A source's `url`; an empty one would make exports target nothing.
fn non_blank_url(fields: &Fields<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<String> {
    let url = fields.string("url", out)?;
    if url.value.trim().is_empty() {
        let d = Diagnostic::new(
            Code::EmptyValue,
            format!("`url` in {} is empty", fields.what),
        )
        .at(url.span)
        .label("empty")
        .help("write the address the document is published at, or leave `url` out");
        out.push(d);
        return None;
    }
    Some(url.value)
}

#[cfg(test)]
mod tests;
