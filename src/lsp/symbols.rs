//! The outline: every source, topic, party, period and claim, each from
//! its table header to the next one, named by its id and described by its
//! title, question, name or text.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::analysis::Analysis;
use super::index::Kind;
use crate::text::visible_line;

pub fn symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
    let dataset = &analysis.dataset;
    let text: &str = &dataset.text;
    let mut tables: Vec<(Kind, &str, &std::ops::Range<usize>, String)> = Vec::new();
    for s in &dataset.sources {
        tables.push((Kind::Source, &s.id, &s.decl, s.display_name().to_string()));
    }
    for t in &dataset.topics {
        tables.push((Kind::Topic, &t.id, &t.decl, t.question.clone()));
    }
    for p in &dataset.parties {
        tables.push((Kind::Party, &p.id, &p.decl, p.name.clone()));
    }
    for p in &dataset.periods {
        tables.push((Kind::Period, &p.id, &p.decl, p.name.clone()));
    }
    for c in &dataset.claims {
        tables.push((Kind::Claim, &c.id, &c.decl, c.text.clone()));
    }
    tables.retain(|(_, _, decl, _)| text.get((*decl).clone()).is_some());
    tables.sort_by_key(|(_, _, decl, _)| decl.start);
    let positions = analysis.positions();
    let starts: Vec<usize> = tables
        .iter()
        .map(|(_, _, decl, _)| line_start(text, decl.start))
        .collect();
    tables
        .iter()
        .enumerate()
        .map(|(i, (kind, id, decl, detail))| {
            let end = starts
                .get(i + 1)
                .copied()
                .unwrap_or(text.len())
                .max(decl.end);
            #[allow(deprecated)]
            DocumentSymbol {
                name: visible_line(id).into_owned(),
                detail: Some(format!("{}: {}", kind.name(), visible_line(detail))),
                kind: symbol_kind(*kind),
                tags: None,
                deprecated: None,
                range: positions.range(&(starts[i]..end)),
                selection_range: positions.range(decl),
                children: None,
            }
        })
        .collect()
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Source => SymbolKind::FILE,
        Kind::Topic => SymbolKind::NAMESPACE,
        Kind::Party => SymbolKind::CLASS,
        Kind::Period => SymbolKind::EVENT,
        Kind::Claim => SymbolKind::STRING,
    }
}

fn line_start(text: &str, byte: usize) -> usize {
    text[..byte].rfind(['\n', '\r']).map_or(0, |nl| nl + 1)
}
