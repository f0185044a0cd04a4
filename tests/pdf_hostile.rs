//! Broken and hostile PDFs: `crux::pdf::extract` answers every one with
//! text or a clear error, and never panics, overflows its stack or runs
//! on without end.

mod common;

use std::time::Duration;

use common::pdf::{pdf, stream};
use crux::pdf::{self, Limit, Limits, PdfError};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/pdf/{path}")).unwrap()
}

fn page_with_forms(content: &str, forms: &[String]) -> Vec<u8> {
    let names: String = (0..forms.len())
        .map(|i| format!("/X{} {} 0 R ", i + 6, i + 6))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << {names}>> >> /Contents 5 0 R >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        stream("", content),
    ];
    objects.extend(forms.iter().cloned());
    pdf(&objects, "")
}

#[test]
fn a_form_that_draws_itself_is_read_once_instead_of_overflowing_the_stack() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << /X6 6 0 R >> >>",
        "BT /F1 12 Tf 72 600 Td (inside the form) Tj ET /X6 Do",
    );
    let bytes = page_with_forms("BT /F1 12 Tf 72 720 Td (Hello world) Tj ET /X6 Do", &[form]);
    let text = pdf::extract(&bytes).unwrap().text;
    assert!(text.starts_with("Hello world"), "{text:?}");
    assert_eq!(text.matches("inside the form").count(), 1, "{text:?}");
}

#[test]
fn forms_nested_thousands_deep_are_cut_instead_of_overflowing_the_stack() {
    let depth = 5_000;
    let forms: Vec<String> = (0..depth)
        .map(|i| {
            let id = i + 6;
            let next = if i + 1 < depth {
                format!("/X{} {} 0 R", id + 1, id + 1)
            } else {
                String::new()
            };
            stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> /XObject << {next} >> >>"),
                &format!("BT /F1 12 Tf 72 600 Td (f{id}) Tj ET /X{} Do", id + 1),
            )
        })
        .collect();
    let bytes = page_with_forms("BT /F1 12 Tf 72 720 Td (Top) Tj ET /X6 Do", &forms);
    let text = pdf::extract(&bytes).unwrap().text;
    assert!(text.starts_with("Top"), "{:?}", &text[..40.min(text.len())]);
    assert!(text.contains("f6"));
}

#[test]
fn arrays_nested_a_hundred_thousand_deep_do_not_overflow_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let in_object = page_with_forms(
        "BT /F1 12 Tf 72 720 Td (Hello) Tj ET",
        std::slice::from_ref(&deep),
    );
    let _ = pdf::extract(&in_object);
    let in_content = page_with_forms(
        &format!("BT /F1 12 Tf 72 720 Td (Hello) Tj {deep} pop ET"),
        &[],
    );
    let _ = pdf::extract(&in_content);
}

#[test]
fn an_empty_file_and_other_files_are_not_pdfs() {
    for bytes in [
        &b""[..],
        b"hello, world\n",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"%PD",
    ] {
        match pdf::extract(bytes) {
            Err(PdfError::Damaged { detail }) => {
                assert!(detail.starts_with("not a PDF"), "{detail}")
            }
            other => panic!("{bytes:?}: {other:?}"),
        }
    }
}

#[test]
fn a_header_with_nothing_behind_it_is_damaged() {
    let error = pdf::extract(b"%PDF-1.7\n").unwrap_err();
    assert!(matches!(error, PdfError::Damaged { .. }), "{error:?}");
    assert!(error.message().starts_with("damaged PDF: "));
    assert!(error.help().contains("qpdf"));
}

/// Every tenth of each fixture cut off, and bytes flipped at random:
/// text or an error, never a panic. (A panic inside the PDF reader is
/// caught; one outside it fails this test.)
#[test]
fn truncated_and_corrupted_fixtures_give_text_or_an_error() {
    let limits = Limits {
        max_time: Duration::from_secs(10),
        ..Limits::default()
    };
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for path in [
        "seeds/003-groff.pdf",
        "seeds/001-chromium.pdf",
        "real/crazyones.pdf",
        "real/multilang.pdf",
        "real/r4-owner-password.pdf",
        "seeds/000-encrypted.pdf",
    ] {
        let original = fixture(path);
        for tenth in 0..10 {
            let _ = pdf::extract_with(&original[..original.len() * tenth / 10], &limits);
        }
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            let _ = pdf::extract_with(&bytes, &limits);
        }
    }
}

#[test]
fn limits_on_size_pages_and_characters_are_errors_that_say_which() {
    let bytes = fixture("seeds/003-groff.pdf");
    let small = |limits: Limits| pdf::extract_with(&bytes, &limits).unwrap_err();
    let error = small(Limits {
        max_bytes: 1000,
        ..Limits::default()
    });
    assert_eq!(
        error,
        PdfError::TooLarge(Limit::Bytes {
            size: bytes.len(),
            max: 1000
        })
    );
    let error = small(Limits {
        max_pages: 3,
        ..Limits::default()
    });
    assert_eq!(error, PdfError::TooLarge(Limit::Pages { pages: 4, max: 3 }));
    assert_eq!(
        error.message(),
        "PDF too large: 4 pages, more than the 3 read"
    );
    let error = small(Limits {
        max_glyphs: 500,
        ..Limits::default()
    });
    assert_eq!(error, PdfError::TooLarge(Limit::Glyphs { max: 500 }));
    let error = small(Limits {
        max_time: Duration::ZERO,
        ..Limits::default()
    });
    assert!(
        matches!(error, PdfError::TooLarge(Limit::Time { .. })),
        "{error:?}"
    );
}

#[test]
fn a_panic_inside_the_reader_is_caught_and_said_to_be_there() {
    assert!(!pdf::in_pdf_reader());
    // A page whose Tj comes before any font: pdf-extract panics on it.
    let bytes = page_with_forms("BT 72 720 Td (no font) Tj ET", &[]);
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A hook installed after the first extraction (as the UI's is) runs
    // on the reader's panics, and can tell them apart.
    let _ = pdf::extract(&bytes);
    let previous = std::panic::take_hook();
    let seen_in_hook = seen.clone();
    std::panic::set_hook(Box::new(move |_| {
        seen_in_hook.store(pdf::in_pdf_reader(), std::sync::atomic::Ordering::SeqCst);
    }));
    let result = pdf::extract(&bytes);
    std::panic::set_hook(previous);
    assert!(
        matches!(result, Err(PdfError::Damaged { .. })),
        "{result:?}"
    );
    assert!(seen.load(std::sync::atomic::Ordering::SeqCst));
    assert!(!pdf::in_pdf_reader());
}
