//! A PDF as a source, through the loader: the title, author and date it
//! gives of itself; the warnings on its `path` about pages without text
//! and running lines left out; its extraction read back from the cache.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pdf::{pdf, stream};
use crux::model::Dataset;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
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

/// A claims file in `dir` with one source `doc` at `file` (copied from
/// the fixture `fixture`), `extra` added to its table.
fn one_source(dir: &Path, fixture_name: &str, file: &str, extra: &str) -> PathBuf {
    std::fs::copy(fixture(fixture_name), dir.join(file)).unwrap();
    let path = dir.join("claims.toml");
    std::fs::write(
        &path,
        format!("[sources.doc]\npath = \"{file}\"\n{extra}\n"),
    )
    .unwrap();
    path
}

fn with_code<'a>(dataset: &'a Dataset, code: &str) -> Vec<&'a crux::diag::Diagnostic> {
    dataset
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == code)
        .collect()
}

fn init(dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["init", "."])
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(dir.join("claims.toml")).unwrap()
}

/// The keys `crux init` wrote for the source at `path`.
fn source_keys<'a>(claims: &'a str, path: &str) -> Vec<&'a str> {
    let table = claims
        .split("\n[sources.")
        .find(|table| table.contains(&format!("path = \"{path}\"")))
        .unwrap_or_else(|| panic!("no source for {path} in\n{claims}"));
    table
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn init_takes_a_pdfs_title_author_and_date_from_its_information() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("seeds/003-groff-scanned-page.pdf", "insight.pdf"),
        ("seeds/000-chromium.pdf", "printed.pdf"),
        ("real/Seige_of_Vicksburg_Sample_OCR.pdf", "vicksburg.pdf"),
    ] {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    }
    let claims = init(dir.path());
    assert_eq!(
        source_keys(&claims, "insight.pdf"),
        [
            "path = \"insight.pdf\"",
            "title = \"Alignment and Restraint: Azerbaijan following the 2026 Iran War\"",
            "author = \"Elie Houé\"",
            "date = \"2026-07-07\"",
        ]
    );
    // Chromium's "Untitled" is no title, and a print's creation date is
    // the day it was printed, not published; its first line is a
    // sentence, not a title.
    assert_eq!(
        source_keys(&claims, "printed.pdf"),
        ["path = \"printed.pdf\""]
    );
    // A file name is no title; the author and date are the PDF's.
    assert_eq!(
        source_keys(&claims, "vicksburg.pdf"),
        [
            "path = \"vicksburg.pdf\"",
            "author = \"DSI\"",
            "date = \"2010-08-02\""
        ]
    );
}

#[test]
fn a_pdf_without_a_title_is_titled_by_its_first_line_as_a_text_file_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("real/crazyones.pdf"), dir.path().join("crazy.pdf")).unwrap();
    let claims = init(dir.path());
    assert_eq!(
        source_keys(&claims, "crazy.pdf"),
        [
            "path = \"crazy.pdf\"",
            "title = \"The Crazy Ones\"",
            "date = \"2015-06-04\""
        ]
    );
}

#[test]
fn the_pdfs_own_title_fills_the_source_unless_claims_toml_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = one_source(dir.path(), "seeds/003-groff-scanned-page.pdf", "a.pdf", "");
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let source = dataset.source("doc").unwrap();
    assert_eq!(
        source.title.as_deref(),
        Some("Alignment and Restraint: Azerbaijan following the 2026 Iran War")
    );
    assert_eq!(source.author.as_deref(), Some("Elie Houé"));
    assert_eq!(source.date.as_deref(), Some("2026-07-07"));

    let path = one_source(
        dir.path(),
        "seeds/003-groff-scanned-page.pdf",
        "a.pdf",
        "title = \"Mine\"\nauthor = \"Someone\"\ndate = \"2026-07-08\"",
    );
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let source = dataset.source("doc").unwrap();
    assert_eq!(source.title.as_deref(), Some("Mine"));
    assert_eq!(source.author.as_deref(), Some("Someone"));
    assert_eq!(source.date.as_deref(), Some("2026-07-08"));
}

#[test]
fn a_scanned_page_in_a_text_pdf_is_a_warning_on_the_sources_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = one_source(dir.path(), "seeds/003-groff-scanned-page.pdf", "a.pdf", "");
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    let claims_text = std::fs::read_to_string(&path).unwrap();
    let [scanned] = with_code(&dataset, "W0012")[..] else {
        panic!("one W0012: {:#?}", dataset.diagnostics);
    };
    assert_eq!(
        scanned.message,
        "p. 3 of `a.pdf` has no text layer: scanned? quotes there cannot anchor"
    );
    assert!(scanned.help.as_deref().unwrap().contains("ocrmypdf"));
    assert_eq!(&claims_text[scanned.span.clone().unwrap()], "\"a.pdf\"");
    assert_eq!(dataset.error_count(), 0, "{:#?}", dataset.diagnostics);
    let document = dataset.source("doc").unwrap().document.as_deref().unwrap();
    assert_eq!(document.pages().len(), 5);
    assert!(document.pages()[2].is_empty());
}

/// A claim quoting `quote` from the source `doc`.
fn claim_quoting(quote: &str) -> String {
    format!(
        "\n[topics.t]\nquestion = \"What?\"\n\n[claims.c]\ntopic = \"t\"\ntext = \"A claim.\"\n\
         spans = [{{ source = \"doc\", quote = \"{quote}\" }}]\n"
    )
}

fn load_quoting(dir: &Path, fixture_name: &str, quote: &str) -> (Dataset, String) {
    let path = one_source(dir, fixture_name, "a.pdf", &claim_quoting(quote));
    let dataset = load_with_cache(&path, &dir.join("cache"));
    (dataset, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn the_running_lines_left_out_are_told_when_a_quote_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, claims_text) = load_quoting(
        dir.path(),
        "seeds/003-chromium.pdf",
        "crux-pdf-fixtures/003-chromium.html",
    );
    assert_eq!(with_code(&dataset, "E0014").len(), 1);
    let [running] = with_code(&dataset, "W0014")[..] else {
        panic!("one W0014: {:#?}", dataset.diagnostics);
    };
    assert_eq!(&claims_text[running.span.clone().unwrap()], "\"a.pdf\"");
    assert_eq!(
        running.message,
        "2 running headers or footers left out of `a.pdf`'s text"
    );
    assert_eq!(
        running.notes,
        [
            "header \"12/6/26, 7:19 AM Alignment and Restraint: Azerbaijan following the 2026 Iran War\" on pp. 1–4",
            "footer \"file:///tmp/crux-pdf-fixtures/003-chromium.html 1/4\" on pp. 1–4",
        ]
    );
    assert!(with_code(&dataset, "W0012").is_empty());
}

#[test]
fn running_lines_are_not_told_when_every_quote_is_found_nor_bare_page_numbers_ever() {
    let dir = tempfile::tempdir().unwrap();
    let (dataset, _) = load_quoting(
        dir.path(),
        "seeds/003-chromium.pdf",
        "four Iranian drones had taken part in the attack",
    );
    assert_eq!(dataset.error_count(), 0, "{:#?}", dataset.diagnostics);
    assert!(with_code(&dataset, "W0014").is_empty());

    // A LaTeX document whose only running lines are its page numbers.
    let (dataset, _) = load_quoting(dir.path(), "real/pdflatex-outline.pdf", "not in it");
    assert_eq!(with_code(&dataset, "E0014").len(), 1);
    assert!(
        with_code(&dataset, "W0014").is_empty(),
        "{:#?}",
        dataset.diagnostics
    );
}

/// A PDF of `pages` page contents, each page drawing with font /F1 and
/// able to draw the 1×1 image /Im1; `info`, unless empty, its document
/// information dictionary.
fn pdf_of_pages(pages: &[&str], info: &str) -> Vec<u8> {
    let kids: String = (0..pages.len())
        .map(|i| format!("{} 0 R ", 5 + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        stream(
            "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
            "\u{7f}",
        ),
    ];
    for (i, content) in pages.iter().enumerate() {
        let uses_image = content.contains("/Im1");
        let xobject = if uses_image {
            "/XObject << /Im1 4 0 R >>"
        } else {
            ""
        };
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> {xobject} >> /Contents {} 0 R >>",
            6 + 2 * i
        ));
        objects.push(stream("", content));
    }
    let info = if info.is_empty() {
        String::new()
    } else {
        objects.push(info.to_string());
        format!("/Info {} 0 R ", objects.len())
    };
    pdf(&objects, &info)
}

#[test]
fn a_hostile_title_reaches_claims_toml_escaped_and_the_terminal_inert() {
    let dir = tempfile::tempdir().unwrap();
    let page = "BT /F1 12 Tf 72 400 Td (Some words on a page of text.) Tj ET";
    // UTF-16: "Evil", ESC "[2J", a right-to-left override, "!", a line
    // break, "Title"; and an author of spaces only.
    let info = "<< /Title <FEFF004500760069006C001B005B0032004A202E0021000A005400690074006C0065> \
                /Author (   ) /CreationDate (D:20240230) >>";
    std::fs::write(dir.path().join("a.pdf"), pdf_of_pages(&[page], info)).unwrap();
    let claims = init(dir.path());
    assert_eq!(
        source_keys(&claims, "a.pdf"),
        ["path = \"a.pdf\"", "title = \"Evil[2J\\u202E! Title\""]
    );
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["report", "claims.toml"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(shown.contains("Evil"), "the title is shown: {shown}");
    assert!(!shown.contains(['\u{1b}', '\u{202e}']), "{shown:?}");
}

#[test]
fn a_page_with_an_image_and_no_text_is_told_but_a_blank_page_is_not() {
    let first = "BT /F1 12 Tf 72 400 Td (Some words on a page of text.) Tj ET";
    let last = "BT /F1 12 Tf 72 400 Td (More words on the last page.) Tj ET";
    let image = "q 612 0 0 792 0 0 cm /Im1 Do Q";
    let bytes = pdf_of_pages(&[first, "", image, last], "");
    let read = crux::pdf::extract(&bytes).unwrap();
    assert_eq!(read.pages.len(), 4);
    assert_eq!(read.without_text, [3]);
    let warnings = read.gaps().warnings("a.pdf", true);
    let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["p. 3 of `a.pdf` has no text layer: scanned? quotes there cannot anchor"]
    );
}

/// The extraction cache's entries under `cache`.
fn cache_entries(cache: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(cache.join("crux"))
        .map(|dir| dir.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

#[test]
fn a_second_load_reads_the_cache_and_a_changed_pdf_is_extracted_again() {
    const TITLE: &str = "Alignment and Restraint: Azerbaijan following the 2026 Iran War";
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = one_source(dir.path(), "seeds/003-groff-scanned-page.pdf", "a.pdf", "");
    let title = |dataset: &Dataset| dataset.source("doc").unwrap().title.clone().unwrap();
    assert_eq!(title(&load_with_cache(&path, &cache)), TITLE);
    let [entry] = &cache_entries(&cache)[..] else {
        panic!("one entry: {:?}", cache_entries(&cache));
    };

    // An entry whose title says where it came from: the next load shows it.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(entry).unwrap()).unwrap();
    json["metadata"]["title"] = "read from the cache".into();
    std::fs::write(entry, serde_json::to_vec(&json).unwrap()).unwrap();
    assert_eq!(
        title(&load_with_cache(&path, &cache)),
        "read from the cache"
    );

    // The PDF changed (a comment after its end): extracted again, and kept
    // beside the old entry.
    let mut bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
    bytes.extend_from_slice(b"% changed\n");
    std::fs::write(dir.path().join("a.pdf"), bytes).unwrap();
    assert_eq!(title(&load_with_cache(&path, &cache)), TITLE);
    assert_eq!(cache_entries(&cache).len(), 2);
}

#[test]
fn a_two_column_pdf_loaded_as_a_source_anchors_its_quotes_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let claims = std::fs::read_to_string(repo.join("claims.toml"))
        .unwrap()
        .replace("seeds/003_58c47bfb15e2261f.txt", "insight.pdf");
    std::fs::copy(
        fixture("seeds/003-groff-2col.pdf"),
        dir.path().join("insight.pdf"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(repo.join("seeds")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("seeds").join(entry.file_name()),
        )
        .unwrap();
    }
    // Across a column, a page and its running header: the last line of
    // page 1's right column runs on at the top of page 2's left column.
    // Then three lines inside page 2's right column, which a reading
    // straight across the page would interleave with the left column's.
    let extra = "
[claims.across-columns]
topic = \"launch-origin\"
text = \"Drones from Iran struck Nakhchivan.\"
spans = [{ source = \"inss\", quote = \"drones launched from Iranian territory struck Nakhichevan, Azerbaijan’s exclave on the Iranian border.\" }]

[claims.in-the-right-column]
topic = \"launch-origin\"
text = \"The aid went to Iran's Azeri northwest.\"
spans = [{ source = \"inss\", quote = \"heavily Azeri-populated northwest, it answered to an Azerbaijani public that feels kinship with the ethnic Azeris across the border.\" }]
";
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, claims + extra).unwrap();
    let dataset = load_with_cache(&path, &dir.path().join("cache"));
    assert_eq!(dataset.error_count(), 0, "{:#?}", dataset.diagnostics);
    let document = dataset.source("inss").unwrap().document.clone().unwrap();
    let spans: Vec<_> = dataset
        .claims
        .iter()
        .flat_map(|c| &c.spans)
        .filter(|s| s.source == "inss")
        .collect();
    assert!(spans.len() > 100, "{}", spans.len());
    assert!(spans.iter().all(|s| s.anchor.is_some()));
    for (id, start_page, end_page) in [("across-columns", 1, 2), ("in-the-right-column", 2, 2)] {
        let span = &dataset.claim(id).unwrap().spans[0];
        let anchor = span.anchor.as_ref().unwrap();
        let found = &document.text()[anchor.bytes.clone()];
        assert_eq!(
            found.split_whitespace().collect::<Vec<_>>().join(" "),
            span.quote,
            "{id}"
        );
        assert_eq!(anchor.page.unwrap().page, start_page, "{id}");
        assert_eq!(
            document.page_line(anchor.bytes.end - 1).unwrap().page,
            end_page,
            "{id}"
        );
    }
}
