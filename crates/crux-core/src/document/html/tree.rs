//! The element tree of a page, built from its tokens with the HTML rules
//! that decide where a saved article's text belongs: void elements, a `<p>`
//! or `<li>` closed by the next block, end tags that close what they name.

use std::ops::Range;

use super::tokens::{Tag, Token, tokenize};

#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

#[derive(Debug)]
pub enum Kind {
    /// The document itself: the root, node 0.
    Root,
    Element(Tag),
    /// Raw text, character references not yet decoded.
    Text(Range<usize>),
}

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
];

/// Elements an implied end never reaches past.
const SCOPE: [&str; 8] = ["html", "body", "table", "td", "th", "ul", "ol", "button"];

impl Tree {
    pub fn parse(html: &str) -> Tree {
        let mut tree = Tree {
            nodes: vec![Node {
                kind: Kind::Root,
                parent: None,
                children: Vec::new(),
            }],
        };
        let mut open: Vec<usize> = vec![0];
        for token in tokenize(html) {
            match token {
                Token::Text(range) => {
                    tree.add(*open.last().unwrap_or(&0), Kind::Text(range));
                }
                Token::Start(tag) => {
                    tree.close_implied(&mut open, &tag.name);
                    let void = VOID.contains(&tag.name.as_str());
                    let node = tree.add(*open.last().unwrap_or(&0), Kind::Element(tag));
                    if !void {
                        open.push(node);
                    }
                }
                Token::End { name, .. } => {
                    let found = open
                        .iter()
                        .rposition(|&n| tree.name(n) == Some(name.as_str()));
                    if let Some(at) = found.filter(|&at| at > 0) {
                        open.truncate(at);
                    }
                }
            }
        }
        tree
    }

    pub fn name(&self, node: usize) -> Option<&str> {
        match &self.nodes[node].kind {
            Kind::Element(tag) => Some(&tag.name),
            _ => None,
        }
    }

    pub fn tag(&self, node: usize) -> Option<&Tag> {
        match &self.nodes[node].kind {
            Kind::Element(tag) => Some(tag),
            _ => None,
        }
    }

    /// `node` and everything under it, in document order.
    pub fn descendants(&self, node: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    fn add(&mut self, parent: usize, kind: Kind) -> usize {
        let node = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent: Some(parent),
            children: Vec::new(),
        });
        self.nodes[parent].children.push(node);
        node
    }

    /// Closes what a start tag `name` ends without an end tag of its own.
    fn close_implied(&self, open: &mut Vec<usize>, name: &str) {
        let closes: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            "option" => &["option"],
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &["h1", "h2", "h3", "h4", "h5", "h6"],
            _ => &[],
        };
        let mut targets: Vec<&str> = closes.to_vec();
        if CLOSES_P.contains(&name) {
            targets.push("p");
        }
        for target in targets {
            let found = open.iter().rposition(|&n| {
                let here = self.name(n).unwrap_or("");
                here == target
            });
            let Some(at) = found.filter(|&at| at > 0) else {
                continue;
            };
            let scoped = open[at + 1..]
                .iter()
                .any(|&n| self.name(n).is_some_and(|here| SCOPE.contains(&here)));
            if !scoped {
                open.truncate(at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(html: &str) -> String {
        let tree = Tree::parse(html);
        fn walk(tree: &Tree, html: &str, node: usize, out: &mut String) {
            for &child in &tree.nodes[node].children {
                match &tree.nodes[child].kind {
                    Kind::Element(tag) => {
                        out.push_str(&format!("({}", tag.name));
                        walk(tree, html, child, out);
                        out.push(')');
                    }
                    Kind::Text(range) => out.push_str(&html[range.clone()]),
                    Kind::Root => {}
                }
            }
        }
        let mut out = String::new();
        walk(&tree, html, 0, &mut out);
        out
    }

    #[test]
    fn implied_ends_and_void_elements() {
        assert_eq!(
            outline("<p>one<p>two<br>three<div>x</div>"),
            "(pone)(ptwo(br)three)(divx)"
        );
        assert_eq!(
            outline("<ul><li>a<li>b<ul><li>c</ul></ul>"),
            "(ul(lia)(lib(ul(lic))))"
        );
        assert_eq!(outline("<b>x</i>y</b>z</div>"), "(bxy)z");
    }
}
