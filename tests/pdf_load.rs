//! The shipped claims.toml against the seed articles printed to PDF
//! (tests/fixtures/pdf/seeds, see its README): the quotes anchor in the
//! PDFs' body text, and a PDF that cannot be read is a located diagnostic
//! that says what to do.

use std::path::{Path, PathBuf};

use crux::model::Dataset;

const SOURCES: [(&str, &str); 5] = [
    ("000", "000_51f97351354bb297"),
    ("001", "001_38e6418e6546200a"),
    ("002", "002_a4b8eb8b2eee3022"),
    ("003", "003_58c47bfb15e2261f"),
    ("004", "004_598b9436efe036ce"),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example whose sources are the seeds printed by `maker`
/// (`chromium` or `groff`), with `swap` giving other files for some.
fn example_with_pdfs(dir: &Path, maker: &str, swap: &[(&str, &str)]) -> PathBuf {
    let mut claims = std::fs::read_to_string(repo().join("claims.toml")).unwrap();
    std::fs::create_dir_all(dir.join("pdf")).unwrap();
    for (number, seed) in SOURCES {
        let file = swap
            .iter()
            .find(|(n, _)| *n == number)
            .map_or(format!("{number}-{maker}.pdf"), |(_, f)| f.to_string());
        let from = repo().join("tests/fixtures/pdf/seeds").join(&file);
        std::fs::copy(from, dir.join("pdf").join(&file)).unwrap();
        claims = claims.replace(&format!("seeds/{seed}.txt"), &format!("pdf/{file}"));
    }
    let path = dir.join("claims.toml");
    std::fs::write(&path, claims).unwrap();
    path
}

/// Loads with the extraction cache in `cache`, one test at a time: the
/// environment is the process's.
fn load_with_cache(path: &Path, cache: &Path) -> Dataset {
    static ENVIRONMENT: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _alone = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: the lock keeps this file's tests from reading or writing the
    // environment meanwhile, and they start no other threads that do.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache) };
    crux::load(path)
}

/// The share of quotes anchored, after checking that every PDF was read.
fn anchored_share(maker: &str) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let path = example_with_pdfs(dir.path(), maker, &[]);
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let unreadable: Vec<_> = dataset
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "E0012" || d.code.id() == "E0013")
        .map(|d| d.message.clone())
        .collect();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    let spans: Vec<_> = dataset.claims.iter().flat_map(|c| &c.spans).collect();
    let anchored = spans.iter().filter(|s| s.anchor.is_some()).count();
    let missing: Vec<&str> = spans
        .iter()
        .filter(|s| s.anchor.is_none())
        .map(|s| s.quote.as_str())
        .collect();
    eprintln!(
        "{maker}: {anchored} of {} quotes anchored ({:.1}%); not: {missing:#?}",
        spans.len(),
        anchored as f64 / spans.len() as f64 * 100.0
    );
    anchored as f64 / spans.len() as f64
}

#[test]
fn the_shipped_quotes_anchor_in_the_browser_prints() {
    let share = anchored_share("chromium");
    assert!(share >= FLOOR_CHROMIUM, "{:.1}%", share * 100.0);
}

#[test]
fn the_shipped_quotes_anchor_in_the_typeset_pdfs() {
    let share = anchored_share("groff");
    assert!(share >= FLOOR_GROFF, "{:.1}%", share * 100.0);
}

const FLOOR_CHROMIUM: f64 = 0.99;
const FLOOR_GROFF: f64 = 0.99;

#[test]
fn a_scan_and_an_encrypted_pdf_are_located_diagnostics_with_help() {
    let dir = tempfile::tempdir().unwrap();
    let swap = [("000", "000-scanned.pdf"), ("001", "000-encrypted.pdf")];
    let path = example_with_pdfs(dir.path(), "chromium", &swap);
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let claims_text = std::fs::read_to_string(&path).unwrap();
    for (file, says, help) in [
        ("pdf/000-scanned.pdf", "no text layer", "ocrmypdf"),
        ("pdf/000-encrypted.pdf", "encrypted PDF", "qpdf --password"),
    ] {
        let diagnostic = dataset
            .diagnostics
            .iter()
            .find(|d| d.message.contains(file))
            .unwrap_or_else(|| panic!("no diagnostic for {file}: {:#?}", dataset.diagnostics));
        assert_eq!(diagnostic.code.id(), "E0013");
        assert!(diagnostic.message.contains(says), "{}", diagnostic.message);
        assert!(
            diagnostic.help.as_deref().unwrap_or("").contains(help),
            "{:?}",
            diagnostic.help
        );
        let span = diagnostic.span.clone().expect("located");
        assert_eq!(&claims_text[span], format!("\"{file}\""));
    }
}

/// pdftotext (poppler) finds "stated that four / Iranian drones had taken
/// part" on page 2 of 003-chromium.pdf, of 4.
#[test]
fn quotes_in_a_pdf_are_cited_by_page() {
    use crux::report::{self, Format, ReportOptions};
    let dir = tempfile::tempdir().unwrap();
    let path = example_with_pdfs(dir.path(), "chromium", &[]);
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let anchor = dataset.claim("inss-four-drones").unwrap().spans[0]
        .anchor
        .clone()
        .unwrap();
    let page = anchor.page.expect("a PDF anchor has its page");
    assert_eq!(page.page, 2);
    let source = dataset.source("inss").unwrap();
    let document = source.document.as_deref().unwrap();
    let page_text = &document.text()[document.pages()[1].clone()];
    let cited = page_text.lines().nth(page.line - 1).unwrap();
    assert!(cited.contains("that four"), "line {}: {cited:?}", page.line);

    let graph = crux::graph::Graph::new(&dataset);
    let built = report::build(&dataset, &graph, &ReportOptions::default());
    let cite = format!("pdf/003-chromium.pdf, p. 2, line {}", page.line);
    for format in [Format::Markdown, Format::Html] {
        let out = report::render(&built, format);
        assert!(out.contains(&cite), "{format:?} cites no page");
    }
    let json: serde_json::Value =
        serde_json::from_str(&report::render(&built, Format::Json)).unwrap();
    let text = json.to_string();
    assert!(text.contains(&format!("\"page\":{{\"line\":{},\"page\":2}}", page.line)));

    let show = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["show", "inss-four-drones"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(shown.contains(&cite), "{shown}");
}
