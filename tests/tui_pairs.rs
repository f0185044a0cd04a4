//! The Contradictions screen: contradictions grouped by who disagrees,
//! documents first, and the other differences (updates, refinements,
//! rivals, contrasts) on `d`, apart and never counted as contradictions.

mod common;

use common::keys::press;
use common::kinds::{kinds, kinds_project, modifier_at, rows_of, selected};
use common::screen::{render, text_of};
use crux::tui::app::App;
use ratatui::style::Modifier;

/// The ids of the selected pair's two claims.
fn selected_pair(app: &App) -> (String, String) {
    let relation = app.screens.pairs.selected(&app.data).expect("a pair");
    let rel = &app.dataset().relations[relation];
    let claims = &app.dataset().claims;
    (claims[rel.from].id.clone(), claims[rel.to].id.clone())
}

#[test]
fn contradictions_are_grouped_by_who_disagrees_documents_first() {
    let mut app = kinds();
    press(&mut app, "2");
    let buffer = render(&mut app, 160, 48);
    let groups = [
        "Documents disagree in their own voices (1)",
        "A party disputes a document (1)",
        "Parties dispute each other, as reported (1)",
        "A document contradicts itself (1)",
    ];
    let rows = rows_of(&buffer, &groups);
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "in order: {rows:?}");
    for group in groups {
        assert_eq!(modifier_at(&buffer, group), Modifier::BOLD, "{group}");
    }
    let pairs = [
        "›houe-aligned ⚡ huseynov-neutral",
        " huseynov-iran-denies ⚡ houe-launched",
        " huseynov-iran-denies ⚡ huseynov-baku-says-iran",
        " houe-outside ⚡ houe-aligned",
    ];
    let pair_rows = rows_of(&buffer, &pairs);
    for (group, pair) in rows.iter().zip(&pair_rows) {
        assert!(group < pair, "each pair under its group");
    }
    assert!(modifier_at(&buffer, pairs[0]).contains(Modifier::REVERSED));
    assert!(!modifier_at(&buffer, pairs[1]).contains(Modifier::REVERSED));
    assert_eq!(
        modifier_at(&buffer, " Was Azerbaijan neutral?"),
        Modifier::DIM,
        "the topic under its group"
    );
    let screen = text_of(&buffer);
    assert!(screen.contains(" 2 Contradictions 4 "), "{screen}");
    assert!(screen.contains("Contradictions 1/4"), "{screen}");
    assert!(screen.contains("contradiction 1/4 │"), "{screen}");
    for kind in ["refines", "updates", "→", "↔", "Refinements"] {
        assert!(!screen.contains(kind), "{kind} among the contradictions");
    }
    press(&mut app, "j");
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(
        screen.contains("who: a party disputes a document"),
        "{screen}"
    );
    assert!(screen.contains("by: The Iranian government"), "{screen}");
    assert!(
        screen.contains("how: asserted · when: 2026-03-05"),
        "{screen}"
    );
}

#[test]
fn d_shows_the_other_differences_by_kind_never_as_contradictions() {
    let mut app = kinds();
    press(&mut app, "2jd");
    let buffer = render(&mut app, 160, 48);
    let groups = [
        "Updates (1)",
        "Refinements (1)",
        "Rival explanations (1)",
        "Differences of emphasis (2)",
    ];
    let rows = rows_of(&buffer, &groups);
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "in order: {rows:?}");
    for group in groups {
        assert_eq!(modifier_at(&buffer, group), Modifier::BOLD, "{group}");
    }
    let screen = text_of(&buffer);
    assert!(
        screen.contains("›houe-two-shipments → huseynov-30-tons"),
        "the later claim first:\n{screen}"
    );
    assert!(screen.contains(" houe-four → huseynov-several"), "{screen}");
    assert!(
        screen.contains(" houe-message ↔ houe-false-flag"),
        "{screen}"
    );
    assert!(
        screen.contains("kind: houe-two-shipments updates huseynov-30-tons"),
        "{screen}"
    );
    assert!(screen.contains("How they differ"), "{screen}");
    assert!(!screen.contains("⚡"), "no contradiction listed:\n{screen}");
    assert!(
        screen.contains(" 2 Contradictions 4 "),
        "the tab counts contradictions only"
    );
    assert!(screen.contains("Other differences 1/5"), "{screen}");
    assert!(screen.contains("difference 1/5 │"), "{screen}");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Other differences: 5 — d switches back"
    );
    // Each list keeps its place.
    press(&mut app, "jjd");
    assert_eq!(app.screens.pairs.cursor, 1, "the contradictions' place");
    press(&mut app, "d");
    assert_eq!(app.screens.pairs.cursor, 2, "the differences' place");
}

#[test]
fn a_pair_followed_from_the_differences_comes_back_to_them() {
    let mut app = kinds();
    press(&mut app, "2djj\n");
    assert_eq!(app.screen, crux::tui::screen::Screen::Claims);
    assert_eq!(selected(&app), "houe-message", "the declaring claim");
    press(&mut app, "2d");
    assert_eq!(
        app.screens.pairs.view,
        crux::tui::pair_lists::PairView::Contradictions
    );
    press(&mut app, "\x08");
    assert_eq!(app.screen, crux::tui::screen::Screen::Contradictions);
    assert_eq!(
        app.screens.pairs.view,
        crux::tui::pair_lists::PairView::Differences
    );
    assert_eq!(app.screens.pairs.cursor, 2);
}

#[test]
fn an_empty_list_says_where_to_look_instead() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Several drones. Four drones.\n").unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"How many?\"\n\
         [claims.several]\ntopic = \"t\"\ntext = \"Several.\"\nspans = [{ source = \"a\", quote = \"Several drones.\" }]\n\
         [claims.four]\ntopic = \"t\"\ntext = \"Four.\"\nspans = [{ source = \"a\", quote = \"Four drones.\" }]\n\
         refines = [\"several\"]\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "2");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(
        screen.contains("no claims contradict each other"),
        "{screen}"
    );
    assert!(
        screen.contains("d shows the other differences (1)"),
        "{screen}"
    );
    assert!(screen.contains(" 2 Contradictions 0 "), "{screen}");
    press(&mut app, "d");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(screen.contains("four → several"), "{screen}");
}

#[test]
fn the_help_says_what_the_contradictions_screen_counts() {
    let mut app = kinds();
    press(&mut app, "2?");
    // The help scrolls a page at a time; its entry is wrapped under its keys.
    let rows = [
        "  d                     switch between the contradictions (claims that cannot",
        "both be true) and the other differences: updates,",
        "refinements, rivals, contrasts (contradictions screen)",
    ];
    for _ in 0..20 {
        let buffer = render(&mut app, 160, 48);
        let screen = text_of(&buffer);
        if rows.iter().all(|row| screen.contains(row)) {
            assert_eq!(
                modifier_at(&buffer, "(contradictions screen)"),
                Modifier::DIM
            );
            assert_eq!(
                modifier_at(&buffer, "refinements, rivals"),
                Modifier::empty()
            );
            return;
        }
        press(&mut app, "jjjjjjjjjj");
    }
    panic!("the d entry is not in the help");
}

#[test]
fn both_lists_keep_their_pair_when_the_file_changes_on_disk() {
    let (_dir, path) = kinds_project();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "2jjdj");
    assert_eq!(
        selected_pair(&app),
        ("houe-four".into(), "huseynov-several".into())
    );
    let text = std::fs::read_to_string(&path).unwrap();
    // The first contradiction and the first update go.
    let edited = text
        .replace("contradicts = [{ claim = \"huseynov-neutral\", note = \"A genuine effort against a posture.\" }]\n", "")
        .replace("updates = [{ claim = \"huseynov-30-tons\", note = \"Written in July, it counts a second shipment.\" }]\n", "");
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    app.replace_dataset(crux::load(&path));
    assert_eq!(app.screens.pairs.cursor, 0);
    assert_eq!(
        selected_pair(&app),
        ("houe-four".into(), "huseynov-several".into())
    );
    press(&mut app, "d");
    assert_eq!(
        selected_pair(&app),
        (
            "huseynov-iran-denies".into(),
            "huseynov-baku-says-iran".into()
        )
    );
    assert_eq!(app.screens.pairs.cursor, 1);
}
