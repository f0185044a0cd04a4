//! Saved web pages (`.html`, `.htm`): the article's text, as a reader mode
//! shows it, mapped back byte for byte to the file, and the page's
//! metadata. Pages are parsed here rather than by html5ever or scraper
//! because those keep no source positions, and every char of the text must
//! lead back to file:line:col; see `tokens`.

mod article;
mod entities;
mod meta;
mod text;
mod tokens;
mod tree;

use crate::document::Extracted;

/// Why a page gives no text to quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing readable at all.
    NoText,
    /// Text, but all of it page chrome (menus, banners, footers, ...).
    NoArticle,
}

/// The article of page `html`.
pub fn extract(html: &str) -> Result<Extracted, Problem> {
    let tree = tree::Tree::parse(html);
    let found = article::find(&tree, html);
    let Some(found) = found else {
        let any_text = tree
            .nodes
            .iter()
            .any(|n| matches!(&n.kind, tree::Kind::Text(r) if !html[r.clone()].trim().is_empty()));
        return Err(if any_text && has_body_text(&tree, html) {
            Problem::NoArticle
        } else {
            Problem::NoText
        });
    };
    let rendered = text::render(html, &tree, &found.roots, &found.dropped);
    if rendered.text.trim().is_empty() {
        return Err(Problem::NoArticle);
    }
    let metadata = meta::read(&tree, html, &found.roots);
    Ok(Extracted {
        text: rendered.text,
        map: rendered.map,
        blocks: rendered.blocks,
        emphasis: rendered.emphasis,
        pages: Vec::new(),
        metadata,
        ..Extracted::default()
    })
}

/// Whether text shows anywhere outside the head, scripts and styles.
fn has_body_text(tree: &tree::Tree, html: &str) -> bool {
    const UNSHOWN: [&str; 5] = ["head", "title", "script", "style", "template"];
    tree.nodes.iter().enumerate().any(|(n, node)| {
        let tree::Kind::Text(range) = &node.kind else {
            return false;
        };
        let mut at = Some(n);
        while let Some(a) = at {
            if tree.name(a).is_some_and(|name| UNSHOWN.contains(&name)) {
                return false;
            }
            at = tree.nodes[a].parent;
        }
        !html[range.clone()].trim().is_empty()
    })
}

/// The charset a page declares in its first 1024 bytes (`<meta charset>`
/// or `http-equiv` content type), lowercase.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests;
