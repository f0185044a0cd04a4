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

#[test]
fn ligatures_are_spelt_out_and_controls_dropped() {
    let mut out = String::new();
    for glyph in [
        "\u{fb01}",
        "nd ",
        "\u{fb02}",
        "ow, ",
        "e\u{fb00}",
        "ect, ",
        "\u{fb03}",
        "\u{fb04}",
        "\u{1b}[2J",
    ] {
        super::layout::push_text(&mut out, glyph);
    }
    assert_eq!(out, "find flow, effect, ffiffl[2J");
}

#[test]
fn a_zero_width_space_character_is_no_space() {
    use super::layout::{Glyph, PageGlyphs, lines};
    let glyph = |x: f64, text: &str| Glyph {
        x,
        y: 100.0,
        width: 5.0,
        size: 10.0,
        text: text.to_string(),
    };
    // "de", a soft hyphen drawn as a zero-width space, "vel", a real space.
    let page = PageGlyphs {
        height: 800.0,
        glyphs: vec![
            glyph(0.0, "d"),
            glyph(5.0, "e"),
            glyph(10.0, " "),
            glyph(10.0, "v"),
            glyph(15.0, "e"),
            glyph(20.0, "l"),
            glyph(25.0, " "),
            glyph(27.5, "o"),
        ],
    };
    assert_eq!(lines(&page)[0].text, "devel o");
}
