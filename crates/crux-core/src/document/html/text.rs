//! The article's text as a reader shows it: whitespace collapsed as a
//! browser does (kept in `<pre>`), character references decoded, a blank
//! line between paragraphs and headings, a line break for a list item or
//! `<br>`; every byte mapped back to the file.

use std::ops::Range;

use super::entities::references;
use super::tree::{Kind, Tree};
use crate::document::{Block, BlockKind, Emphasis, MapBuilder};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Space,
    Line,
    Paragraph,
}

pub struct Rendered {
    pub text: String,
    pub map: crate::document::OffsetMap,
    pub blocks: Vec<Block>,
    pub emphasis: Vec<(Range<usize>, Emphasis)>,
}

pub fn render(html: &str, tree: &Tree, roots: &[usize], dropped: &[bool]) -> Rendered {
    let mut render = Render {
        html,
        tree,
        dropped,
        out: MapBuilder::with_capacity(html.len() / 2),
        pending: None,
        space: None,
        pre: 0,
        blocks: Vec::new(),
        emphasis: Vec::new(),
    };
    for &root in roots {
        render.node(root);
    }
    let Render {
        out,
        mut blocks,
        mut emphasis,
        ..
    } = render;
    let (text, map) = out.finish(html.len());
    blocks.sort_by_key(|b| b.range.start);
    emphasis.sort_by_key(|(r, _)| r.start);
    Rendered {
        text,
        map,
        blocks,
        emphasis,
    }
}

struct Render<'a> {
    html: &'a str,
    tree: &'a Tree,
    dropped: &'a [bool],
    out: MapBuilder,
    /// A break owed before the next text, and the bytes it stands for.
    pending: Option<(Break, Range<usize>)>,
    /// Collapsed whitespace owed before the next text: its first char.
    space: Option<Range<usize>>,
    /// Depth of `<pre>` elements open.
    pre: usize,
    blocks: Vec<Block>,
    emphasis: Vec<(Range<usize>, Emphasis)>,
}

impl Render<'_> {
    fn node(&mut self, node: usize) {
        if self.dropped[node] {
            return;
        }
        match &self.tree.nodes[node].kind {
            Kind::Text(range) => self.text(range.clone()),
            Kind::Root => self.children(node),
            Kind::Element(tag) => {
                let name = tag.name.as_str();
                let tag_range = tag.range.clone();
                let shape = shape(name);
                if let Some(brk) = shape.brk {
                    self.owe(brk, tag_range.clone());
                }
                if name == "img" {
                    // An image's words are its alt text, shown only in a figure's caption.
                    return;
                }
                let start = self.out.text.len();
                self.pre += usize::from(name == "pre");
                self.children(node);
                self.pre -= usize::from(name == "pre");
                if let Some(brk) = shape.brk {
                    // Stands for the place where the next text starts.
                    self.owe(brk, 0..0);
                }
                let range = self.trimmed(start);
                if range.is_empty() {
                    return;
                }
                if let Some(kind) = shape.block {
                    self.blocks.push(Block {
                        range: range.clone(),
                        kind,
                    });
                }
                if let Some(emphasis) = shape.emphasis {
                    self.emphasis.push((range, emphasis));
                }
            }
        }
    }

    fn children(&mut self, node: usize) {
        for i in 0..self.tree.nodes[node].children.len() {
            self.node(self.tree.nodes[node].children[i]);
        }
    }

    /// From `start` to the end of the text, leading line breaks and spaces left out.
    fn trimmed(&self, start: usize) -> Range<usize> {
        let text = &self.out.text[start..];
        let skipped = text.len() - text.trim_start_matches(['\n', ' ']).len();
        (start + skipped)..self.out.text.len()
    }

    fn owe(&mut self, brk: Break, origin: Range<usize>) {
        match &self.pending {
            Some((had, _)) if *had >= brk => {}
            _ => self.pending = Some((brk, origin)),
        }
    }

    /// Writes what is owed before text from source byte `at`.
    fn settle(&mut self, at: usize) {
        let text = &self.out.text;
        let line_start = text.is_empty() || text.ends_with('\n');
        match self.pending.take() {
            Some((brk, origin)) if !text.is_empty() => {
                let origin = if origin.is_empty() { at..at } else { origin };
                let shown = match brk {
                    Break::Paragraph if text.ends_with("\n\n") => "",
                    Break::Paragraph if text.ends_with('\n') => "\n",
                    Break::Paragraph => "\n\n",
                    Break::Line if line_start => "",
                    Break::Line => "\n",
                    Break::Space if line_start || text.ends_with(' ') => "",
                    Break::Space => " ",
                };
                self.out.emit(shown, origin);
                self.space = None;
            }
            _ => {
                if let Some(space) = self.space.take()
                    && !line_start
                {
                    self.out.emit(" ", space);
                }
            }
        }
        self.space = None;
    }

    fn text(&mut self, range: Range<usize>) {
        let raw = &self.html[range.clone()];
        let mut from = 0;
        for (reference, decoded) in references(raw) {
            self.literal(range.start + from, &raw[from..reference.start]);
            let origin = range.start + reference.start..range.start + reference.end;
            if self.pre == 0 && decoded.chars().all(is_collapsible) {
                self.space.get_or_insert(origin);
            } else {
                self.settle(origin.start);
                self.out.emit(&decoded, origin);
            }
            from = reference.end;
        }
        self.literal(range.start + from, &raw[from..]);
    }

    /// Text with no character reference in it, starting at source byte `origin`.
    fn literal(&mut self, origin: usize, text: &str) {
        let mut at = 0;
        let bytes = text.as_bytes();
        while at < bytes.len() {
            let run = text[at..]
                .find(|c: char| {
                    if self.pre > 0 {
                        c == '\r'
                    } else {
                        is_collapsible(c)
                    }
                })
                .map_or(text.len(), |i| at + i);
            if run > at {
                self.settle(origin + at);
                self.out.copy(&text[at..run], origin + at);
                at = run;
                continue;
            }
            // One collapsible char (or, in `<pre>`, a CR, which is dropped).
            if self.pre == 0 {
                self.space.get_or_insert(origin + at..origin + at + 1);
            }
            at += 1;
        }
    }
}

fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

#[derive(Default)]
struct Shape {
    brk: Option<Break>,
    block: Option<BlockKind>,
    emphasis: Option<Emphasis>,
}

fn shape(name: &str) -> Shape {
    let heading = |level: u8| Shape {
        brk: Some(Break::Paragraph),
        block: Some(BlockKind::Heading(level)),
        emphasis: Some(Emphasis::Heading),
    };
    let paragraph = |block: Option<BlockKind>| Shape {
        brk: Some(Break::Paragraph),
        block,
        emphasis: None,
    };
    let inline = |emphasis: Emphasis| Shape {
        emphasis: Some(emphasis),
        ..Shape::default()
    };
    match name {
        "h1" => heading(1),
        "h2" => heading(2),
        "h3" => heading(3),
        "h4" => heading(4),
        "h5" => heading(5),
        "h6" => heading(6),
        "p" | "blockquote" | "pre" | "figcaption" | "address" => {
            paragraph(Some(BlockKind::Paragraph))
        }
        "div" | "section" | "article" | "main" | "header" | "figure" | "table" | "ul" | "ol"
        | "dl" | "hr" | "details" | "summary" | "body" => paragraph(None),
        "li" | "dd" | "dt" => Shape {
            brk: Some(Break::Line),
            block: Some(BlockKind::ListItem),
            emphasis: None,
        },
        "br" | "tr" => Shape {
            brk: Some(Break::Line),
            ..Shape::default()
        },
        "td" | "th" => Shape {
            brk: Some(Break::Space),
            ..Shape::default()
        },
        "b" | "strong" => inline(Emphasis::Bold),
        "i" | "em" | "cite" => inline(Emphasis::Italic),
        "a" => inline(Emphasis::Link),
        _ => Shape::default(),
    }
}
