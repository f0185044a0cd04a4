//! The review UI reading a web page and a PDF in the background: what
//! arrives is what a whole load gives, a PDF's quotes cited by page and a
//! page's own title filled in. One test alone in this binary: it points the
//! extraction cache at a temporary directory through the environment,
//! which no other thread may read meanwhile.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use common::screen::{render, text_of};
use crux::load::{Anchored, Plan};
use crux::model::Dataset;
use crux::tui::app::App;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped example where `brief` is a saved web page (which
/// names its title; the claims file gives none) and `faultlines` a PDF.
fn example_with_a_page_and_a_pdf(dir: &Path) -> PathBuf {
    let mut claims = std::fs::read_to_string(repo().join("claims.toml")).unwrap();
    for (written, copy, from) in [
        (
            "seeds/000_51f97351354bb297.txt",
            "000.html",
            "tests/fixtures/html/seeds/000_51f97351354bb297.html",
        ),
        (
            "seeds/002_a4b8eb8b2eee3022.txt",
            "002.pdf",
            "tests/fixtures/pdf/seeds/002-chromium.pdf",
        ),
    ] {
        std::fs::copy(repo().join(from), dir.join(copy)).unwrap();
        claims = claims.replace(written, copy);
    }
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    for seed in [
        "001_38e6418e6546200a",
        "003_58c47bfb15e2261f",
        "004_598b9436efe036ce",
    ] {
        let name = format!("seeds/{seed}.txt");
        std::fs::copy(repo().join(&name), dir.join(&name)).unwrap();
    }
    let path = dir.join("claims.toml");
    std::fs::write(&path, claims).unwrap();
    path
}

fn anchor(dataset: &Dataset) -> Vec<Anchored> {
    let arrived = Mutex::new(Vec::new());
    Plan::new(dataset).run(&AtomicBool::new(false), |a| arrived.lock().unwrap().push(a));
    arrived.into_inner().unwrap()
}

fn anchors(dataset: &Dataset) -> Vec<Option<crux::model::Anchor>> {
    let spans = dataset.claims.iter().flat_map(|c| &c.spans);
    spans.map(|s| s.anchor.clone()).collect()
}

#[test]
fn a_page_and_a_pdf_read_in_the_background_are_cited_as_a_whole_load_cites_them() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the only test of this binary, before it starts any thread.
    unsafe { std::env::set_var("XDG_CACHE_HOME", dir.path().join("cache")) };
    let path = example_with_a_page_and_a_pdf(dir.path());
    let fresh = crux::load(&path);

    let mut app = App::anchoring(crux::load::without_documents(&path));
    let pdf = app.dataset().source_index("faultlines").unwrap();
    let page = app.dataset().source_index("brief").unwrap();
    assert_eq!(app.dataset().sources[page].title, None);
    let quoting_the_pdf = app
        .dataset()
        .claims
        .iter()
        .position(|c| c.spans.iter().all(|s| s.source == "faultlines"))
        .unwrap();
    app.select_claim(crux::ix::ClaimIx(quoting_the_pdf));
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(screen.contains("not read yet"), "{screen}");

    let documents = anchor(app.dataset());
    let generation = app.generation;
    app.anchored(generation, documents, None);
    assert!(app.data.anchoring.is_none());
    assert_eq!(anchors(app.dataset()), anchors(&fresh));
    assert_eq!(app.dataset().diagnostics, fresh.diagnostics);
    assert!(
        app.dataset().sources[page].title.is_some(),
        "the page's own title fills the one the claims file leaves out"
    );
    assert_eq!(app.dataset().sources[page].title, fresh.sources[page].title);
    let cited = app.dataset().claims[quoting_the_pdf].spans[0]
        .anchor
        .as_ref()
        .expect("a quote anchored in the PDF");
    let citation = cited.cited_line();
    assert!(citation.starts_with("p. "), "{citation}");
    assert!(
        app.data
            .document(pdf)
            .is_some_and(|d| !d.pages().is_empty())
    );
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(screen.contains(&citation), "{citation} in:\n{screen}");
}
