//! Saved pages from another extraction tool's test corpus
//! (tests/fixtures/html/real, see its README): the article, the metadata and
//! nothing of the scripts or the site's footer.

use std::path::PathBuf;

use crux::document::{Document, Format};

fn page(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/real")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    Document::new(Format::of_path(name), text).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

#[test]
fn a_product_page_keeps_its_features_and_drops_scripts_and_footer() {
    let doc = page("mozilla.org.firefox.developer.html");
    let meta = doc.metadata();
    assert_eq!(
        meta.title.as_deref(),
        Some("Welcome to Firefox Developer Edition")
    );
    assert_eq!(
        meta.url.as_deref(),
        Some("https://www.mozilla.org/en-US/firefox/39.0a2/firstrun/")
    );
    let text = doc.text();
    assert!(text.contains(
        "Examine the HTML and CSS of any Web page and easily modify the structure and layout of a page."
    ));
    for chrome in ["_gaq", "inpage_linkid", "Cookies", "Legal"] {
        assert!(
            !text.contains(chrome),
            "{chrome:?} from the page's chrome is in the text"
        );
    }
}

#[test]
fn a_page_without_a_title_takes_its_author_and_its_text() {
    let doc = page("http_sample.html");
    assert_eq!(doc.metadata().author.as_deref(), Some("Herman Melville"));
    assert!(
        doc.text()
            .starts_with("Availing himself of the mild, summer-cool weather")
    );
    assert!(
        doc.text()
            .contains("Perth, the begrimed, blistered old blacksmith")
    );
}

#[test]
fn preformatted_unicode_keeps_its_lines_and_characters() {
    let doc = page("utf8.html");
    assert_eq!(doc.metadata().title.as_deref(), Some("Unicode Demo"));
    let text = doc.text();
    assert!(
        text.contains("\n  ∮ E⋅da = Q,  n → ∞, ∑ f(i) = ∏ g(i),"),
        "{}",
        &text[..600]
    );
    assert!(text.contains("STARGΛ̊TE SG-1, a = v̇ = r̈, a⃑ ⊥ b⃑"));
    assert!(text.contains("║   • the euro symbol: │ 14.95 € │         ║"));
}
