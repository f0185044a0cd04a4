//! What a saved page says about itself: its title (`og:title`, the
//! article's `<h1>`, `<title>`), author (`meta name=author`, a byline),
//! date of publication (`article:published_time`, `<time datetime>`) and
//! canonical address.

use super::entities::decode;
use super::tree::{Kind, Tree};
use crate::document::Metadata;
use crate::text::one_line;

pub fn read(tree: &Tree, html: &str, article: &[usize]) -> Metadata {
    let meta = |key: &str| {
        (0..tree.nodes.len()).find_map(|n| {
            let tag = tree.tag(n).filter(|t| t.name == "meta")?;
            let named = [
                tag.attribute("name"),
                tag.attribute("property"),
                tag.attribute("itemprop"),
            ];
            named
                .iter()
                .any(|name| name.is_some_and(|name| name.eq_ignore_ascii_case(key)))
                .then(|| tag.attribute("content").map(one_line))
                .flatten()
                .filter(|v| !v.is_empty())
        })
    };
    let first = |names: &[&str], within: &[usize]| {
        within.iter().find_map(|&root| {
            tree.descendants(root)
                .into_iter()
                .find(|&n| tree.name(n).is_some_and(|name| names.contains(&name)))
        })
    };
    let whole = [0];
    let title = meta("og:title")
        .or_else(|| first(&["h1"], article).map(|n| text_of(tree, html, n)))
        .or_else(|| first(&["title"], &whole).map(|n| text_of(tree, html, n)))
        .filter(|t| !t.is_empty());
    let author = meta("author")
        .filter(|a| !a.starts_with("http"))
        .or_else(|| meta("article:author").filter(|a| !a.starts_with("http")))
        .or_else(|| byline(tree, html));
    let date = ["article:published_time", "datePublished", "date", "dc.date"]
        .iter()
        .find_map(|key| meta(key))
        .or_else(|| {
            let time = first(&["time"], article).or_else(|| first(&["time"], &whole))?;
            tree.tag(time)?.attribute("datetime").map(str::to_string)
        })
        .and_then(|d| day(&d));
    let url = (0..tree.nodes.len())
        .find_map(|n| {
            let tag = tree.tag(n).filter(|t| t.name == "link")?;
            let canonical = tag.attribute("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            });
            canonical.then(|| tag.attribute("href").map(str::trim).map(str::to_string))?
        })
        .or_else(|| meta("og:url"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Metadata {
        title,
        author,
        date,
        url,
    }
}

/// The author named by an element marked as the byline (`rel=author`, a
/// class or itemprop `author`/`byline`), "By" left out.
fn byline(tree: &Tree, html: &str) -> Option<String> {
    let node = (0..tree.nodes.len()).find(|&n| {
        tree.tag(n).is_some_and(|tag| {
            let class = tag.attribute("class").unwrap_or("").to_ascii_lowercase();
            tag.attribute("rel") == Some("author")
                || tag.attribute("itemprop") == Some("author")
                || class
                    .split_whitespace()
                    .any(|c| matches!(c, "byline" | "author" | "author-name" | "byline-name"))
        })
    })?;
    let text = text_of(tree, html, node);
    let name = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(&text)
        .trim();
    (!name.is_empty() && name.split_whitespace().count() <= 8).then(|| name.to_string())
}

/// The text under `node`, on one line.
fn text_of(tree: &Tree, html: &str, node: usize) -> String {
    let raw: Vec<String> = tree
        .descendants(node)
        .into_iter()
        .filter_map(|n| match &tree.nodes[n].kind {
            Kind::Text(range) => Some(decode(&html[range.clone()])),
            _ => None,
        })
        .collect();
    one_line(&raw.join(""))
}

/// `YYYY-MM-DD` from the start of an ISO 8601 date or date-time.
fn day(value: &str) -> Option<String> {
    let day = value.trim().get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| day.to_string())
}
