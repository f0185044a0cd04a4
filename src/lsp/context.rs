//! What is being typed at the cursor: a key at the start of a line, or a
//! string value and the key it belongs to. Read from the text right before
//! the cursor, which a half-typed value leaves intact while it breaks the
//! parse of everything after it.

/// How far back a value's key is looked for (a link array over a few lines).
const LOOK_BACK: usize = 4096;

#[derive(Debug, PartialEq, Eq)]
pub enum Context {
    /// A bare key being typed at the start of a line.
    Key { typed: String },
    /// Inside a string value of `key` (or of an entry of the array `key`
    /// holds), with what is typed since its opening quote.
    Value {
        key: String,
        typed: String,
        /// A basic string (`"`), whose completions are escaped.
        quoted: bool,
    },
}

pub fn at(text: &str, byte: usize) -> Option<Context> {
    let byte = crate::text::floor_char_boundary(text, byte);
    let line_start = text[..byte].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &text[line_start..byte];
    if let Some((open, quote)) = open_string(line) {
        let typed = line[open + 1..].to_string();
        let look_from =
            crate::text::floor_char_boundary(text, (line_start + open).saturating_sub(LOOK_BACK));
        let key = key_before(&text[look_from..line_start + open])?;
        return Some(Context::Value {
            key,
            typed,
            quoted: quote == '"',
        });
    }
    let typed = line.trim_start();
    let is_key = typed
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then(|| Context::Key {
        typed: typed.to_string(),
    })
}

/// Where the string still open at the end of `line` starts, and its quote.
fn open_string(line: &str) -> Option<(usize, char)> {
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            None if c == '#' => return None,
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
            Some((_, '"')) if escaped => escaped = false,
            Some((_, '"')) if c == '\\' => escaped = true,
            Some((_, q)) if c == q => open = None,
            Some(_) => {}
        }
    }
    open
}

/// The key whose value starts at the end of `before`: the one right before
/// `=`, past the array brackets, commas and earlier strings of its entries.
fn key_before(before: &str) -> Option<String> {
    let mut rest = before.trim_end();
    loop {
        if let Some(r) = rest.strip_suffix('=') {
            let r = r.trim_end();
            let start = r
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .map_or(0, |i| i + 1);
            let key = &r[start..];
            return (!key.is_empty()).then(|| key.to_string());
        }
        let last = rest.chars().last()?;
        rest = match last {
            '[' | ',' => rest[..rest.len() - 1].trim_end(),
            '"' | '\'' => {
                let inner = &rest[..rest.len() - 1];
                let open = inner.rfind(last)?;
                inner[..open].trim_end()
            }
            // A link entry written as a table: `{ claim = "a", note = "..." },`
            '}' => {
                let open = rest.rfind('{')?;
                rest[..open].trim_end()
            }
            _ => return None,
        };
    }
}

/// The string value of `key` written in `table` (`key = "value"`).
pub fn string_value_of(table: &str, key: &str) -> Option<String> {
    let mut search = table;
    while let Some(found) = search.find(key) {
        let after = search[found + key.len()..].trim_start();
        let boundary = search[..found]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        if boundary
            && let Some(value) = after.strip_prefix('=')
            && let Some(value) = value.trim_start().strip_prefix('"')
            && let Some(end) = value.find('"')
        {
            return Some(value[..end].to_string());
        }
        search = &search[found + key.len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(key: &str, typed: &str) -> Option<Context> {
        Some(Context::Value {
            key: key.into(),
            typed: typed.into(),
            quoted: true,
        })
    }

    #[test]
    fn the_key_of_the_value_being_typed_is_found_past_array_entries() {
        let cases = [
            ("topic = \"dro", value("topic", "dro")),
            (
                "spans = [{ source = \"inss\", quote = \"that four",
                value("quote", "that four"),
            ),
            ("agrees = [\"a\", \"b", value("agrees", "b")),
            (
                "refines = [{ claim = \"a\", note = \"x, y\" }, { claim = \"",
                value("claim", ""),
            ),
            (
                "contradicts = [\n  \"a\",\n  \"hu",
                value("contradicts", "hu"),
            ),
            (
                "status = 'conf",
                Some(Context::Value {
                    key: "status".into(),
                    typed: "conf".into(),
                    quoted: false,
                }),
            ),
            (
                "  agr",
                Some(Context::Key {
                    typed: "agr".into(),
                }),
            ),
            ("text = \"done\" # \"not", None),
            ("text = \"a \\\" b", value("text", "a \\\" b")),
        ];
        for (text, expected) in cases {
            assert_eq!(at(text, text.len()), expected, "{text:?}");
        }
    }

    #[test]
    fn a_string_value_is_read_from_its_table() {
        assert_eq!(
            string_value_of("{ source = \"inss\", quote = \"", "source").as_deref(),
            Some("inss")
        );
        assert_eq!(string_value_of("{ resource = \"x\" }", "source"), None);
    }
}
