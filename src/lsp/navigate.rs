//! Go to definition (an id to the table declaring it, a quote to its
//! passage in the source document) and find references.

use std::path::Path;

use lsp_types::{GotoDefinitionResponse, Location, Url};

use super::analysis::Analysis;
use super::diagnostics::document_uri;
use super::index::quote_at;
use super::position::Positions;

pub fn definition(analysis: &Analysis, uri: &Url, byte: usize) -> Option<GotoDefinitionResponse> {
    let dataset = &analysis.dataset;
    if let Some(found) = analysis.index().at(byte) {
        let declared = analysis.index().declaration(found.kind, &found.id)?;
        let positions = analysis.positions();
        return Some(GotoDefinitionResponse::Scalar(Location::new(
            uri.clone(),
            positions.range(&declared.inner),
        )));
    }
    let (c, s) = quote_at(dataset, byte)?;
    let span = &dataset.claims[c].spans[s];
    let source = dataset.source(&span.source)?;
    let (document, anchor) = (source.document.as_deref()?, span.anchor.as_ref()?);
    let base = dataset.path.parent().unwrap_or(Path::new("."));
    let uri = document_uri(base, &source.path).ok()?;
    Some(GotoDefinitionResponse::Scalar(Location::new(
        uri,
        Positions::new(document.original()).range(&document.original_range(&anchor.bytes)),
    )))
}

/// Every place the id under the cursor is written, in file order.
pub fn references(
    analysis: &Analysis,
    uri: &Url,
    byte: usize,
    with_declaration: bool,
) -> Option<Vec<Location>> {
    let found = analysis.index().at(byte)?;
    let positions = analysis.positions();
    Some(
        analysis
            .index()
            .all(found.kind, &found.id)
            .filter(|o| with_declaration || !o.declaration)
            .map(|o| Location::new(uri.clone(), positions.range(&o.inner)))
            .collect(),
    )
}
