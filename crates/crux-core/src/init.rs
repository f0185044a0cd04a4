//! A starting claims file for a folder of documents: one source per
//! document, and a commented-out example topic and claim.

use crate::document::{BlockKind, Document, Format};
use crate::ids::{slug, unique};
use crate::text::{one_line, toml_string, visible_line};

/// Longest first line taken as a plain-text document's title.
const TITLE_MAX_CHARS: usize = 100;
const TITLE_MAX_WORDS: usize = 14;
/// Longest example quote.
const QUOTE_MAX_CHARS: usize = 200;

/// A document found in the folder.
#[derive(Debug, Clone)]
pub struct Found {
    /// Relative to the folder, with `/` separators.
    pub path: String,
    pub document: Document,
}

/// The text of `claims.toml` for `documents` (in the order given).
pub fn claims_toml(documents: &[Found]) -> String {
    let mut out = String::from(HEADER);
    let mut ids: Vec<String> = Vec::new();
    out.push_str("\n# ── Sources: the documents ──\n");
    for document in documents {
        let stem = document.path.rsplit('/').next().unwrap_or(&document.path);
        let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
        let base = match slug(stem) {
            s if s.is_empty() => "source".to_string(),
            s => s,
        };
        let id = unique(&base, |id| ids.iter().any(|taken| taken == id));
        out.push_str(&format!(
            "\n[sources.{id}]\npath = {}\n",
            toml_string(&document.path)
        ));
        if let Some(title) = title(&document.path, &document.document) {
            out.push_str(&format!("title = {}\n", toml_string(&title)));
        }
        let meta = document.document.metadata();
        for (key, value) in [
            ("author", &meta.author),
            ("date", &meta.date),
            ("url", &meta.url),
        ] {
            if let Some(value) = value {
                out.push_str(&format!("{key} = {}\n", toml_string(value)));
            }
        }
        ids.push(id);
    }
    if let (Some(document), Some(id)) = (documents.first(), ids.first()) {
        out.push_str(&example(id, document));
    }
    out
}

const HEADER: &str = "\
# claims.toml: the claims these documents make, and where they agree or
# contradict. Written by `crux init`; see docs/FORMAT.md for every key.
#
# Layout: sources, then topics (the neutral questions the claims answer),
# then claims grouped by topic. Each claim quotes its source verbatim;
# `crux check` re-finds every quote, `crux` opens the review UI.
";

fn example(source_id: &str, document: &Found) -> String {
    let doc = &document.document;
    let first_paragraph = match doc.format() {
        Format::LightMarkup => Some(doc.quoted()),
        Format::Pdf => doc
            .quoted()
            .split("\n\n")
            .find(|text| text.split_whitespace().count() > 3),
        Format::Html => doc
            .blocks()
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| &doc.quoted()[b.range.clone()])
            .find(|text| text.split_whitespace().count() > 3),
    };
    let quote = first_paragraph.and_then(first_sentence).map_or_else(
        || "a sentence copied from the document".to_string(),
        str::to_string,
    );
    let claim_id = format!("{source_id}-example");
    format!(
        "
# ── Topics ──
# An example topic and claim: remove the leading `# ` to use them.
#
# [topics.example]
# question = \"What does {source} say first?\"

# ── Claims, grouped by topic ──
#
# [claims.{claim_id}]
# topic = \"example\"
# text = \"What the document says first, in your own words.\"
# spans = [
#   {{ source = {source_id_string}, quote = {quote} }},
# ]
",
        // Inside a comment: no line break or control character may stay.
        source = visible_line(&one_line(&document.path)).replace(['"', '\\'], ""),
        source_id_string = toml_string(source_id),
        quote = toml_string(&quote),
    )
}

/// The document's title: its first Markdown heading (`#` to `######`;
/// anywhere in a `.md` file, as the first line elsewhere, since plain-text
/// copies of web articles often keep their heading marks), or for other
/// documents a first line that reads like one (short, no final stop,
/// followed by a blank line). A web page's or PDF's own title comes
/// first; a PDF without one is taken as plain text.
fn title(path: &str, document: &Document) -> Option<String> {
    let own = document.metadata().title.clone();
    match document.format() {
        Format::LightMarkup => title_line(path, document.original()),
        Format::Html => own,
        Format::Pdf => own.or_else(|| title_line(path, document.text())),
    }
}

/// [`title`] of light-Markdown text.
fn title_line(path: &str, text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next()?;
    if path.ends_with(".md") {
        return text.lines().find_map(heading).filter(|t| !t.is_empty());
    }
    if let Some(heading) = heading(first) {
        return Some(heading).filter(|t| !t.is_empty());
    }
    let next_is_blank = lines.next().is_none_or(str::is_empty);
    let looks_like_title = next_is_blank
        && first.chars().count() <= TITLE_MAX_CHARS
        && first.split_whitespace().count() <= TITLE_MAX_WORDS
        && first.chars().next().is_some_and(char::is_uppercase)
        && !first.ends_with(['.', ',', ';', ':', '!', '?'])
        && !first.chars().any(char::is_control);
    looks_like_title.then(|| first.to_string())
}

/// The text of an ATX heading line (`## Title ##` gives `Title`).
fn heading(line: &str) -> Option<String> {
    let line = line.trim();
    let marks = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&marks) {
        return None;
    }
    let rest = line[marks..].strip_prefix([' ', '\t'])?;
    Some(one_line(rest.trim().trim_end_matches('#').trim_end()))
}

/// The first sentence of the document's first paragraph that is not a
/// heading, exactly as written (so it is found verbatim), cut at a word
/// when long.
fn first_sentence(text: &str) -> Option<&str> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && l.split_whitespace().count() > 3)?;
    let end = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && line[i + 1..].starts_with(' '))
        .map_or(line.len(), |(i, c)| i + c.len_utf8());
    let sentence = &line[..end];
    if sentence.chars().count() <= QUOTE_MAX_CHARS {
        return Some(sentence);
    }
    let cut = sentence
        .char_indices()
        .nth(QUOTE_MAX_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    let cut = sentence[..cut].rfind(' ').unwrap_or(cut);
    Some(sentence[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_markdown_headings_or_short_title_lines() {
        assert_eq!(
            title_line("a.md", "\n# The Harbour #\n\nText."),
            Some("The Harbour".into())
        );
        assert_eq!(title_line("a.md", "No heading here.\n"), None);
        assert_eq!(
            title_line("a.txt", "Harbour Closure Report\n\nIt closed."),
            Some("Harbour Closure Report".into())
        );
        assert_eq!(title_line("a.txt", "It closed in March.\n\nMore."), None);
        assert_eq!(
            title_line("a.txt", "Harbour Closure\nIt closed in March."),
            None
        );
        assert_eq!(title_line("a.txt", "date 2026-03-10 In light of"), None);
        assert_eq!(
            title_line(
                "a.txt",
                "\n\n## Alignment and Restraint\n\nElie Houé | No. 2166"
            ),
            Some("Alignment and Restraint".into())
        );
        assert_eq!(
            title_line("a.md", "Intro line.\n\n### Third level\n"),
            Some("Third level".into())
        );
        assert_eq!(title_line("a.txt", "#hashtag news\n\nText."), None);
        assert_eq!(title_line("a.txt", "####### seven\n\nText."), None);
    }

    #[test]
    fn the_first_sentence_is_cut_where_it_ends() {
        assert_eq!(
            first_sentence("# Title\n\nThe harbour closed in March. Then it reopened."),
            Some("The harbour closed in March.")
        );
        assert_eq!(first_sentence("Short\n"), None);
    }
}
