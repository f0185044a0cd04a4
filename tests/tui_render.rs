//! The review UI drawn on a test backend: snapshots of every screen at two
//! sizes, and checks of which cells carry the quote highlight.

mod common;

use std::path::Path;

use common::keys::press;
use common::screen::{render, text_of};
use crux::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn fixture() -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml");
    App::new(crux::load(&path))
}

/// The symbols of the cells carrying REVERSED and BOLD, in reading order.
fn highlighted(buffer: &Buffer) -> String {
    let area = buffer.area;
    let both = Modifier::REVERSED | Modifier::BOLD;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(both) {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

fn snapshot_each_size(name: &str, keys: &str, app: impl Fn() -> App) {
    for (width, height) in SIZES {
        let mut app = app();
        press(&mut app, keys);
        let screen = text_of(&render(&mut app, width, height));
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn claims_screen() {
    snapshot_each_size("claims", "", fixture);
}

#[test]
fn claims_screen_with_detail_focused_and_search() {
    snapshot_each_size("claims_search", "/drone\n\t", fixture);
}

#[test]
fn contradictions_screen() {
    snapshot_each_size("contradictions", "2j", fixture);
}

#[test]
fn sources_screen() {
    snapshot_each_size("sources", "3", fixture);
}

#[test]
fn source_reader() {
    snapshot_each_size("reader", "3jj\nn", fixture);
}

#[test]
fn diagnostics_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[topics.t]\nquestion = \"Is it?\"\n\n[claims.a]\ntopic = \"t\"\ntext = \"A claim.\"\nspans = [{ source = \"gone\", quote = \"x\" }]\n\n[claims.b]\ntopic = \"nope\"\ntext = \"B claim.\"\nspans = []\ncontradicts = [\"a\"]\n",
    )
    .unwrap();
    snapshot_each_size("diagnostics", "4j", || App::new(crux::load(&path)));
    let mut app = App::new(crux::load(&path));
    let bar = text_of(&render(&mut app, 80, 24));
    assert!(bar.contains("errors — press 4"), "{bar}");
}

#[test]
fn help_overlay() {
    snapshot_each_size("help", "?", fixture);
}

#[test]
fn filter_menu() {
    snapshot_each_size("filter_menu", "fsc", fixture);
}

#[test]
fn only_the_quote_carries_the_highlight() {
    for (width, height) in SIZES {
        let mut app = fixture();
        let buffer = render(&mut app, width, height);
        assert_eq!(
            highlighted(&buffer),
            "drones launched from Iranian territory struck Nakhichevan",
            "at {width}x{height}"
        );
        // A quote inside a Markdown link: the highlight lands on its text.
        press(&mut app, "G");
        let buffer = render(&mut app, width, height);
        assert_eq!(
            highlighted(&buffer),
            "Azerbaijan reopened its border crossings after a closure"
        );
    }
}

#[test]
fn the_reader_marks_other_quotes_faintly() {
    let mut app = fixture();
    press(&mut app, "3jj\nn");
    let buffer = render(&mut app, 160, 48);
    assert_eq!(
        highlighted(&buffer),
        "in practice, Azerbaijan stood with the side that was fighting Iran"
    );
    let underlined: String = buffer
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect();
    assert!(
        underlined.contains("drones launched from Iranian territory struck Nakhichevan"),
        "{underlined}"
    );
}

#[test]
fn a_small_terminal_gets_a_notice() {
    let mut app = fixture();
    let screen = text_of(&render(&mut app, 50, 10));
    assert!(screen.contains("terminal too small"), "{screen}");
    for (width, height) in [(1, 1), (60, 15), (59, 40), (200, 60)] {
        render(&mut app, width, height);
    }
}

#[test]
fn hostile_and_wide_text_is_drawn_visibly_within_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        dir.path().join("doc.txt"),
        "前文 \u{1b}[31m赤い\u{1b}[0m 無人機が発射された 😀 end\u{202e}rev\n",
    )
    .unwrap();
    std::fs::write(
        &path,
        "[sources.d]\npath = \"doc.txt\"\ntitle = \"文書 \\u001b]0;pwned\\u0007\"\n\n[topics.t]\nquestion = \"問い\\u001b[2J？\"\n\n[claims.a]\ntopic = \"t\"\ntext = \"無人機 😀 \\u001b[31mred\"\nspans = [{ source = \"d\", quote = \"無人機が発射された\" }]\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    for (width, height) in [(60, 15), (80, 24), (160, 48)] {
        for keys in ["", "3\n", "2", "4"] {
            press(&mut app, keys);
            let buffer = render(&mut app, width, height);
            let screen = text_of(&buffer);
            assert!(!screen.contains('\u{1b}'), "raw escape drawn:\n{screen}");
            assert!(!screen.contains('\u{7}') && !screen.contains('\u{202e}'));
            press(&mut app, "\u{1b}1");
        }
    }
    let screen = text_of(&render(&mut app, 80, 24));
    assert!(screen.contains("␛[31mred"), "{screen}");
    assert!(screen.contains("問い␛[2J？"), "{screen}");
    assert_eq!(highlighted(&render(&mut app, 80, 24)), "無人機が発射された");
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The symbols of the cells whose modifiers are exactly `modifier`.
fn cells_with(buffer: &Buffer, modifier: Modifier) -> String {
    buffer
        .content
        .iter()
        .filter(|c| c.modifier == modifier)
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn the_selection_is_drawn_unlike_a_quote() {
    let mut app = fixture();
    press(&mut app, "3jj\n/barely a day\nvwww");
    let buffer = render(&mut app, 160, 48);
    let selection = Modifier::REVERSED | Modifier::ITALIC;
    assert_eq!(cells_with(&buffer, selection), "barely a day");
    assert!(
        !highlighted(&buffer).contains("barely"),
        "not drawn as a quote"
    );
    // The cursor alone, before selecting, is one reversed underlined cell.
    let mut app = fixture();
    press(&mut app, "3jj\n/barely a day\n");
    let buffer = render(&mut app, 160, 48);
    assert_eq!(
        cells_with(&buffer, Modifier::REVERSED | Modifier::UNDERLINED),
        "b"
    );
    assert_eq!(cells_with(&buffer, selection), "");
}

#[test]
fn the_picker_and_the_prompt_show_their_cursor() {
    let mut app = fixture();
    press(&mut app, "Lcross");
    let buffer = render(&mut app, 100, 30);
    let screen = text_of(&buffer);
    assert!(
        screen.contains("link launched-from-iran to — 2/7"),
        "{screen}"
    );
    assert!(screen.contains("> cross"), "{screen}");
    let row = (0..buffer.area.height)
        .find(|&y| row_text(&buffer, y).contains("crossings-reopened"))
        .expect("the match is listed");
    let start = (0..buffer.area.width)
        .find(|&x| buffer[(x, row)].symbol() == "c")
        .unwrap();
    assert!(
        buffer[(start, row)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD),
        "the picked row is reversed, its id bold"
    );
    assert!(
        screen.contains("↑/↓, Enter picks — Esc cancels"),
        "{screen}"
    );

    press(&mut app, "\n");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(screen.contains(" a agrees: both say the same"), "{screen}");
    assert!(
        screen.contains(" t contrasts: both can be true"),
        "{screen}"
    );
    press(&mut app, "c");
    press(&mut app, "Same crossing");
    let buffer = render(&mut app, 100, 30);
    let screen = text_of(&buffer);
    assert!(screen.contains("link note (optional):"), "{screen}");
    assert!(screen.contains("Same crossing "), "{screen}");
    let row = (0..buffer.area.height)
        .find(|&y| row_text(&buffer, y).contains("Same crossing"))
        .unwrap();
    let reversed: Vec<String> = (0..buffer.area.width)
        .filter(|&x| buffer[(x, row)].modifier.contains(Modifier::REVERSED))
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(reversed, [" "], "one cursor cell after the typed note");
    let cursor_x = (0..buffer.area.width)
        .find(|&x| buffer[(x, row)].modifier.contains(Modifier::REVERSED))
        .unwrap();
    assert_eq!(buffer[(cursor_x - 1, row)].symbol(), "g");
}

/// The screen after typing `keys`, at 160x48.
fn shown_after(keys: &str) -> String {
    let mut app = fixture();
    press(&mut app, keys);
    text_of(&render(&mut app, 160, 48))
}

#[test]
fn scrolling_one_screens_passage_leaves_the_other_screens_passages_in_place() {
    assert_eq!(
        shown_after("\t\tjjjjjjjjjjjj2"),
        shown_after("2"),
        "the claim's passage was scrolled, not the pair's"
    );
    assert_eq!(
        shown_after("2\tjjjjjjjjjjjj1"),
        shown_after("1"),
        "the pair's passages were scrolled, not the claim's"
    );
    assert_ne!(
        shown_after("\t\tjjjjjjjjjjjj21"),
        shown_after("1"),
        "the claim's passage keeps its own scroll"
    );
    assert_eq!(
        shown_after("2\tjjjjjjjjjjjj\n\x08"),
        shown_after("2\tjjjjjjjjjjjj\t"),
        "the pair's passages keep theirs over following a link and jumping back"
    );
}

#[test]
fn the_claim_list_has_the_keys_when_another_screen_shows_the_claims() {
    assert_eq!(
        shown_after("/drone\n2\tn"),
        shown_after("/drone\nn"),
        "n from the pair's passages"
    );
    assert_eq!(
        shown_after("2\tf\x1b"),
        shown_after("f\x1b"),
        "the filter menu from the pair's passages"
    );
}

#[test]
fn the_detail_pane_lists_links_of_every_kind_and_removes_the_one_selected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Several drones struck. Four took part.\n",
    )
    .unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[sources.a]\npath = \"a.txt\"\n\n[topics.t]\nquestion = \"How many?\"\n\n\
         [claims.several]\ntopic = \"t\"\ntext = \"Several.\"\nspans = [{ source = \"a\", quote = \"Several drones struck.\" }]\n\
         contrasts = [\"four\"]\n\n\
         [claims.four]\ntopic = \"t\"\ntext = \"Four.\"\nspans = [{ source = \"a\", quote = \"Four took part.\" }]\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(screen.contains("in tension with:"), "{screen}");
    assert!(screen.contains("four: Four."), "{screen}");
    press(&mut app, "\tD");
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(
        screen.contains("Remove the link: several contrasts four?"),
        "{screen}"
    );
}
