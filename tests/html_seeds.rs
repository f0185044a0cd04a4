//! The shipped claims.toml against the seed articles saved as web pages
//! (tests/fixtures/html/seeds, made by render_seeds.py there): the same
//! quotes anchor in the pages' article text, and every place cited is in
//! the .html file.

use std::path::{Path, PathBuf};

use crux::model::Dataset;

const SEEDS: [&str; 5] = [
    "000_51f97351354bb297",
    "001_38e6418e6546200a",
    "002_a4b8eb8b2eee3022",
    "003_58c47bfb15e2261f",
    "004_598b9436efe036ce",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example whose sources are the saved pages.
fn example_with_pages(dir: &Path) -> PathBuf {
    let mut claims = std::fs::read_to_string(repo().join("claims.toml")).unwrap();
    std::fs::create_dir_all(dir.join("pages")).unwrap();
    for seed in SEEDS {
        let page = repo().join(format!("tests/fixtures/html/seeds/{seed}.html"));
        std::fs::copy(page, dir.join(format!("pages/{seed}.html"))).unwrap();
        claims = claims.replace(&format!("seeds/{seed}.txt"), &format!("pages/{seed}.html"));
    }
    let path = dir.join("claims.toml");
    std::fs::write(&path, claims).unwrap();
    path
}

/// Loads with the extraction cache in `cache`, one test at a time: the
/// environment is the process's.
fn load_without_cache(path: &Path, cache: &Path) -> Dataset {
    static ENVIRONMENT: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _alone = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: the lock keeps this file's tests from reading or writing the
    // environment meanwhile, and they start no other threads that do.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache) };
    crux::load(path)
}

#[test]
fn the_shipped_quotes_anchor_in_the_saved_pages() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = load_without_cache(&example_with_pages(dir.path()), &dir.path().join("cache"));
    let unreadable: Vec<_> = dataset
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "E0012" || d.code.id() == "E0013")
        .map(|d| d.message.clone())
        .collect();
    assert!(unreadable.is_empty(), "{unreadable:?}");
    let spans: Vec<_> = dataset.claims.iter().flat_map(|c| &c.spans).collect();
    let anchored = spans.iter().filter(|s| s.anchor.is_some()).count();
    let share = anchored as f64 / spans.len() as f64;
    let missing: Vec<&str> = spans
        .iter()
        .filter(|s| s.anchor.is_none())
        .map(|s| s.quote.as_str())
        .collect();
    let exact = spans
        .iter()
        .filter(|s| {
            s.anchor
                .as_ref()
                .is_some_and(|a| a.kind == crux::model::MatchKind::Exact)
        })
        .count();
    eprintln!(
        "{anchored} of {} quotes anchored in the saved pages ({:.1}%), {exact} verbatim; {} diagnostics",
        spans.len(),
        share * 100.0,
        dataset.diagnostics.len()
    );
    assert!(
        share >= 0.95,
        "{:.1}% anchored; not: {missing:#?}",
        share * 100.0
    );
}

#[test]
fn places_are_cited_in_the_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_with_pages(dir.path());
    let dataset = load_without_cache(&path, &dir.path().join("cache"));
    let claim = dataset.claim("inss-four-drones").unwrap();
    let anchor = claim.spans[0].anchor.as_ref().unwrap();
    let html = std::fs::read_to_string(dir.path().join("pages/003_58c47bfb15e2261f.html")).unwrap();
    let line = html.lines().nth(anchor.start.line - 1).unwrap();
    let from_col: String = line.chars().skip(anchor.start.col - 1).collect();
    assert!(
        from_col.starts_with("that four Iranian drones"),
        "{}:{} is {from_col:?}",
        anchor.start.line,
        anchor.start.col
    );
    let source = dataset.source("inss").unwrap();
    assert_eq!(
        &source.text().unwrap()[anchor.bytes.clone()],
        "that four Iranian drones had taken part in the attack"
    );
}

#[test]
fn a_page_names_its_source_unless_the_claims_file_does() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = load_without_cache(&example_with_pages(dir.path()), &dir.path().join("cache"));
    let inss = dataset.source("inss").unwrap();
    assert_eq!(
        inss.author.as_deref(),
        Some("Elie Houé"),
        "claims.toml's own"
    );
    assert_eq!(
        inss.url.as_deref(),
        Some("https://example.org/publication/alignment-and-restraint/"),
        "the page's canonical address, claims.toml giving none"
    );
    let huseynov = dataset.source("huseynov").unwrap();
    assert_eq!(huseynov.date.as_deref(), Some("2026-03-14"));
    assert_eq!(
        huseynov.url.as_deref(),
        Some("https://example.org/analysis/azerbaijan-balancing-act")
    );
    let brief = dataset.source("brief").unwrap();
    assert_eq!(
        brief.date.as_deref(),
        Some("2026-03-10"),
        "claims.toml's own"
    );
    assert_eq!(brief.url, None, "the page has no canonical address");
}

#[test]
fn the_html_report_links_quotes_to_the_live_page() {
    use crux::report::{self, Format, ReportOptions};
    let dir = tempfile::tempdir().unwrap();
    let dataset = load_without_cache(&example_with_pages(dir.path()), &dir.path().join("cache"));
    let graph = crux::graph::Graph::new(&dataset);
    let html = report::render(
        &report::build(&dataset, &graph, &ReportOptions::default()),
        Format::Html,
    );
    let link = "https://example.org/publication/alignment-and-restraint/#:~:text=\
                of%20Defense%20stated-,that%20four%20Iranian%20drones,\
                part%20in%20the%20attack,-.%20One%20was";
    let at = html
        .find("four%20Iranian%20drones")
        .map(|at| &html[at..at + 200]);
    assert!(html.contains(&format!("href=\"{link}\"")), "{at:?}");
    assert_eq!(
        html.matches("#:~:text=").count() % 2,
        0,
        "each linked quote gives its blockquote's cite and its link"
    );
    // The brief has no address: its quotes are not linked.
    assert!(!html.contains("href=\"#:~:text="));
}
