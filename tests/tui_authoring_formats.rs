//! Authoring from a PDF and from a saved web page, as from a `.txt`: a
//! passage selected in the reader becomes a claim whose quote is the text
//! the reader shows, saved, and found again where it was selected.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use common::keys::press;
use common::{carry_out, finish_anchoring, tui_project};
use crux::edit::Edit;
use crux::tui::app::App;
use crux::tui::effect::Effect;

/// Holds the process's environment while a test loads: its extraction
/// cache is a directory of its own, not the user's.
fn alone(cache: &Path) -> MutexGuard<'static, ()> {
    static ENVIRONMENT: Mutex<()> = Mutex::new(());
    let guard = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: the lock keeps this file's tests from reading or writing the
    // environment meanwhile.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache) };
    guard
}

/// The review UI's test project with the Houé article (its third
/// source) as `file`, copied from `fixture`.
fn project_with_houe_as(file: &str, fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = tui_project();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    std::fs::copy(from, dir.path().join("docs").join(file)).unwrap();
    let claims = std::fs::read_to_string(&path)
        .unwrap()
        .replace("docs/alignment-restraint.txt", &format!("docs/{file}"));
    std::fs::write(&path, claims).unwrap();
    (dir, path)
}

fn shown(app: &App) -> &str {
    let reader = app.screens.sources.reader.as_ref().unwrap();
    app.data.shown_text(reader.source)
}

fn selected(app: &App) -> &str {
    let reader = app.screens.sources.reader.as_ref().unwrap();
    &shown(app)[reader.selection().expect("a selection")]
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Opens the Houé article in the reader, selects "four Iranian drones had
/// taken part in the attack", makes a claim of it and saves it; returns
/// the app after the save and the quote written.
fn claim_four_drones(path: &Path) -> (App, String) {
    let mut app = App::new(crux::load(path));
    press(&mut app, "3jj\n");
    let reader = app.screens.sources.reader.as_ref().expect("the reader");
    assert_eq!(app.dataset().sources[reader.source].id, "houe");
    press(&mut app, "/four iranian drones\nv/attack\n");
    let selection = selected(&app).to_string();
    assert_eq!(
        one_line(&selection),
        "four Iranian drones had taken part in the attack"
    );
    let effects = press(&mut app, "corigin\n\x15Four drones.\n\x15houe-four\n");
    let [Effect::Apply { edit, .. }] = effects.as_slice() else {
        panic!("one save: {effects:?}");
    };
    let Edit::AddClaim(new) = edit else {
        panic!("a new claim: {edit:?}");
    };
    assert_eq!(new.source, "houe");
    assert_eq!(new.quote, selection, "the quote is the text shown");
    let quote = new.quote.clone();
    for result in carry_out(&mut app, path, effects) {
        result.unwrap();
    }
    finish_anchoring(&mut app);
    (app, quote)
}

/// The claim saved by [`claim_four_drones`], loaded again: found, exactly,
/// where it was selected.
fn assert_found_again(app: &App, path: &Path, quote: &str) -> crux::model::Anchor {
    let saved = std::fs::read_to_string(path).unwrap();
    assert!(saved.contains("[claims.houe-four]"), "{saved}");
    let dataset = crux::load(path);
    let claim = dataset.claim("houe-four").expect("the claim saved");
    assert_eq!(claim.spans[0].quote, quote);
    let anchor = claim.spans[0].anchor.clone().expect("anchored");
    assert_eq!(anchor.kind, crux::model::MatchKind::Exact);
    let text = dataset.source("houe").unwrap().text().unwrap();
    assert_eq!(&text[anchor.bytes.clone()], quote);
    let in_app = app.dataset().claim("houe-four").expect("in the app");
    assert_eq!(in_app.spans[0].anchor.as_ref(), Some(&anchor));
    let codes: Vec<_> = dataset
        .diagnostics
        .iter()
        .filter(|d| d.claim.as_deref() == Some("houe-four"))
        .map(|d| d.code.id())
        .collect();
    assert!(
        codes.iter().all(|c| ["W0003"].contains(c)),
        "the new claim's quote has no problem: {codes:?}"
    );
    anchor
}

#[test]
fn a_claim_from_a_passage_selected_in_a_pdf() {
    let (dir, path) =
        project_with_houe_as("insight.pdf", "tests/fixtures/pdf/seeds/003-chromium.pdf");
    let _alone = alone(&dir.path().join("cache"));
    let (app, quote) = claim_four_drones(&path);
    let anchor = assert_found_again(&app, &path, &quote);
    let page = anchor.page.expect("a PDF quote has its page");
    assert_eq!(page.page, 2);
}

#[test]
fn a_claim_from_a_passage_selected_in_a_saved_web_page() {
    let (dir, path) = project_with_houe_as(
        "insight.html",
        "tests/fixtures/html/seeds/003_58c47bfb15e2261f.html",
    );
    let _alone = alone(&dir.path().join("cache"));
    let (app, quote) = claim_four_drones(&path);
    assert_eq!(quote, "four Iranian drones had taken part in the attack");
    let anchor = assert_found_again(&app, &path, &quote);
    assert_eq!(anchor.page, None);
}
