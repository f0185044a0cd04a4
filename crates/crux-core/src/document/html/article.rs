//! Which part of a page is the article, the way reader modes judge it:
//! page chrome (navigation, cookie banners, share bars, "related" boxes,
//! footers, scripts, forms, hidden elements) is left out; the article is
//! the `<article>` or `<main>` holding most of the text, or else the
//! element whose paragraphs score best (long, with commas, few links),
//! with the siblings that score nearly as well.

use super::tree::{Kind, Tree};

/// Elements never part of the text read.
const CHROME_TAGS: [&str; 22] = [
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "dialog", "head",
    "title", "menu", "video",
];

/// Words in a class or id that mark page chrome...
const UNLIKELY: [&str; 33] = [
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscribe",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "sidebar",
    "menu",
    "navbar",
    "breadcrumb",
    "footer",
    "comment",
    "disqus",
    "popup",
    "modal",
    "paywall",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "skip-link",
    "-ad-",
    "ad-slot",
    "more-stories",
];
/// ... unless they also say it holds the content.
const MAYBE_CONTENT: [&str; 7] = [
    "article",
    "content",
    "main",
    "body",
    "post-text",
    "entry",
    "story",
];

/// ARIA roles of page chrome.
const CHROME_ROLES: [&str; 9] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
];

/// Paragraphs shorter than this do not vote for their container.
const MIN_PARAGRAPH_CHARS: usize = 25;

pub struct Article {
    /// The nodes whose text is the article, in document order.
    pub roots: Vec<usize>,
    /// Per node: left out of the text.
    pub dropped: Vec<bool>,
}

/// The article of `tree`; `None` when no element holds readable text.
pub fn find(tree: &Tree, html: &str) -> Option<Article> {
    let dropped = chrome(tree);
    let sizes = Sizes::new(tree, html, &dropped);
    let body_chars = sizes.text[0];
    if body_chars == 0 {
        return None;
    }
    let semantic = (0..tree.nodes.len())
        .filter(|&n| !dropped[n])
        .filter(|&n| {
            let tag = tree.tag(n);
            tag.is_some_and(|t| {
                t.name == "article" || t.name == "main" || t.attribute("role") == Some("main")
            })
        })
        .filter(|&n| sizes.text[n] * 2 >= body_chars && sizes.link_density(n) < 0.5)
        .max_by_key(|&n| sizes.text[n]);
    let roots = match semantic {
        Some(root) => vec![root],
        None => by_score(tree, html, &dropped, &sizes)?,
    };
    Some(Article { roots, dropped })
}

/// Per node: whether it is page chrome or inside it.
fn chrome(tree: &Tree) -> Vec<bool> {
    let mut dropped = vec![false; tree.nodes.len()];
    for n in 0..tree.nodes.len() {
        let parent_dropped = tree.nodes[n].parent.is_some_and(|p| dropped[p]);
        dropped[n] = parent_dropped || tree.tag(n).is_some_and(|tag| is_chrome(tree, n, tag));
    }
    dropped
}

fn is_chrome(tree: &Tree, node: usize, tag: &super::tokens::Tag) -> bool {
    if CHROME_TAGS.contains(&tag.name.as_str()) {
        return true;
    }
    if tag.name == "header" && !inside(tree, node, &["article", "main"]) {
        return true;
    }
    if tag.attribute("hidden").is_some() || tag.attribute("aria-hidden") == Some("true") {
        return true;
    }
    let style = tag.attribute("style").unwrap_or("").to_ascii_lowercase();
    let style: String = style.split_whitespace().collect();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    if tag
        .attribute("role")
        .is_some_and(|role| CHROME_ROLES.contains(&role))
    {
        return true;
    }
    if matches!(tag.name.as_str(), "body" | "html" | "article" | "main") {
        return false;
    }
    let names = format!(
        "{} {}",
        tag.attribute("class").unwrap_or(""),
        tag.attribute("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    UNLIKELY.iter().any(|w| names.contains(w)) && !MAYBE_CONTENT.iter().any(|w| names.contains(w))
}

fn inside(tree: &Tree, node: usize, names: &[&str]) -> bool {
    let mut at = tree.nodes[node].parent;
    while let Some(n) = at {
        if tree.name(n).is_some_and(|name| names.contains(&name)) {
            return true;
        }
        at = tree.nodes[n].parent;
    }
    false
}

/// Chars of text under each node, and of link text, chrome left out.
struct Sizes {
    text: Vec<usize>,
    links: Vec<usize>,
}

impl Sizes {
    fn new(tree: &Tree, html: &str, dropped: &[bool]) -> Sizes {
        let count = tree.nodes.len();
        let (mut text, mut links) = (vec![0; count], vec![0; count]);
        // Children come after their parent: add up from the last node back.
        for n in (0..count).rev() {
            if dropped[n] {
                continue;
            }
            if let Kind::Text(range) = &tree.nodes[n].kind {
                text[n] = html[range.clone()].split_whitespace().map(str::len).sum();
            }
            if tree.name(n) == Some("a") {
                links[n] = text[n];
            }
            if let Some(parent) = tree.nodes[n].parent {
                text[parent] += text[n];
                links[parent] += links[n];
            }
        }
        Sizes { text, links }
    }

    fn link_density(&self, node: usize) -> f64 {
        if self.text[node] == 0 {
            return 1.0;
        }
        self.links[node] as f64 / self.text[node] as f64
    }
}

/// Readability's scoring: each paragraph votes for its parent (whole) and
/// grandparent (half); the best container, scaled by how few of its words
/// are links, wins, with the siblings that score nearly as well.
fn by_score(tree: &Tree, html: &str, dropped: &[bool], sizes: &Sizes) -> Option<Vec<usize>> {
    let mut score = vec![0.0f64; tree.nodes.len()];
    for (n, _) in dropped.iter().enumerate().filter(|(_, dropped)| !**dropped) {
        if !matches!(tree.name(n), Some("p" | "pre" | "td" | "blockquote" | "li")) {
            continue;
        }
        let chars = sizes.text[n];
        if chars < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let commas = tree
            .descendants(n)
            .iter()
            .filter_map(|&d| match &tree.nodes[d].kind {
                Kind::Text(range) => Some(html[range.clone()].matches([',', '،', '，']).count()),
                _ => None,
            })
            .sum::<usize>();
        let vote = 1.0 + commas as f64 + (chars as f64 / 100.0).min(3.0);
        let parent = tree.nodes[n].parent;
        if let Some(parent) = parent {
            score[parent] += vote;
            if let Some(grandparent) = tree.nodes[parent].parent {
                score[grandparent] += vote / 2.0;
            }
        }
    }
    let scaled = |n: usize| score[n] * (1.0 - sizes.link_density(n));
    let top = (1..tree.nodes.len())
        .filter(|&n| score[n] > 0.0)
        .max_by(|&a, &b| scaled(a).total_cmp(&scaled(b)))?;
    let Some(parent) = tree.nodes[top].parent.filter(|&p| p != 0) else {
        return Some(vec![top]);
    };
    let threshold = (scaled(top) * 0.2).max(10.0);
    let roots = tree.nodes[parent]
        .children
        .iter()
        .copied()
        .filter(|&s| !dropped[s])
        .filter(|&s| {
            s == top
                || scaled(s) >= threshold
                || (tree.name(s) == Some("p") && sizes.text[s] > 80 && sizes.link_density(s) < 0.25)
        })
        .collect();
    Some(roots)
}
