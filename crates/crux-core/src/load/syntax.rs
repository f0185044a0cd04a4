//! TOML syntax errors as diagnostics: each reported once, and located even
//! when the parser gives no place.

use std::ops::Range;

use crate::diag::{Code, Diagnostic};

/// The parser's nesting limit for keys (`a.b.c...`); deeper is refused.
const KEY_DEPTH_LIMIT: usize = 80;

pub fn diagnostics(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut seen: Vec<(&str, Option<Range<usize>>)> = Vec::new();
    let mut out = Vec::new();
    for error in errors {
        let message = error.message().trim();
        // An unclosed bracket at the nesting limit is reported once per level.
        if seen
            .iter()
            .any(|(m, s)| *m == message && *s == error.span())
        {
            continue;
        }
        seen.push((message, error.span()));
        let span = error.span().or_else(|| too_deep_key(text));
        let mut d = Diagnostic::new(Code::TomlSyntax, message.to_string())
            .label("invalid TOML here")
            .help(help(message));
        if let Some(span) = span {
            d = d.at(span);
        }
        out.push(d);
    }
    out
}

fn help(message: &str) -> &'static str {
    if message.contains("recurs") {
        "values and keys may nest at most 80 levels deep; flatten this value"
    } else {
        "fix the syntax; strings need double quotes, tables need `[name]` headers"
    }
}

/// The first key or table header with more dotted parts than the parser
/// takes, for its span-less "recursion limit" error. Counting dots on the
/// line is enough here: the parser already said such a key exists.
fn too_deep_key(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let key = match line.trim_start().strip_prefix('[') {
            Some(_) => line,
            None => line.split('=').next().unwrap_or(line),
        };
        if key.matches('.').count() + 1 > KEY_DEPTH_LIMIT {
            let indent = line.len() - line.trim_start().len();
            let end = start + key.trim_end().len();
            return Some(start + indent..end.max(start + indent));
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Diagnostic> {
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        diagnostics(text, &errors)
    }

    #[test]
    fn an_unclosed_deep_array_is_one_diagnostic() {
        let text = format!("x = {}", "[".repeat(1000));
        let found = parse(&text);
        assert!(found.len() <= 2, "{found:#?}");
        assert!(found.iter().all(|d| d.span.is_some()));
    }

    #[test]
    fn a_too_deep_key_is_located_on_its_line() {
        let allowed = vec!["a"; KEY_DEPTH_LIMIT].join(".");
        let key = vec!["k"; KEY_DEPTH_LIMIT + 1].join(".");
        let text = format!("title = \"t\"\n{allowed} = 1\n{key} = 1\n");
        let found = parse(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let start = 12 + allowed.len() + 5;
        assert_eq!(found[0].span, Some(start..start + key.len()));
        assert!(found[0].help.as_deref().unwrap().contains("80 levels"));
    }
}
