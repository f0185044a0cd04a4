//! The review UI while its documents are read and anchored in the
//! background, driven by keys without a terminal: documents arrive in any
//! order and batch, keys write meanwhile, and the end is what `crux::load`
//! of the file on disk gives.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use common::keys::press;
use common::screen::{render, text_of};
use common::{carry_out, write};
use crux::load::{Anchored, Plan};
use crux::model::Dataset;
use crux::tui::app::App;
use crux::tui::effect::Effect;
use crux::tui::screen::Screen;

/// Two documents; the first claim has no status (confirming it inserts a
/// line above every quote after it), the second quote matches only once
/// normalized and the third is nowhere, so both give diagnostics located
/// in the claims file; `broken` is an unknown key, diagnosed at parse time.
const CLAIMS: &str = r#"[sources.a]
path = "a.txt"

[sources.b]
path = "b.txt"

[topics.t]
question = "What happened?"

[claims.first]
topic = "t"
text = "First."
spans = [{ source = "a", quote = "alpha beta" }]

[claims.second]
topic = "t"
text = "Second."
spans = [{ source = "b", quote = "gamma delta" }]

[claims.third]
topic = "t"
text = "Third."
spans = [{ source = "b", quote = "nowhere to be found" }]
broken = 1
"#;

fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), b"alpha beta\n");
    write(&dir.path().join("b.txt"), b"gamma\ndelta, and more text\n");
    let path = dir.path().join("claims.toml");
    write(&path, CLAIMS.as_bytes());
    (dir, path)
}

/// Every document of `dataset` read and anchored, as the loader sends them.
fn anchor(dataset: &Dataset) -> Vec<Anchored> {
    let arrived = Mutex::new(Vec::new());
    Plan::new(dataset).run(&AtomicBool::new(false), |a| arrived.lock().unwrap().push(a));
    let mut arrived = arrived.into_inner().unwrap();
    arrived.sort_by_key(Anchored::source);
    arrived
}

fn anchors(dataset: &Dataset) -> Vec<Option<std::ops::Range<usize>>> {
    let spans = dataset.claims.iter().flat_map(|c| &c.spans);
    spans
        .map(|s| s.anchor.as_ref().map(|a| a.bytes.clone()))
        .collect()
}

/// What the UI holds is what a whole load of the file on disk gives.
fn assert_as_loaded(app: &App, path: &Path) {
    let fresh = crux::load(path);
    assert_eq!(app.dataset().diagnostics, fresh.diagnostics);
    assert_eq!(anchors(app.dataset()), anchors(&fresh));
    assert_eq!(*app.dataset().text, *fresh.text);
    assert!(app.data.anchoring.is_none(), "still anchoring");
}

fn status_bar(app: &mut App) -> String {
    let screen = text_of(&render(app, 250, 30));
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_claims_show_before_any_document_is_read() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    assert_eq!(app.screens.claims.visible.len(), 3);
    let bar = status_bar(&mut app);
    assert!(bar.contains("anchoring 0/2 documents"), "{bar}");
    let screen = text_of(&render(&mut app, 120, 30));
    assert!(screen.contains("not read yet"), "{screen}");
    assert!(!screen.contains("not found"), "{screen}");

    let documents = anchor(app.dataset());
    let generation = app.generation;
    let mut documents = documents.into_iter();
    app.anchored(generation, documents.by_ref().take(1).collect(), None);
    let bar = status_bar(&mut app);
    assert!(bar.contains("anchoring 1/2 documents"), "{bar}");
    app.anchored(generation, documents.collect(), None);
    let bar = status_bar(&mut app);
    assert!(!bar.contains("anchoring"), "{bar}");
    assert_as_loaded(&app, &path);
}

#[test]
fn documents_arriving_in_any_order_give_what_a_whole_load_gives() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml");
    let mut app = App::anchoring(crux::load::without_documents(&path));
    let mut documents = anchor(app.dataset());
    documents.reverse();
    let generation = app.generation;
    while !documents.is_empty() {
        let batch = documents.split_off(documents.len().saturating_sub(2));
        app.anchored(generation, batch, None);
    }
    assert_as_loaded(&app, &path);
}

#[test]
fn a_status_written_while_anchoring_leaves_what_arrives_where_it_belongs() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    // The loader took the claims as they were before the key.
    let documents = anchor(app.dataset());
    let effects = press(&mut app, "a");
    for saved in carry_out(&mut app, &path, effects) {
        saved.expect("saved");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        on_disk,
        CLAIMS.replace(
            "\"alpha beta\" }]\n",
            "\"alpha beta\" }]\nstatus = \"confirmed\"\n"
        )
    );
    let generation = app.generation;
    app.anchored(generation, documents, None);
    assert_as_loaded(&app, &path);
}

#[test]
fn what_arrives_for_an_earlier_dataset_is_dropped() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    let earlier = app.generation;
    let documents = anchor(app.dataset());
    // A link is not followed in place: the saved file is a new dataset.
    press(&mut app, "j");
    let effects = press(&mut app, "L");
    assert!(effects.is_empty());
    let effects = press(&mut app, "third\nc\n");
    let saved = carry_out(&mut app, &path, effects);
    assert_eq!(saved.len(), 1, "one save");
    saved.into_iter().for_each(|s| {
        s.expect("saved");
    });
    assert_ne!(app.generation, earlier);
    app.anchored(earlier, documents, None);
    assert_eq!(app.data.anchoring.as_ref().map(|a| a.done), Some(0));
    assert!(anchors(app.dataset()).iter().all(Option::is_none));

    let documents = anchor(app.dataset());
    let generation = app.generation;
    app.anchored(generation, documents, None);
    assert_as_loaded(&app, &path);
    assert!(app.dataset().graph.is_contradicted(crux::ix::ClaimIx(1)));
}

#[test]
fn the_selected_diagnostic_stays_selected_as_others_arrive() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    press(&mut app, "4G");
    assert_eq!(app.screen, Screen::Diagnostics);
    let selected = app.screens.diagnostics.selected(&app.data).cloned();
    let selected = selected.expect("the unknown key is diagnosed before any document is read");
    assert!(selected.message.contains("broken"), "{}", selected.message);
    let documents = anchor(app.dataset());
    let generation = app.generation;
    app.anchored(generation, documents, None);
    assert!(
        app.dataset().diagnostics.len() >= 3,
        "the quotes' diagnostics arrived"
    );
    assert_eq!(app.screens.diagnostics.selected(&app.data), Some(&selected));
}

#[test]
fn an_export_waits_for_every_document() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    let effects = press(&mut app, "x");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Export(_))),
        "{effects:?}"
    );
    let message = app.message.clone().expect("a message");
    assert!(message.is_error, "{message:?}");
    assert!(
        message
            .text
            .contains("not exported: anchoring 0/2 documents"),
        "{message:?}"
    );
    let documents = anchor(app.dataset());
    let generation = app.generation;
    app.anchored(generation, documents, None);
    let effects = press(&mut app, "x");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Export(_))),
        "{effects:?}"
    );
}

#[test]
fn anchoring_that_stops_says_so_and_keeps_what_arrived() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    let mut documents = anchor(app.dataset());
    documents.truncate(1);
    let generation = app.generation;
    app.anchored(
        generation,
        documents,
        Some("internal error (boom); please report it".into()),
    );
    let bar = status_bar(&mut app);
    assert!(
        bar.contains("anchoring stopped at 1/2 documents (r reloads)"),
        "{bar}"
    );
    assert!(
        bar.contains("anchoring stopped: internal error (boom); please report it"),
        "{bar}"
    );
    assert!(app.dataset().claims[0].spans[0].anchor.is_some());
    let effects = press(&mut app, "a");
    assert!(
        matches!(effects.as_slice(), [Effect::Apply { .. }]),
        "a status can still be written: {effects:?}"
    );
}

#[test]
fn a_dataset_loaded_again_reuses_the_documents_read_for_the_last_one() {
    let (_dir, path) = project();
    let mut app = App::anchoring(crux::load::without_documents(&path));
    let plan = Plan::cached(&app.data.dataset, &mut app.data.cache);
    let arrived = Mutex::new(Vec::new());
    plan.run(&AtomicBool::new(false), |a| arrived.lock().unwrap().push(a));
    let generation = app.generation;
    app.anchored(generation, arrived.into_inner().unwrap(), None);
    assert_eq!(app.data.cache.last.documents_read, 2);

    // A link written: the saved file is a new dataset, anchored again.
    press(&mut app, "j");
    press(&mut app, "L");
    let effects = press(&mut app, "third\nc\n");
    for saved in carry_out(&mut app, &path, effects) {
        saved.expect("saved");
    }
    assert!(app.data.anchoring.is_some());
    write(&path.with_file_name("b.txt"), b"gamma delta changed\n");
    let plan = Plan::cached(&app.data.dataset, &mut app.data.cache);
    let arrived = Mutex::new(Vec::new());
    plan.run(&AtomicBool::new(false), |a| arrived.lock().unwrap().push(a));
    let generation = app.generation;
    app.anchored(generation, arrived.into_inner().unwrap(), None);
    assert_eq!(
        app.data.cache.last.documents_read, 1,
        "only the document changed on disk is read again"
    );
    assert_as_loaded(&app, &path);
}
