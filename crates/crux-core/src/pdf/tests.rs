use super::hyphen::{LineEnd, Spellings, line_end};

#[test]
fn a_soft_hyphen_ends_a_broken_word_whatever_glyph_follows_it() {
    assert_eq!(line_end("envi\u{ad}"), LineEnd::SoftHyphen);
    assert_eq!(line_end("envi\u{ad}\u{2010}"), LineEnd::SoftHyphen);
    assert_eq!(line_end("envi-"), LineEnd::Hyphen);
    assert_eq!(line_end("conflict —"), LineEnd::Other);
    assert_eq!(line_end("a -"), LineEnd::Other);
    assert_eq!(line_end("and—"), LineEnd::Dash);
    assert_eq!(line_end("2020–"), LineEnd::Dash);
}

#[test]
fn compound_numbers_keep_their_hyphen() {
    let none = Spellings::new([]);
    assert!(!none.is_broken_word("sixty", "four"));
    assert!(none.is_broken_word("sixty", "fold"));
}

#[test]
fn a_hyphen_between_lowercase_letters_breaks_a_word_unless_the_document_spells_it_so() {
    let none = Spellings::new([]);
    assert!(none.is_broken_word("deterio", "rating"));
    assert!(!none.is_broken_word("IRGC", "affiliated"));
    assert!(!none.is_broken_word("2025", "2026"));
    assert!(!none.is_broken_word("Iran", "Israel"));
    assert!(!none.is_broken_word("U.S.", "brokered"));
    let hyphenated = Spellings::new(["the post-conflict environment"]);
    assert!(!hyphenated.is_broken_word("post", "conflict"));
    let whole = Spellings::new(["a well established fact"]);
    assert!(whole.is_broken_word("estab", "lished"));
}
