use super::*;

/// What the whole parse and the parse in `pieces` pieces give, spans
/// included, and where the text was cut.
fn both(text: &str, pieces: usize) -> (String, String, Vec<usize>) {
    let whole = format!("{:?}", DeTable::parse_recoverable(text));
    let mut blanks = Vec::new();
    let split = format!("{:?}", parse_in(text, pieces, &mut blanks));
    (whole, split, cuts(text, pieces))
}

fn claims(ids: std::ops::Range<usize>) -> String {
    ids.map(|i| {
        format!(
            "[claims.c{i}]\ntopic = \"t\"\ntext = \"claim {i} \\\"quoted\\\" it's\"\n\
             spans = [{{ source = \"a\", quote = 'q {i}' }}]\n# a comment's \"quote\n\n"
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
