use super::*;
use crate::document::{BlockKind, Document, Emphasis, Format};

const PAGE: &str = r##"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Drones &amp; Borders | The Site</title>
<meta property="og:title" content="Drones &amp; Borders">
<meta name="author" content="Ann Author">
<meta property="article:published_time" content="2026-03-14T08:00:00Z">
<link rel="canonical" href="https://example.org/drones?a=1&amp;b=2">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Drones &amp; Borders</h1>
<div class="share-bar"><a href="#">Share on X</a></div>
<p>On March&nbsp;5, <a href="/x">several drones</a> struck
   targets in Nakhchivan&mdash;the airport, a school.</p>
<p>Baku called it &ldquo;<em>entirely</em> baseless.&rdquo;<sup>1</sup></p>
<ul><li>one point</li><li>two points</ul>
<aside class="related"><h2>Related</h2><a href="/y">Other story</a></aside>
</article>
<footer>© 2026 The Site</footer>
</body></html>"##;

fn page() -> Document {
    Document::new(Format::Html, PAGE.to_string()).unwrap()
}

#[test]
fn the_article_is_extracted_and_chrome_left_out() {
    assert_eq!(
        page().text(),
        "Drones & Borders\n\nOn March\u{a0}5, several drones struck targets in Nakhchivan—the airport, a school.\n\nBaku called it “entirely baseless.”1\n\none point\ntwo points"
    );
}

#[test]
fn every_char_of_the_text_maps_back_to_the_file() {
    let doc = page();
    let text = doc.text();
    let at = |s: &str| text.find(s).unwrap();
    let original = |s: &str| {
        let start = at(s);
        &PAGE[doc.map().source_range(start..start + s.len())]
    };
    assert_eq!(
        original("several drones struck"),
        "several drones</a> struck"
    );
    assert_eq!(original("&"), "&amp;");
    assert_eq!(original("—"), "&mdash;");
    assert_eq!(original("struck targets"), "struck\n   targets");
    let line = PAGE[..PAGE.find("<p>On March").unwrap()].lines().count() + 1;
    let col = PAGE.lines().nth(line - 1).unwrap().find("several").unwrap() + 1;
    let position = doc.line_col(at("several"));
    assert_eq!((position.line, position.col), (line, col));
}

#[test]
fn structure_and_emphasis() {
    let doc = page();
    let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    let text = doc.text();
    assert_eq!(
        doc.emphasis_at(text.find("several").unwrap()),
        Some(Emphasis::Link)
    );
    assert_eq!(
        doc.emphasis_at(text.find("entirely").unwrap()),
        Some(Emphasis::Italic)
    );
    assert_eq!(doc.emphasis_at(0), Some(Emphasis::Heading));
}

#[test]
fn metadata_is_read() {
    let doc = page();
    let meta = doc.metadata();
    assert_eq!(meta.title.as_deref(), Some("Drones & Borders"));
    assert_eq!(meta.author.as_deref(), Some("Ann Author"));
    assert_eq!(meta.date.as_deref(), Some("2026-03-14"));
    assert_eq!(
        meta.url.as_deref(),
        Some("https://example.org/drones?a=1&b=2")
    );
}

#[test]
fn pages_without_an_article_say_why() {
    assert_eq!(extract("").unwrap_err(), Problem::NoText);
    assert_eq!(
        extract("<html><head><title>t</title><script>x</script></head><body> </body>").unwrap_err(),
        Problem::NoText
    );
    assert_eq!(
        extract("<body><nav><a href=/>Home</a></nav><footer>© Site</footer></body>").unwrap_err(),
        Problem::NoArticle
    );
}

#[test]
fn a_page_of_divs_is_scored_and_siblings_kept() {
    let long = "This paragraph is long enough, with commas, to count as article text.";
    let html = format!(
        "<body><div id=menu-x><a href=/>Home</a></div><div class=wrap><div class=story>\
         <p>{long} One.</p><p>{long} Two.</p></div><p>{long} Three.</p></div>\
         <div class=links><a href=/a>Link one</a> <a href=/b>Link two</a></div></body>"
    );
    let text = extract(&html).unwrap().text;
    assert!(
        text.contains("One.") && text.contains("Two.") && text.contains("Three."),
        "{text}"
    );
    assert!(
        !text.contains("Home") && !text.contains("Link one"),
        "{text}"
    );
}

#[test]
fn declared_charsets_are_found() {
    assert_eq!(
        declared_charset(b"<meta charset=\"Shift_JIS\">").as_deref(),
        Some("shift_jis")
    );
    assert_eq!(
        declared_charset(
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>"
        )
        .as_deref(),
        Some("windows-1252")
    );
    assert_eq!(declared_charset(b"<p>no charset</p>"), None);
}
