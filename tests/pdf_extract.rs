//! What `crux::pdf::extract` makes of real PDFs: the seeds as a browser and
//! a typesetter print them, and PDFs from pypdf's test corpus.

use std::collections::HashSet;
use std::path::Path;

use crux::pdf::{self, PageLine, PdfError, PdfText, Place};

fn extract(path: &str) -> Result<PdfText, PdfError> {
    pdf::extract(&std::fs::read(Path::new("tests/fixtures/pdf").join(path)).unwrap())
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .replace(['\u{2019}', '\u{2018}'], "'")
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of the extracted text that the seed does not have, with the
/// reason each is there: a word joined or split wrongly shows up here.
#[test]
fn every_word_extracted_from_a_rendering_is_a_word_of_its_seed() {
    let known: [(&str, &[&str]); 11] = [
        ("000-chromium", &[]),
        // The typesetter's title block (no title or author in the seed).
        ("000-groff", &["Untitled", "Analysis"]),
        ("001-chromium", &[]),
        ("001-groff", &[]),
        // post-conflict broken at a line end, written nowhere else.
        ("002-chromium", &["postconflict"]),
        ("002-groff", &["Untitled", "Analysis"]),
        // A footnote mark set as a superscript runs into its word.
        ("003-chromium", &["Houé1"]),
        // groff's Times has no ə: "Dəmir" is printed "Dmir".
        ("003-groff", &["Houé1", "Dmir"]),
        ("003-groff-2col", &["Houé1", "Dmir"]),
        ("004-chromium", &[]),
        // clear-eyed broken at a line end, written nowhere else.
        ("004-groff", &["Untitled", "Analysis", "cleareyed"]),
    ];
    for (name, expected) in known {
        let seed = std::fs::read_dir("seeds")
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| {
                path.file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .starts_with(&name[..3])
            })
            .unwrap();
        let seed_words: HashSet<String> = words(&std::fs::read_to_string(seed).unwrap())
            .into_iter()
            .collect();
        let text = extract(&format!("seeds/{name}.pdf")).unwrap().text;
        let unknown: Vec<String> = words(&text)
            .into_iter()
            // Headings the typesetter set in capitals are not compared.
            .filter(|w| !seed_words.contains(w) && w.chars().any(char::is_lowercase))
            .collect();
        assert_eq!(unknown, expected, "{name}");
    }
}

#[test]
fn a_browsers_running_header_and_footer_are_listed_by_page_and_left_out_of_the_text() {
    let extracted = extract("seeds/003-chromium.pdf").unwrap();
    assert_eq!(extracted.pages.len(), 4);
    let title = "Alignment and Restraint: Azerbaijan following the 2026 Iran War";
    for page in 1..=4 {
        let on_page: Vec<_> = extracted
            .running
            .iter()
            .filter(|r| r.page == page)
            .collect();
        assert_eq!(on_page.len(), 2, "page {page}: {on_page:?}");
        assert_eq!(on_page[0].place, Place::Header);
        assert!(on_page[0].text.ends_with(title), "{:?}", on_page[0].text);
        assert_eq!(on_page[1].place, Place::Footer);
        assert!(
            on_page[1].text.ends_with(&format!(".html {page}/4")),
            "{:?}",
            on_page[1].text
        );
    }
    assert!(!extracted.text.contains("file://"));
    assert!(!extracted.text.contains("7:19 AM"));
    // The title is printed once as the article's heading.
    assert_eq!(extracted.text.matches("Alignment and Restraint").count(), 1);
}

#[test]
fn a_one_page_browser_print_loses_its_date_title_header_and_url_footer() {
    let extracted = extract("seeds/000-chromium.pdf").unwrap();
    let running: Vec<(usize, Place)> = extracted
        .running
        .iter()
        .map(|r| (r.page, r.place))
        .collect();
    assert_eq!(running, [(1, Place::Header), (1, Place::Footer)]);
    assert!(extracted.running[0].text.ends_with("AM Untitled"));
    assert!(extracted.text.starts_with("date 2026-03-10 In light of"));
}

#[test]
fn a_typesetters_running_header_and_page_numbers_are_left_out_of_the_text() {
    let extracted = extract("seeds/003-groff.pdf").unwrap();
    let footers: Vec<&str> = extracted
        .running
        .iter()
        .filter(|r| r.place == Place::Footer)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(footers, ["-1-", "-2-", "-3-", "-4-"]);
    let headers: Vec<usize> = extracted
        .running
        .iter()
        .filter(|r| r.place == Place::Header)
        .map(|r| r.page)
        .collect();
    assert_eq!(headers, [2, 3, 4]);
    assert!(!extracted.text.contains("-2-"));
    assert!(!extracted.text.contains("Elie Houé ALIGNMENT"));
}

#[test]
fn a_header_on_the_second_of_two_pages_is_known_by_the_title_it_repeats() {
    let extracted = extract("seeds/002-groff.pdf").unwrap();
    let headers: Vec<(usize, &str)> = extracted
        .running
        .iter()
        .filter(|r| r.place == Place::Header)
        .map(|r| (r.page, r.text.as_str()))
        .collect();
    assert_eq!(headers, [(2, "Analysis UNTITLED")]);
    assert!(
        extracted
            .text
            .contains("an attempt to\nfurther isolate Iran regionally")
    );
}

#[test]
fn pages_are_consecutive_ranges_and_each_offset_knows_its_page_and_line() {
    let extracted = extract("seeds/003-chromium.pdf").unwrap();
    for pair in extracted.pages.windows(2) {
        assert!(pair[0].end <= pair[1].start, "{:?}", extracted.pages);
    }
    assert_eq!(extracted.pages.last().unwrap().end, extracted.text.len());
    // Page 2 of the print starts in the middle of a paragraph.
    let second = extracted.pages[1].clone();
    assert!(
        extracted.text[second.clone()].starts_with("of that report holds"),
        "{:?}",
        &extracted.text[second.start..second.start + 40]
    );
    assert_eq!(
        extracted.page_line(second.start),
        Some(PageLine { page: 2, line: 1 })
    );
    let strikes = extracted.text.find("On March 5, barely a day").unwrap();
    assert_eq!(extracted.page_line(strikes).unwrap().page, 2);
    assert_eq!(extracted.page_line(0), Some(PageLine { page: 1, line: 1 }));
    assert_eq!(extracted.page_line(extracted.text.len() + 1), None);
}

#[test]
fn paragraphs_are_kept_and_broken_words_joined_on_their_first_line() {
    for name in ["003-chromium", "003-groff"] {
        let text = extract(&format!("seeds/{name}.pdf")).unwrap().text;
        assert!(text.contains("\n\nTehran denied responsibility"), "{name}");
        assert!(text.contains("\n\nDiplomacy was accompanied"), "{name}");
        // A paragraph goes on across a page break.
        assert!(!text.contains("of that report holds\n\n"), "{name}");
    }
    // Each broken word is whole on the line where it starts.
    let text = extract("seeds/003-chromium.pdf").unwrap().text;
    for line in text.lines() {
        let word_then_hyphen =
            line.ends_with(['-', '\u{2010}', '\u{ad}']) && line.chars().any(char::is_alphabetic);
        assert!(!word_then_hyphen, "{line:?}");
    }
    assert!(!text.contains('\u{ad}'));
}

#[test]
fn two_columns_are_read_column_by_column() {
    let text = extract("seeds/003-groff-2col.pdf").unwrap().text;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(
        "Azerbaijan’s Ministry of Defense stated that four Iranian drones had taken part in the attack."
    ));
}

#[test]
fn real_world_pdfs_from_other_producers_are_read() {
    let crazy = extract("real/crazyones.pdf").unwrap();
    assert!(crazy.text.starts_with("The Crazy Ones\n\nOctober 14, 1998"));
    let multilang = extract("real/multilang.pdf").unwrap();
    assert!(multilang.text.contains("Привет, мир"));
    assert!(multilang.text.contains("你好世界"));
    let latex = extract("real/pdflatex-outline.pdf").unwrap();
    let numbers: Vec<(usize, &str)> = latex
        .running
        .iter()
        .map(|r| (r.page, r.text.as_str()))
        .collect();
    assert_eq!(numbers, [(1, "1"), (2, "2"), (3, "3"), (4, "4")]);
    let scan = extract("real/Seige_of_Vicksburg_Sample_OCR.pdf").unwrap();
    assert_eq!(scan.pages.len(), 6);
    assert!(
        scan.text.contains("THE SIEGE OF VICKSBURG") || scan.text.contains("Johnston is coming")
    );
}

#[test]
fn a_pdf_with_only_an_owner_password_is_read() {
    for name in ["real/r4-owner-password.pdf", "real/r6-user-password.pdf"] {
        assert_eq!(
            extract(name).unwrap().text,
            "pdf encryption test\npassword: asdfzxcv"
        );
    }
}

#[test]
fn an_encrypted_pdf_is_refused_with_how_to_decrypt_it() {
    for name in [
        "real/crazyones-encrypted-256.pdf",
        "seeds/000-encrypted.pdf",
    ] {
        let error = extract(name).unwrap_err();
        assert_eq!(error, PdfError::Encrypted, "{name}");
        assert!(error.message().starts_with("encrypted PDF"));
        assert!(error.help().contains("qpdf"));
    }
}

#[test]
fn a_scan_without_text_is_refused_with_advice_to_run_ocr() {
    for (name, pages) in [
        ("seeds/000-scanned.pdf", 1),
        ("real/imagemagick-images.pdf", 6),
    ] {
        let error = extract(name).unwrap_err();
        assert_eq!(error, PdfError::NoTextLayer { pages }, "{name}");
        assert!(
            error
                .message()
                .starts_with("no text layer: scanned? run OCR first")
        );
        assert!(error.help().contains("ocrmypdf"));
    }
}

#[test]
fn text_set_narrow_around_a_picture_stays_one_paragraph() {
    let text = extract("real/Seige_of_Vicksburg_Sample_OCR.pdf")
        .unwrap()
        .text;
    assert!(
        text.contains(
            "A report creeps into camp that\nJohnston is coming with fifty\nthousand men"
        ),
        "{:?}",
        &text[..400]
    );
}
