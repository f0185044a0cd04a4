//! The Timeline screen: claims by the time they are about, the documents'
//! publications among them, stepped through with `]` and `[`, opened with
//! Enter and `o`.

mod common;

use common::keys::press;
use common::kinds::{find, kinds, kinds_project, modifier_at, rows_of, selected};
use common::screen::{render, text_of};
use crux::tui::app::App;
use ratatui::style::Modifier;

/// The selected Timeline row, as the claim's or source's id.
fn timeline_selected(app: &App) -> String {
    use crux::tui::timeline::Row;
    match app.screens.timeline.selected(&app.data) {
        Some(Row::Claim(c)) => app.dataset().claims[*c].id.clone(),
        Some(Row::Published { source, .. }) => {
            format!("published {}", app.dataset().sources[*source].id)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_timeline_orders_claims_by_the_time_they_are_about_among_the_publications() {
    let mut app = kinds();
    press(&mut app, "5");
    let buffer = render(&mut app, 160, 48);
    let headings = [
        "the June 2025 war (2025-06) (1)",
        "the 2026 Iran war (2026-02-28..) (3)",
        "2026-03 (1)",
        "2026-03-05 (7)",
        "2026-03-08..2026-03-18 (1)",
        "▸ published 2026-03-14: Azerbaijan's strategic balancing act",
        "▸ published 2026-07-07: Alignment and Restraint",
        "Undated (2)",
        "No publication date: faultlines",
    ];
    let rows = rows_of(&buffer, &headings);
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "in order: {rows:?}");
    for heading in &headings[..5] {
        assert_eq!(modifier_at(&buffer, heading), Modifier::BOLD, "{heading}");
    }
    assert_eq!(modifier_at(&buffer, headings[5]), Modifier::ITALIC);
    assert_eq!(modifier_at(&buffer, headings[7]), Modifier::BOLD);
    assert_eq!(modifier_at(&buffer, headings[8]), Modifier::DIM);
    let selected = "›· Azerbaijan kept a largely neutral stance.";
    assert_eq!(modifier_at(&buffer, selected), Modifier::REVERSED);
    assert_eq!(
        rows_of(&buffer, &[selected])[0],
        rows[0] + 1,
        "under its time"
    );
    // Each claim row ends with where it was published, dimmed.
    let (x, y) = find(&buffer, " · Drones launched from Iranian territory").unwrap();
    let row: String = (x..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect();
    assert!(row.contains("  houe 2026-07-07┃"), "{row}");
    assert_eq!(modifier_at(&buffer, "houe 2026-07-07┃"), Modifier::DIM);
    let screen = text_of(&buffer);
    assert!(
        screen.contains(" 5 Timeline 13 "),
        "claims with a time:\n{screen}"
    );
    assert!(screen.contains("Timeline 1/17"), "{screen}");
    assert!(
        screen.contains("the June 2025 war (2025-06) · 1/17 │"),
        "{screen}"
    );
    assert!(
        screen.contains("when: the June 2025 war (2025-06)"),
        "{screen}"
    );
    assert!(
        screen.contains("in: no publication date: Iran and Azerbaijan after"),
        "{screen}"
    );
}

#[test]
fn brackets_step_through_what_was_known_when() {
    let mut app = kinds();
    press(&mut app, "5");
    let mut seen = vec![timeline_selected(&app)];
    for _ in 0..8 {
        press(&mut app, "]");
        seen.push(timeline_selected(&app));
    }
    assert_eq!(
        seen,
        [
            "faultlines-largely-neutral",
            "huseynov-neutral",
            "huseynov-30-tons",
            "houe-launched",
            "houe-two-shipments",
            "published huseynov",
            "published houe",
            "huseynov-moved-quickly",
            "huseynov-moved-quickly",
        ]
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "this is the last time on the timeline"
    );
    press(&mut app, "kkkk");
    assert_eq!(timeline_selected(&app), "houe-four");
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(screen.contains("2026-03-05 · 12/17 │"), "{screen}");
    assert!(
        screen.contains("by: Azerbaijan's Ministry of Defense (party `mod`)"),
        "{screen}"
    );
    assert!(
        screen.contains("in: published 2026-07-07: Alignment and Restraint: Azerbaijan"),
        "{screen}"
    );
    press(&mut app, "[");
    assert_eq!(
        timeline_selected(&app),
        "houe-launched",
        "the start of its time"
    );
    press(&mut app, "[");
    assert_eq!(timeline_selected(&app), "huseynov-30-tons");
    press(&mut app, "gj[");
    assert_eq!(timeline_selected(&app), "faultlines-largely-neutral");
    press(&mut app, "[");
    assert_eq!(timeline_selected(&app), "faultlines-largely-neutral");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "this is the first time on the timeline"
    );
}

#[test]
fn from_the_timeline_enter_opens_the_claim_or_the_document_and_backspace_returns() {
    use crux::tui::screen::Screen;
    let mut app = kinds();
    press(&mut app, "5]]]j");
    assert_eq!(timeline_selected(&app), "huseynov-baku-says-iran");
    press(&mut app, "\n");
    assert_eq!(app.screen, Screen::Claims);
    assert_eq!(selected(&app), "huseynov-baku-says-iran");
    press(&mut app, "\x08");
    assert_eq!(app.screen, Screen::Timeline);
    assert_eq!(timeline_selected(&app), "huseynov-baku-says-iran");

    // o: the claim's quote, in its document.
    press(&mut app, "o");
    assert_eq!(app.screen, Screen::Sources);
    let reader = app.screens.sources.reader.as_ref().expect("the reader");
    let placed = &app.data.placed(reader.source)[reader.span];
    assert_eq!(
        app.dataset().claims[placed.claim].id,
        "huseynov-baku-says-iran"
    );
    assert_eq!(reader.cursor, placed.display.start, "at the quote");
    press(&mut app, "\x08");
    assert_eq!(app.screen, Screen::Timeline);

    // Enter on a publication: the document, from its start.
    press(&mut app, "]]");
    assert_eq!(timeline_selected(&app), "published huseynov");
    press(&mut app, "o");
    assert_eq!(app.screen, Screen::Timeline, "o is for a claim's quote");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Enter opens the document"
    );
    press(&mut app, "\n");
    assert_eq!(app.screen, Screen::Sources);
    let reader = app.screens.sources.reader.as_ref().expect("the reader");
    assert_eq!(app.dataset().sources[reader.source].id, "huseynov");
    assert_eq!(reader.cursor, 0, "from the start");
    press(&mut app, "\x08");
    assert_eq!(timeline_selected(&app), "published huseynov");
}

#[test]
fn the_timeline_keeps_its_claim_when_the_file_changes_on_disk() {
    let (_dir, path) = kinds_project();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "5]]]jj");
    assert_eq!(timeline_selected(&app), "huseynov-iran-denies");
    let text = std::fs::read_to_string(&path).unwrap();
    // houe-launched becomes undated: it leaves the 5 March group.
    let edited = text.replacen("when = \"2026-03-05\"\n", "", 1);
    std::fs::write(&path, edited).unwrap();
    app.replace_dataset(crux::load(&path));
    assert_eq!(timeline_selected(&app), "huseynov-iran-denies");
    assert_eq!(app.data.timeline.dated, 12);
}

#[test]
fn an_empty_file_has_an_empty_timeline_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, "").unwrap();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "5");
    let screen = text_of(&render(&mut app, 80, 24));
    assert!(screen.contains("timeline 0/0 │"), "{screen}");
    assert!(screen.contains("no claims yet"), "{screen}");
    for keys in ["]", "[", "o"] {
        assert!(press(&mut app, keys).is_empty());
        assert_eq!(
            app.message.as_ref().unwrap().text,
            "no claims on the timeline",
            "{keys}"
        );
    }
    press(&mut app, "\njkG\t\x08");
    assert_eq!(app.screen, crux::tui::screen::Screen::Timeline);
    render(&mut app, 60, 15);
}

#[test]
fn a_claim_whose_quote_is_lost_and_an_unreadable_document_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Four drones struck.\n").unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[sources.a]\npath = \"a.txt\"\ndate = \"2026-03-14\"\n\
         [sources.gone]\npath = \"gone.txt\"\ndate = \"2026-07-07\"\n\
         [topics.t]\nquestion = \"How many?\"\n\
         [claims.lost]\ntopic = \"t\"\ntext = \"Five.\"\nwhen = \"2026-03-05\"\nspans = [{ source = \"a\", quote = \"Five drones struck.\" }]\n\
         [claims.unread]\ntopic = \"t\"\ntext = \"Six.\"\nwhen = \"wra\"\nspans = [{ source = \"gone\", quote = \"Six.\" }]\n\
         contradicts = [\"lost\"]\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "5");
    assert_eq!(timeline_selected(&app), "lost");
    press(&mut app, "o");
    assert_eq!(app.screen, crux::tui::screen::Screen::Timeline);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "no quote of this claim was found in its document"
    );
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(
        screen.contains("(no quote of this claim was found in"),
        "{screen}"
    );
    press(&mut app, "j");
    assert_eq!(timeline_selected(&app), "published a");
    press(&mut app, "j");
    assert_eq!(timeline_selected(&app), "published gone");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(
        screen.contains("(the document could not be read)"),
        "{screen}"
    );
    press(&mut app, "\n");
    assert_eq!(app.screen, crux::tui::screen::Screen::Sources);
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(
        screen.contains("(the document could not be read)"),
        "{screen}"
    );
    press(&mut app, "\x085j");
    assert_eq!(timeline_selected(&app), "unread");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(screen.contains("Undated (1)"), "{screen}");
    assert!(screen.contains("when: wra (undeclared period)"), "{screen}");
    assert!(screen.contains("undated · 4/4 │"), "{screen}");
}
