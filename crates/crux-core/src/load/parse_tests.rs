use super::*;

/// What the whole parse and the parse in `pieces` pieces give, spans
/// included, and where the text was cut.
fn both(text: &str, pieces: usize) -> (String, String, Vec<usize>) {
    let whole = format!("{:?}", DeTable::parse_recoverable(text));
    let split = format!("{:?}", parse_in(text, pieces, 3));
    (whole, split, cuts(text, pieces))
}

/// Whether the pieces were put together, rather than the file parsed whole.
fn put_together_from_pieces(text: &str, pieces: usize) -> bool {
    let cuts = cuts(text, pieces);
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain([text.len()]);
    let ranges: Vec<_> = starts.zip(ends).map(|(s, e)| s..e).collect();
    parse_pieces(text, &ranges, 2)
        .and_then(put_together)
        .is_some()
}

fn claims(ids: std::ops::Range<usize>) -> String {
    ids.map(|i| {
        let spans = if i % 2 == 0 {
            format!("spans = [{{ source = \"a\", quote = 'q {i}' }}]\n")
        } else {
            format!("[[claims.c{i}.spans]]\nsource = \"a\"\nquote = \"\"\"q\n{i}\"\"\"\n")
        };
        format!(
            "[claims.c{i}]\ntopic = \"t\"\ntext = \"claim {i} \\\"quoted\\\" it's\"\n\
             {spans}# a comment's \"quote\n\n"
        )
    })
    .collect()
}

const HEAD: &str = "title = \"t\"\n[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"q?\"\n";

#[test]
fn pieces_give_what_the_whole_parse_gives() {
    let text = format!("{HEAD}{}", claims(0..40));
    for pieces in 2..6 {
        let (whole, split, cuts) = both(&text, pieces);
        assert_eq!(cuts.len(), pieces - 1, "{pieces} pieces");
        assert!(put_together_from_pieces(&text, pieces), "{pieces} pieces");
        assert_eq!(split, whole, "{pieces} pieces");
    }
}

#[test]
fn a_header_inside_a_multiline_string_is_not_a_cut() {
    let fake = "\n[claims.fake]\ntext = \"inside\"\n".repeat(20);
    for (open, close) in [
        ("\"\"\"", "\"\"\""),
        ("'''", "'''"),
        ("\"\"\"\\\"", "\"\"\"\"\""),
    ] {
        let text = format!(
            "{HEAD}{}[claims.long]\nnote = {open}{fake}{close}\n{}",
            claims(0..2),
            claims(2..4)
        );
        let opened = text.find("note = ").unwrap() + 7;
        let closed = opened + 3 + text[opened + 3..].find(close).unwrap();
        let (whole, split, cuts) = both(&text, 2);
        assert!(!cuts.is_empty(), "{open}");
        for &cut in &cuts {
            assert!(
                cut < opened || cut > closed,
                "{open}: cut at {cut} inside {opened}..{closed}"
            );
        }
        assert!(put_together_from_pieces(&text, 2), "{open}");
        assert_eq!(split, whole, "{open}");
        assert!(
            whole.contains("inside"),
            "the string holds the fake headers"
        );
    }
}

#[test]
fn a_claim_defined_in_two_pieces_is_the_whole_parse_s_error() {
    let text = format!("{HEAD}{}{}", claims(0..10), claims(0..10));
    let (whole, split, cuts) = both(&text, 2);
    assert!(!cuts.is_empty());
    assert!(whole.contains("duplicate"), "{whole}");
    assert!(!put_together_from_pieces(&text, 2));
    assert_eq!(split, whole);
}

#[test]
fn a_sub_table_of_a_claim_before_the_cut_is_put_where_the_whole_parse_puts_it() {
    let text = format!(
        "{HEAD}{}[claims.c1.extra]\nx = 1\n{}",
        claims(0..10),
        claims(10..20)
    );
    let whole = DeTable::parse_recoverable(&text);
    assert!(whole.1.is_empty(), "{:?}", whole.1);
    for pieces in 2..5 {
        let (whole, split, _) = both(&text, pieces);
        assert_eq!(split, whole, "{pieces} pieces");
    }
}

#[test]
fn other_tables_after_the_cut_and_syntax_errors_give_the_whole_parse() {
    let tables = format!(
        "{HEAD}{}[sources.b]\npath = \"b.txt\"\n{}",
        claims(0..10),
        claims(10..20)
    );
    let broken = format!(
        "{HEAD}{}[claims.x]\ntext = \"unclosed\n{}",
        claims(0..10),
        claims(10..20)
    );
    let inline = format!(
        "claims = {{ a = {{ text = \"x\" }} }}\n{HEAD}{}",
        claims(0..20)
    );
    for text in [tables, broken, inline] {
        for pieces in 2..5 {
            let (whole, split, _) = both(&text, pieces);
            assert_eq!(split, whole, "{pieces} pieces of:\n{text}");
        }
    }
}

#[test]
fn text_without_a_claim_header_is_parsed_whole() {
    let text = format!("{HEAD}[claims]\na = {{ text = \"x\" }}\n");
    assert!(cuts(&text, 4).is_empty());
    let (whole, split, _) = both(&text, 4);
    assert_eq!(split, whole);
}
