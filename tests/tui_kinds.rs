//! The review UI and the relation kinds: the link dialog offers every kind
//! and writes the one picked; the detail says who asserts a claim, how and
//! about when; claims filter by party; the Contradictions screen groups
//! contradictions by who disagrees and keeps the other differences apart;
//! the Timeline steps through claims by the time they are about.

mod common;

use std::path::{Path, PathBuf};

use common::keys::press;
use common::screen::{render, text_of};
use common::{carry_out, tui_project};
use crux::edit::Edit;
use crux::model::RelationKind;
use crux::tui::app::App;
use crux::tui::effect::Effect;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml")
}

fn select_id(app: &mut App, id: &str) {
    let index = app.dataset().claim_index(id).unwrap();
    app.select_claim(index);
}

/// The column and row where `text` starts on screen (a wide character's
/// trailing cell skipped, as [`text_of`] does).
fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let mut line = String::new();
        let mut starts = Vec::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            starts.push((line.len(), x));
            line.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        let at = line.find(text)?;
        starts
            .iter()
            .find(|&&(byte, _)| byte == at)
            .map(|&(_, x)| (x, y))
    })
}

/// The modifiers of the cell at the start of `text` on screen.
fn modifier_at(buffer: &Buffer, text: &str) -> Modifier {
    let (x, y) = find(buffer, text).unwrap_or_else(|| {
        panic!("{text:?} not on screen:\n{}", text_of(buffer));
    });
    buffer[(x, y)].modifier
}

#[test]
fn the_link_dialog_offers_every_kind_and_says_what_each_means() {
    let mut app = App::new(crux::load(&fixture_path()));
    select_id(&mut app, "thirty-tons");
    press(&mut app, "Llargely\n");
    let buffer = render(&mut app, 120, 40);
    let screen = text_of(&buffer);
    for line in [
        " a agrees: both say the same, or one bears out the other",
        " c contradicts: both cannot be true of the same thing at the same time",
        " r refines: this claim is a more precise version of the same fact",
        " R is refined by: the other claim is the more precise version",
        " u updates: this claim is later information that replaces the other",
        " U is updated by: the other claim is later information that replaces this one",
        " v rivals: alternative explanations, offered as such",
        " t contrasts: both can be true, but they differ in emphasis or framing",
    ] {
        assert!(screen.contains(line), "{line:?} missing:\n{screen}");
    }
    assert!(
        screen.contains("thirty-tons and largely-neutral"),
        "{screen}"
    );
    assert!(modifier_at(&buffer, " R is refined").contains(Modifier::BOLD));
    assert!(!modifier_at(&buffer, "is refined by:").contains(Modifier::BOLD));
    assert!(press(&mut app, "x").is_empty(), "x is no kind");
    assert!(app.flow.is_some(), "still asking for the kind");
}

/// The edit the link dialog asks for when `key` picks the kind.
fn link_with(key: char) -> Edit {
    let mut app = App::new(crux::load(&fixture_path()));
    select_id(&mut app, "thirty-tons");
    press(&mut app, "Llargely\n");
    press(&mut app, &key.to_string());
    match press(&mut app, "\n").as_slice() {
        [Effect::Apply { edit, .. }] => edit.clone(),
        other => panic!("{key}: {other:?}"),
    }
}

#[test]
fn each_kind_key_links_with_its_kind_declared_on_the_right_claim() {
    let on_this = |kind| Edit::AddLink {
        claim: "thirty-tons".into(),
        other: "largely-neutral".into(),
        kind,
        note: None,
    };
    let on_other = |kind| Edit::AddLink {
        claim: "largely-neutral".into(),
        other: "thirty-tons".into(),
        kind,
        note: None,
    };
    assert_eq!(link_with('a'), on_this(RelationKind::Agrees));
    assert_eq!(link_with('c'), on_this(RelationKind::Contradicts));
    assert_eq!(link_with('r'), on_this(RelationKind::Refines));
    assert_eq!(link_with('R'), on_other(RelationKind::Refines));
    assert_eq!(link_with('u'), on_this(RelationKind::Updates));
    assert_eq!(link_with('U'), on_other(RelationKind::Updates));
    assert_eq!(link_with('v'), on_this(RelationKind::Rivals));
    assert_eq!(link_with('t'), on_this(RelationKind::Contrasts));
}

#[test]
fn a_reversed_update_is_written_on_the_later_claim_and_reads_back() {
    let (_dir, path) = tui_project();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut app = App::new(crux::load(&path));
    select_id(&mut app, "thirty-tons");
    press(&mut app, "Lcrossings\nU");
    let screen = text_of(&render(&mut app, 120, 40));
    assert!(
        screen.contains("crossings-reopened updates thirty-tons"),
        "the dialog shows the link as it will be written:\n{screen}"
    );
    let effects = press(&mut app, "Later news.\n");
    let results = carry_out(&mut app, &path, effects);
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let after = std::fs::read_to_string(&path).unwrap();
    let table = after.find("[claims.crossings-reopened]").unwrap();
    assert_eq!(
        &after[table..],
        "[claims.crossings-reopened]\n\
         topic = \"aid\"\n\
         text = \"Azerbaijan reopened its border crossings after a closure.\"\n\
         spans = [{ source = \"houe\", quote = \"Azerbaijan reopened its border crossings after a closure\" }]\n\
         agrees = [\"first-convoy\"]\n\
         updates = [\n  { claim = \"thirty-tons\", note = \"Later news.\" },\n]\n",
    );
    assert_eq!(&after[..table], &before[..table], "nothing else changed");
    let dataset = app.dataset();
    let relation = dataset
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::Updates)
        .expect("the update was read back");
    assert_eq!(dataset.claims[relation.from].id, "crossings-reopened");
    assert_eq!(dataset.claims[relation.to].id, "thirty-tons");
}

fn kinds_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/kinds.toml")
}

fn kinds() -> App {
    App::new(crux::load(&kinds_path()))
}

/// What `crux show ID` prints after `label` (`by`, `how`, `when`).
fn shown_by_cli(id: &str, label: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["show", id])
        .arg(kinds_path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("{label:<8}");
    stdout
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {label} in:\n{stdout}"))
        .to_string()
}

#[test]
fn the_detail_says_who_asserts_the_claim_how_and_about_when_as_show_does() {
    let cases = [
        (
            "houe-four",
            "Azerbaijan's Ministry of Defense (party `mod`)",
            "asserted",
            "2026-03-05",
        ),
        (
            "houe-false-flag",
            "The Iranian government (party `iran`)",
            "hypothesis (\"may have been\")",
            "2026-03-05",
        ),
        (
            "houe-aligned",
            "the document's own voice",
            "asserted",
            "the 2026 Iran war (2026-02-28..)",
        ),
        (
            "houe-iron-fist",
            "The Azerbaijani government (party `baku`)",
            "forecast",
            "not stated",
        ),
    ];
    for (id, by, how, when) in cases {
        let mut app = kinds();
        select_id(&mut app, id);
        let buffer = render(&mut app, 160, 48);
        for (label, value) in [("by", by), ("how", how), ("when", when)] {
            assert_eq!(shown_by_cli(id, label), value, "crux show {id}");
            let line = format!("{label}: {value}");
            let (x, y) = find(&buffer, &line)
                .unwrap_or_else(|| panic!("{line:?} not shown:\n{}", text_of(&buffer)));
            let label_cell = &buffer[(x, y)];
            let value_cell = &buffer[(x + label.len() as u16 + 2, y)];
            assert!(label_cell.modifier.contains(Modifier::DIM), "{id} {label}");
            assert!(!value_cell.modifier.contains(Modifier::DIM), "{id} {label}");
        }
    }
}

#[test]
fn a_contradicting_link_in_the_detail_names_who_disagrees() {
    let mut app = kinds();
    select_id(&mut app, "houe-launched");
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(
        screen.contains(
            "[a party disputes a document] Tehran's denial against the launch site 003 states as fact."
        ),
        "{screen}"
    );
}

fn visible_ids(app: &App) -> Vec<&str> {
    app.screens
        .claims
        .visible
        .iter()
        .map(|&c| app.dataset().claims[c].id.as_str())
        .collect()
}

#[test]
fn claims_filter_by_party_declared_order_then_any() {
    let mut app = kinds();
    press(&mut app, "fp");
    assert_eq!(app.screens.claims.filter.party.as_deref(), Some("baku"));
    assert_eq!(
        visible_ids(&app),
        ["huseynov-baku-says-iran", "houe-iron-fist"]
    );
    let buffer = render(&mut app, 100, 30);
    let screen = text_of(&buffer);
    assert!(
        screen.contains(" p party              baku — The Azerbaijani government"),
        "{screen}"
    );
    assert!(screen.contains("2 claims shown"), "{screen}");
    press(&mut app, "p");
    assert_eq!(
        visible_ids(&app),
        ["huseynov-iran-denies", "houe-false-flag"]
    );
    press(&mut app, "p");
    assert_eq!(visible_ids(&app), ["houe-four"]);
    press(&mut app, "\x1b");
    let screen = text_of(&render(&mut app, 100, 30));
    assert!(screen.contains("filter: party=mod"), "{screen}");
    press(&mut app, "fp");
    assert_eq!(app.screens.claims.filter.party, None, "then any party");
    assert_eq!(visible_ids(&app).len(), 15);
}

#[test]
fn a_party_filter_hiding_the_claim_a_link_leads_to_is_cleared() {
    let mut app = kinds();
    press(&mut app, "fpp\x1b");
    assert_eq!(selected(&app), "huseynov-iran-denies");
    press(&mut app, "\t\n");
    assert_eq!(selected(&app), "houe-launched");
    assert_eq!(app.screens.claims.filter.party, None);
}

fn selected(app: &App) -> &str {
    &app.dataset().claims[app.selected_claim().unwrap()].id
}

/// The rows (top to bottom) on which each of `texts` first appears.
fn rows_of(buffer: &Buffer, texts: &[&str]) -> Vec<u16> {
    texts
        .iter()
        .map(|text| {
            find(buffer, text)
                .unwrap_or_else(|| panic!("{text:?} not on screen:\n{}", text_of(buffer)))
                .1
        })
        .collect()
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

/// A temp copy of the kinds fixture, as `claims.toml` next to the docs.
fn kinds_project() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = tui_project();
    std::fs::copy(kinds_path(), &path).unwrap();
    (dir, path)
}

/// The ids of the selected pair's two claims.
fn selected_pair(app: &App) -> (String, String) {
    let relation = app.screens.pairs.selected(&app.data).expect("a pair");
    let rel = &app.dataset().relations[relation];
    let claims = &app.dataset().claims;
    (claims[rel.from].id.clone(), claims[rel.to].id.clone())
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
    let placed = &app.data.placed[reader.source][reader.span];
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

fn snapshot_each_size(name: &str, keys: &str) {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = kinds();
        press(&mut app, keys);
        let screen = text_of(&render(&mut app, width, height));
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn screens_drawn() {
    snapshot_each_size("contradictions_grouped", "2j");
    snapshot_each_size("differences", "2d");
    snapshot_each_size("timeline", "5]]]j");
    snapshot_each_size("timeline_publication", "5]]]]]");
    snapshot_each_size("link_kinds", "Lhuseynov-several\n");
}

#[test]
fn hostile_parties_periods_and_hedges_are_drawn_visibly_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), "It may be so. It is not so.\n").unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[sources.d]\npath = \"doc.txt\"\ndate = \"2026-03-14\"\ntitle = \"T\\u001b]0;pwned\\u0007\"\n\
         [topics.t]\nquestion = \"Q\\u202e?\"\n\
         [parties.p]\nname = \"Party \\u001b[2J\"\n\
         [periods.w]\nname = \"War \\u001b[31m\"\nwhen = \"2026\"\n\
         [claims.a]\ntopic = \"t\"\ntext = \"A.\"\nasserted_by = \"p\"\nmode = \"hedged\"\nhedge = \"may\\u001b[1m\"\n\
         when = \"w\"\nspans = [{ source = \"d\", quote = \"It may be so.\" }]\n\
         contradicts = [{ claim = \"b\", note = \"N\\u0007\" }]\n\
         [claims.b]\ntopic = \"t\"\ntext = \"B.\"\nspans = [{ source = \"d\", quote = \"It is not so.\" }]\n\
         refines = [\"a\"]\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    for (width, height) in [(60, 15), (80, 24), (160, 48)] {
        for keys in [
            "", "\t", "2", "2d", "5", "5\n", "5]]", "fp", "fp\x1b", "Lb\n",
        ] {
            press(&mut app, keys);
            let screen = text_of(&render(&mut app, width, height));
            for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
                assert!(
                    !screen.contains(raw),
                    "{raw:?} drawn after {keys:?}:\n{screen}"
                );
            }
            press(&mut app, "\x1b\x1b1");
            if app.screens.pairs.view != crux::tui::pair_lists::PairView::Contradictions {
                press(&mut app, "2d1");
            }
            press(&mut app, "F");
        }
    }
    press(&mut app, "5g");
    let screen = text_of(&render(&mut app, 160, 48));
    assert!(screen.contains("War ␛[31m (2026) (1)"), "{screen}");
    assert!(screen.contains("by: Party ␛[2J (party `p`)"), "{screen}");
    assert!(screen.contains("how: hedged (\"may␛[1m\")"), "{screen}");
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
