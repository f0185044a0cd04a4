use std::ops::Range;

use proptest::prelude::*;

use super::*;
use crate::anchor::{NormalizedText, QuoteQuery, Resolution, resolve_all};

fn shown(original: &str, range: Range<usize>) -> String {
    let doc = Document::light_markup(original);
    doc.text()[doc.display_range(&range)].to_string()
}

#[test]
fn markup_is_shown_as_text() {
    let doc = Document::light_markup(
        "## Title\n\nBy [Vasif](#) on **March 14**, Houé<sup>1</sup>, *Dəmir*.\n",
    );
    assert_eq!(doc.text(), "Title\n\nBy Vasif on March 14, Houé1, Dəmir.\n");
    let at = |s: &str| doc.text().find(s).unwrap();
    assert_eq!(doc.emphasis_at(0), Some(Emphasis::Heading));
    assert_eq!(doc.emphasis_at(at("Vasif")), Some(Emphasis::Link));
    assert_eq!(doc.emphasis_at(at("March")), Some(Emphasis::Bold));
    assert_eq!(doc.emphasis_at(at("Dəmir")), Some(Emphasis::Italic));
    assert_eq!(doc.emphasis_at(at("on")), None);
    assert_eq!(
        doc.blocks(),
        [
            Block {
                range: 0..5,
                kind: BlockKind::Heading(2)
            },
            Block {
                range: 7..doc.text().len() - 1,
                kind: BlockKind::Paragraph
            }
        ]
    );
}

#[test]
fn html_emphasis_and_line_ends_are_not_shown() {
    let doc = Document::light_markup(
        "\u{feff}<em>a</em> <STRONG>b</STRONG> H<sub>2</sub>O\r\nnext\rline",
    );
    assert_eq!(doc.text(), "a b H2O\nnext\rline");
    assert_eq!(doc.emphasis_at(0), Some(Emphasis::Italic));
    assert_eq!(doc.emphasis_at(2), Some(Emphasis::Bold));
    assert_eq!(doc.emphasis_at(4), None);
}

#[test]
fn ranges_map_through_removed_markup() {
    let original = "x [Azerbaijan sent a convoy](#) — flour";
    let quote = original.find("a convoy").unwrap();
    assert_eq!(shown(original, quote..quote + "a convoy".len()), "a convoy");
    let whole = original.find("Azerbaijan").unwrap()..original.find(" —").unwrap();
    assert_eq!(shown(original, whole), "Azerbaijan sent a convoy");
    let bold = "### **Strikes and** after";
    let s = bold.find("Strikes").unwrap();
    assert_eq!(shown(bold, s..bold.len()), "Strikes and after");
}

#[test]
fn display_ranges_map_back_without_the_markup() {
    let original = "By [Vasif](#) on **March 14**, Houé said.";
    let doc = Document::light_markup(original);
    let back = |shown: &str| {
        let at = doc.text().find(shown).unwrap();
        original[doc.quoted_range(&(at..at + shown.len()))].to_string()
    };
    assert_eq!(back("Vasif"), "Vasif");
    assert_eq!(back("March 14"), "March 14");
    assert_eq!(back("Vasif on March"), "Vasif](#) on **March");
    assert_eq!(back("Houé said."), "Houé said.");
    assert_eq!(back("é"), "é");
}

#[test]
fn brackets_without_a_link_are_kept() {
    assert_eq!(Document::light_markup("a [note] b").text(), "a [note] b");
    assert_eq!(
        Document::light_markup("[x](not a url)").text(),
        "[x](not a url)"
    );
}

/// What the reader shows of a quote found across markup is exactly the
/// quote's words: matching and the reader leave out the same markup.
#[test]
fn anchoring_and_the_reader_agree_on_what_markup_is() {
    let original =
        "The <em>Iron</em> *Fist* drill, H<sub>2</sub>O, __loud__ [noted](#) on **5 March**.";
    let doc = Document::light_markup(original);
    for quote in ["Iron Fist drill, H2O", "loud noted on 5 March"] {
        let query = QuoteQuery {
            quote,
            ..QuoteQuery::default()
        };
        let Resolution::Normalized(range) = resolve_all(doc.quotable(), &[query]).remove(0) else {
            panic!("{quote:?} not found after normalization");
        };
        assert_eq!(&doc.text()[doc.display_range(&range)], quote);
    }
}

proptest! {
    /// The normalized text of a document is its text shown, folded: no
    /// markup is ignored by one and shown by the other.
    #[test]
    fn normalizing_the_file_is_folding_the_text_shown(
        text in "[\\[\\]()#*_<>/a-z \t\r\n…é’]{0,60}|(<(/)?(em|sub|sup|b|i|strong)>|[a-z ]{1,4}|\\*\\*?|__|\\n#+ |\\[|\\]\\(#\\)){0,20}"
    ) {
        let doc = Document::light_markup(&text);
        let plain = NormalizedText::of(Quotable { text: doc.text(), markup: false });
        let whole = NormalizedText::new(&text);
        prop_assert_eq!(plain.as_str(), whole.as_str());
    }
}

#[test]
fn a_quoted_range_leads_back_to_the_bytes_of_the_file() {
    let page = "<html><body><nav>Home</nav><article><p>The drones came from \
                <a href=\"/x\">Iranian territory</a>, officials said.</p></article></body></html>";
    let doc = Document::new(Format::Html, page.to_string()).unwrap();
    let quoted = doc.quoted();
    let start = quoted.find("drones").unwrap();
    let end = quoted.find("territory").unwrap() + "territory".len();
    let in_file = doc.original_range(&(start..end));
    assert!(page[in_file.clone()].starts_with("drones came from <a href"));
    assert!(page[in_file].ends_with("Iranian territory"));

    let text = Document::light_markup("one **two** three");
    assert_eq!(
        text.original_range(&(4..11)),
        4..11,
        "a .txt quotes its own bytes"
    );
}

#[test]
fn checking_a_light_markup_document_extracts_nothing() {
    let doc = Document::light_markup("## A\n\nsome **bold** text\r\nnext\n");
    let at = doc.original().find("text").unwrap();
    let _ = (doc.line_col(at), doc.char_range(&(at..at + 4)));
    let _ = (doc.quoted_line(3), doc.original_range(&(at..at + 4)));
    let _ = (
        doc.page_line(at),
        doc.metadata(),
        doc.warnings("a.txt", true),
    );
    assert!(doc.pages().is_empty());
    assert!(
        doc.shown.get().is_none(),
        "the text shown was extracted for checking"
    );
    assert_eq!(doc.text(), "A\n\nsome bold text\nnext\n");
}

#[test]
fn a_text_shown_equal_to_the_file_is_held_once() {
    let plain = Document::light_markup("no markup at all\nhere\n");
    assert_eq!(plain.text().as_ptr(), plain.original().as_ptr());
    let pdf = Document::new(Format::Pdf, "page one\n".to_string()).unwrap();
    assert_eq!(pdf.text().as_ptr(), pdf.original().as_ptr());
    assert_eq!(pdf.text(), "page one\n");
    let marked = Document::light_markup("a **b** c");
    assert_ne!(marked.text().as_ptr(), marked.original().as_ptr());
    assert_eq!(marked.map().source_range(2..3), 4..5);
}
