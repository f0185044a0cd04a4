//! What a PDF says about itself in its Info dictionary: title, author and
//! creation date, with the values producers write when they know nothing
//! (`Untitled`, the file's name, `Microsoft Word - report.docx`) left out.

use pdf_extract::{Dictionary, Document, Object, decode_text_string};

use crate::text::one_line;

/// The document information a PDF gives, cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`, from `/CreationDate`; none for a browser's print,
    /// whose creation date is the day it was printed.
    pub date: Option<String>,
}

/// Longest value kept; a longer one is not a title or a name.
const MAX_CHARS: usize = 300;

pub(crate) fn info(document: &Document) -> Info {
    let Some(dict) = info_dictionary(document) else {
        return Info::default();
    };
    let field = |key: &[u8]| -> Option<String> {
        let value = match dict.get(key).ok()? {
            Object::Reference(id) => document.get_object(*id).ok()?,
            value => value,
        };
        let text = one_line(&decode_text_string(value).ok()?);
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        (!text.is_empty() && text.chars().count() <= MAX_CHARS).then_some(text)
    };
    let printed_by_browser = [b"Producer".as_slice(), b"Creator"]
        .into_iter()
        .filter_map(&field)
        .any(|by| is_browser(&by));
    Info {
        title: field(b"Title").filter(|t| !is_placeholder_title(t)),
        author: field(b"Author")
            .map(|a| a.trim_end_matches([',', ';']).trim().to_string())
            .filter(|a| !a.is_empty()),
        date: field(b"CreationDate")
            .filter(|_| !printed_by_browser)
            .and_then(|d| pdf_date(&d)),
    }
}

fn info_dictionary(document: &Document) -> Option<&Dictionary> {
    match document.trailer.get(b"Info").ok()? {
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        Object::Dictionary(dict) => Some(dict),
        _ => None,
    }
}

/// Chromium's and Firefox's print to PDF, and Safari's.
fn is_browser(by: &str) -> bool {
    ["Skia/PDF", "Chrome", "Chromium", "Firefox", "Safari"]
        .iter()
        .any(|name| by.contains(name))
}

/// File extensions a producer's title may end with when it is the name of
/// the file it was made from.
const FILE_EXTENSIONS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".tex", ".dvi", ".ps", ".indd", ".qxd",
    ".qxp", ".pages", ".html", ".htm", ".ppt", ".pptx", ".xls", ".xlsx",
];

/// `Untitled`, `untitled document`, a file name, `Microsoft Word - x.docx`.
fn is_placeholder_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.starts_with("untitled")
        || lower.starts_with("microsoft ")
        || lower == "title"
        || lower == "document"
        || FILE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// `D:YYYYMMDDHHmmSSOHH'mm'` (everything after the year optional) as
/// `YYYY-MM-DD`, when it has a month and day that exist.
fn pdf_date(raw: &str) -> Option<String> {
    let digits = raw.strip_prefix("D:").unwrap_or(raw);
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = digits.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=9999).contains(&year) && (1..=days_in_month).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_to_the_day_or_not_at_all() {
        assert_eq!(
            pdf_date("D:20240315120000+01'00'").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(pdf_date("20240229").as_deref(), Some("2024-02-29"));
        assert_eq!(pdf_date("D:20230229"), None);
        assert_eq!(pdf_date("D:2024"), None);
        assert_eq!(pdf_date("D:202413"), None);
        assert_eq!(pdf_date("D:2024-03-15"), None);
        assert_eq!(pdf_date("Fri Mar 15 2024"), None);
    }

    #[test]
    fn placeholder_titles_are_no_titles() {
        for title in [
            "Untitled",
            "untitled document",
            "Binder1.pdf",
            "Microsoft Word - report.docx",
            "report.tex",
        ] {
            assert!(is_placeholder_title(title), "{title}");
        }
        for title in ["The Crazy Ones", "Harbour closure: a report", "Title IX"] {
            assert!(!is_placeholder_title(title), "{title}");
        }
    }
}
