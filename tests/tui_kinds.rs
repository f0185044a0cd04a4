//! The review UI and the relation kinds: the link dialog offers every kind
//! and writes the one picked; the claim detail says who asserts a claim, how
//! and about when, as `crux show` does; claims filter by party; hostile
//! names and hedges are drawn visibly; the new screens at two sizes.

mod common;

use common::keys::press;
use common::kinds::{
    find, fixture_path, kinds, kinds_path, modifier_at, select_id, selected, visible_ids,
};
use common::screen::{render, text_of};
use common::{carry_out, tui_project};
use crux::edit::Edit;
use crux::model::RelationKind;
use crux::tui::app::App;
use crux::tui::effect::Effect;
use ratatui::style::Modifier;

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
