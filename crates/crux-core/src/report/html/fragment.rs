//! Links to a quote on the live page: a URL text fragment
//! (`#:~:text=prefix-,start,end,-suffix`, WICG "URL Fragment Text
//! Directives"), which browsers scroll to and highlight.

/// Quotes of more words than this are linked by their first and last words.
const WHOLE_QUOTE_WORDS: usize = 8;
/// Words at each end of a long quote, and of context.
const EDGE_WORDS: usize = 4;
const CONTEXT_WORDS: usize = 3;

/// `url` (its own fragment dropped) pointing at `quote` as the page shows
/// it, told apart from other places by the text right `before` and `after`
/// it on the same line (either may be empty).
pub fn link(url: &str, before: &str, quote: &str, after: &str) -> Option<String> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let base = url.split('#').next().unwrap_or(url);
    let mut parts = Vec::new();
    let prefix = last_words(before, CONTEXT_WORDS);
    if !prefix.is_empty() {
        parts.push(format!("{}-", encode(&prefix)));
    }
    if words.len() <= WHOLE_QUOTE_WORDS {
        parts.push(encode(&words.join(" ")));
    } else {
        parts.push(encode(&words[..EDGE_WORDS].join(" ")));
        parts.push(encode(&words[words.len() - EDGE_WORDS..].join(" ")));
    }
    let suffix: Vec<&str> = after.split_whitespace().take(CONTEXT_WORDS).collect();
    if !suffix.is_empty() {
        parts.push(format!("-{}", encode(&suffix.join(" "))));
    }
    Some(format!("{base}#:~:text={}", parts.join(",")))
}

fn last_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(count)..].join(" ")
}

/// Percent-encoded for a text directive: besides what a URL cannot hold,
/// `-`, `,` and `&`, which the directive's syntax uses.
fn encode(text: &str) -> String {
    crate::export::uri::percent_encode(text, b"").replace('-', "%2D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_quotes_whole_long_ones_by_their_ends() {
        assert_eq!(
            link(
                "https://e.org/a#top",
                "Baku said that",
                "four drones struck",
                "the airport, and"
            )
            .unwrap(),
            "https://e.org/a#:~:text=Baku%20said%20that-,four%20drones%20struck,-the%20airport%2C%20and"
        );
        let long = "one two three four five six seven eight nine ten";
        assert_eq!(
            link("https://e.org/a", "", long, "").unwrap(),
            "https://e.org/a#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
        );
    }

    #[test]
    fn the_directive_syntax_is_escaped() {
        assert_eq!(
            link("https://e.org/", "", "Iran–US/Israel, a-b & c", "").unwrap(),
            "https://e.org/#:~:text=Iran%E2%80%93US%2FIsrael%2C%20a%2Db%20%26%20c"
        );
        assert_eq!(link("https://e.org/", "x", " \n ", "y"), None);
    }
}
