//! Hostile text (escape sequences, C1 controls, bidi overrides, zero-width
//! characters) in every field of a claims file and in its documents never
//! reaches the terminal raw: not through the review UI, `list`, `show`,
//! `check` nor any report format. And the UI draws at any terminal size.

mod common;

use std::process::Command;

use common::keys::press;
use common::screen::{draw, render, text_of};
use crux::tui::action::{Action, SearchAction};
use crux::tui::app::{App, update};
use crux::tui::keymap::Context;
use crux::tui::screen::Screen;
use crux::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Every kind of text that could drive a terminal: clear screen, clipboard
/// write (OSC 52), window title (OSC 0), a raw C1 CSI, BEL, backspace, a
/// lone CR, a tab, a right-to-left override, zero-width space and joiner,
/// a BOM inside the text, DEL, a bidi isolate and a C1 next-line.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{1b}]0;pwned\u{7} c1\u{9b}31m bel\u{7} bs\u{8} cr\rover tab\tx rlo\u{202e}evil zw\u{200b}j\u{200d}b\u{feff}Z del\u{7f} iso\u{2066}x nel\u{85}";

/// What each hostile part must look like once made visible.
const MARKERS: &[&str] = &[
    "␛[2J",
    "␛]52;c;aGk=␇",
    "␛]0;pwned␇",
    "c1\\u{9b}31m",
    "bs␈",
    "cr␍over",
    "rlo\\u{202e}evil",
    "zw\\u{200b}j\\u{200d}b\\u{feff}Z",
    "del␡",
    "iso\\u{2066}x",
    "nel\\u{85}",
];

const DOC_NAME: &str = "doc\u{1b}[2J\u{7}.txt";

/// `text` as a TOML basic string with every non-printable character escaped.
fn toml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if (c as u32) > 0xffff => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn hostile(prefix: &str) -> String {
    toml(&format!("{prefix} {HOSTILE}"))
}

/// A claims file with hostile text in every field crux shows, one document
/// with hostile lines (named with an escape sequence), one that is not
/// UTF-8 (a raw C1 byte), and errors whose messages quote hostile text.
fn hostile_fixture() -> common::Fixture {
    let source = hostile("s");
    let topic = hostile("t");
    let claim = hostile("c");
    let claims = format!(
        r#"title = {title}

[sources.{source}]
path = {path}
title = {stitle}
author = {author}
outlet = {outlet}
date = {date}
note = {snote}

[sources.bin]
path = "binary.txt"

[topics.{topic}]
question = {question}
note = {tnote}

[claims.{claim}]
topic = {topic}
text = {text}
note = {cnote}
status = "disputed"
spans = [{{ source = {source}, quote = {quote} }}]
contradicts = [{{ claim = "other", note = {rnote} }}]

[claims.other]
topic = {topic}
text = "A plain claim."
spans = [{{ source = {source}, quote = "plain words" }}]
{key} = 1

[claims.missing]
topic = {topic}
text = "A quote that is not there."
spans = [{{ source = {source}, quote = {absent} }}]
agrees = ["other"]

[claims.stray]
topic = {stray}
text = "In no known topic."
spans = [{{ source = {source}, quote = "words here" }}]
"#,
        title = hostile("T"),
        path = toml(DOC_NAME),
        stitle = hostile("S"),
        author = hostile("A"),
        outlet = hostile("O"),
        date = hostile("D"),
        snote = hostile("SN"),
        question = hostile("Q"),
        tnote = hostile("TN"),
        text = hostile("C"),
        cnote = hostile("CN"),
        quote = hostile("Q1"),
        rnote = hostile("RN"),
        key = hostile("k"),
        absent = hostile("absent"),
        stray = hostile("nope"),
    );
    let mut document = String::from("# The hostile document\n\nplain words here\n");
    for i in 1..=40 {
        document.push_str(&format!("filler line {i}\n"));
    }
    document.push_str(&format!("Q1 {HOSTILE} end\n"));
    for i in 41..=80 {
        document.push_str(&format!("filler line {i} {HOSTILE}\n"));
    }
    let fixture = common::Fixture::new(&[("claims.toml", &claims), (DOC_NAME, &document)]);
    common::write(
        &fixture.path("binary.txt"),
        b"raw C1 byte \x9b31m and ESC \x1b[2J\n",
    );
    fixture
}

/// Why `c` must never be written to a terminal, if it must not.
fn forbidden(c: char, tab_allowed: bool) -> Option<&'static str> {
    match c {
        '\n' => None,
        '\t' if tab_allowed => None,
        '\u{0}'..='\u{1f}' => Some("C0 control"),
        '\u{7f}' => Some("DEL"),
        '\u{80}'..='\u{9f}' => Some("C1 control"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}' => Some("bidi control"),
        '\u{200b}'..='\u{200f}' | '\u{feff}' => Some("zero-width character"),
        _ => None,
    }
}

/// Fails when `bytes` (what crux wrote) hold anything that drives a terminal.
fn assert_inert(bytes: &[u8], tab_allowed: bool, what: &str) {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}), a raw byte got through"));
    for (at, c) in text.char_indices() {
        if let Some(why) = forbidden(c, tab_allowed) {
            let from = (0..=at.saturating_sub(40))
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            panic!(
                "{what}: {why} U+{:04X} at byte {at}, after {:?}",
                c as u32,
                &text[from..at]
            );
        }
    }
}

fn assert_markers(text: &str, what: &str) {
    for marker in MARKERS {
        assert!(
            text.contains(marker),
            "{what}: {marker:?} not shown in\n{text}"
        );
    }
}

struct Output {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn crux(fixture: &common::Fixture, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(fixture.dir.path())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run crux");
    Output {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: output.stderr,
    }
}

fn claim_id() -> String {
    format!("c {HOSTILE}")
}

#[test]
fn list_and_show_print_hostile_text_visibly() {
    let fixture = hostile_fixture();
    let id = claim_id();
    let runs: [(&str, Vec<&str>); 3] = [
        ("list", vec!["list"]),
        ("show", vec!["show", &id]),
        ("show of an unknown id", vec!["show", HOSTILE]),
    ];
    for (what, args) in runs {
        let out = crux(&fixture, &args);
        assert_inert(&out.stdout, false, &format!("{what} stdout"));
        assert_inert(&out.stderr, false, &format!("{what} stderr"));
    }
    let list = String::from_utf8(crux(&fixture, &["list"]).stdout).unwrap();
    // `list` keeps one line per claim: a tab or newline in the text is a space.
    assert_eq!(list.lines().count(), 4, "{list}");
    assert!(list.contains("c ␛[2J"), "{list}");
    let show = crux(&fixture, &["show", &id]);
    assert_eq!(show.code, Some(0));
    let show = String::from_utf8(show.stdout).unwrap();
    for field in ["c", "t", "Q", "C", "CN", "Q1", "RN"] {
        assert!(show.contains(&format!("{field} ␛[2J")), "{field}: {show}");
    }
    assert_markers(&show, "show");
    assert!(show.contains("cr␍over tab x"), "a tab is a space: {show}");
    let unknown = crux(&fixture, &["show", HOSTILE]);
    assert_eq!(unknown.code, Some(1));
    assert!(
        String::from_utf8(unknown.stderr).unwrap().contains("␛[2J"),
        "the unknown id is echoed visibly"
    );
}

#[test]
fn json_output_escapes_every_control_and_invisible_character() {
    let fixture = hostile_fixture();
    let id = claim_id();
    for args in [vec!["list", "--json"], vec!["show", &id, "--json"]] {
        let out = crux(&fixture, &args);
        assert_inert(&out.stdout, false, &format!("{args:?}"));
        let text = String::from_utf8(out.stdout).unwrap();
        for escaped in [
            "\\u001b[2J",
            "\\u009b",
            "\\u202e",
            "\\u200b",
            "\\ufeff",
            "\\r",
        ] {
            assert!(text.contains(escaped), "{args:?}: no {escaped} in {text}");
        }
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            strings(&value).iter().any(|s| s.ends_with(HOSTILE)),
            "{args:?}: the strings read back exactly"
        );
    }
}

fn strings(value: &serde_json::Value) -> Vec<&str> {
    match value {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn check_diagnostics_show_hostile_text_visibly() {
    let fixture = hostile_fixture();
    let human = crux(&fixture, &["check"]);
    assert_eq!(human.code, Some(1));
    assert_inert(&human.stdout, false, "check stdout");
    assert_inert(&human.stderr, false, "check stderr");
    let stderr = String::from_utf8(human.stderr).unwrap();
    for code in ["E0003", "E0006", "E0013", "E0014"] {
        assert!(stderr.contains(code), "{code} missing:\n{stderr}");
    }
    assert!(stderr.contains("k ␛[2J"), "the unknown key, visibly");
    assert!(stderr.contains("nope ␛[2J"), "the unknown topic, visibly");
    assert!(
        stderr.contains("doc␛[2J␇.txt"),
        "the document's name, visibly"
    );
    assert_markers(&stderr, "check");

    let json = crux(&fixture, &["check", "--format", "json"]);
    assert_inert(&json.stdout, false, "check --format json");
    let text = String::from_utf8(json.stdout).unwrap();
    assert!(
        text.contains("\\u202e") && text.contains("\\u001b"),
        "{text}"
    );
}

#[test]
fn every_report_format_is_inert_on_stdout() {
    let fixture = hostile_fixture();
    let topic = format!("t {HOSTILE}");
    let runs = ["md", "html", "json"]
        .into_iter()
        .flat_map(|format| [(format, None), (format, Some(topic.as_str()))]);
    for (format, topic) in runs {
        let mut args = vec!["report", "--format", format];
        args.extend(topic.iter().flat_map(|t| ["--topic", *t]));
        let out = crux(&fixture, &args);
        assert_eq!(out.code, Some(0), "report {format}");
        // Markdown and HTML may keep a document's tabs: they are text, not commands.
        assert_inert(&out.stdout, format != "json", &format!("report {format}"));
        assert_inert(&out.stderr, false, &format!("report {format} stderr"));
        let text = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            assert!(text.contains("\\u009b") && text.contains("\\u202e"));
        } else {
            for marker in ["␛", "␇", "␈", "\\u{9b}", "\\u{202e}", "␍", "\\u{200b}"] {
                assert!(text.contains(marker), "report {format}: no {marker}");
            }
        }
    }
}

#[test]
fn every_export_format_is_inert_on_stdout() {
    let fixture = hostile_fixture();
    for format in ["w3c", "argdown", "claimreview", "dot"] {
        let mut args = vec!["export", "--format", format];
        if format == "claimreview" {
            args.extend([
                "--review-url",
                "https://example.org/checks",
                "--reviewer",
                "R",
            ]);
        }
        let out = crux(&fixture, &args);
        assert_eq!(out.code, Some(0), "export {format}");
        assert_inert(&out.stdout, false, &format!("export {format}"));
        assert_inert(&out.stderr, false, &format!("export {format} stderr"));
    }
}

#[test]
fn import_messages_are_inert() {
    let fixture = hostile_fixture();
    let json = |text: &str| serde_json::to_string(text).unwrap();
    let hostile = format!("x {HOSTILE}");
    let file = format!(
        r#"{{"rows": [
  {{"id": {id}, "uri": {uri}, "text": {text}, "tags": [{tag}],
    "target": [{{"source": {uri}, "selector": [{{"type": "TextQuoteSelector", "exact": {text}}}]}}]}},
  {{"id": "b", "uri": "https://example.org/x", "text": "t", "tags": [],
    "target": [{{"source": "https://example.org/x", "selector": [{{"type": "TextQuoteSelector", "exact": {text}}}]}}]}}
]}}"#,
        id = json(&hostile),
        uri = json(&hostile),
        text = json(&hostile),
        tag = json(&hostile),
    );
    common::write(&fixture.path("in.json"), file.as_bytes());
    for format in ["hypothesis", "w3c"] {
        let out = crux(
            &fixture,
            &[
                "import",
                format,
                "in.json",
                "--map",
                &format!("https://example.org/x=s {HOSTILE}"),
            ],
        );
        assert_inert(&out.stdout, false, &format!("import {format}"));
        assert_inert(&out.stderr, false, &format!("import {format} stderr"));
        assert!(String::from_utf8(out.stderr).unwrap().contains("␛"));
    }
}

// ---- the review UI on a test backend ----

fn app(fixture: &common::Fixture) -> App {
    App::new(crux::load(&fixture.path("claims.toml")))
}

fn select(app: &mut App, id: &str) {
    let index = app.dataset().claim_index(id).expect("claim");
    app.select_claim(index);
}

fn assert_cells_inert(buffer: &Buffer, what: &str) {
    for (i, cell) in buffer.content.iter().enumerate() {
        for c in cell.symbol().chars() {
            if let Some(why) = forbidden(c, false) {
                let (x, y) = buffer.pos_of(i);
                panic!(
                    "{what}: {why} U+{:04X} in cell ({x},{y}):\n{}",
                    c as u32,
                    text_of(buffer)
                );
            }
        }
    }
}

/// Key presses reaching each screen and popup, from a fresh app.
const SCREENS: &[(&str, &str)] = &[
    ("claims", ""),
    ("claims detail", "\t"),
    ("claims passage", "\t\t"),
    ("contradictions", "2"),
    ("sources", "3"),
    ("reader", "3\n"),
    ("diagnostics", "4"),
    ("diagnostics, further down", "4jjjjjjj"),
    ("help", "?"),
    ("filter menu by topic and source", "fto"),
    ("search", "/"),
    ("reader selection", "3\nvwww"),
    ("topic picker", "3\nvwwwc"),
    ("claim text prompt", "3\nvwwwc\n"),
    ("claim picker", "L"),
    ("text prompt", "t"),
    ("note prompt", "m"),
];

#[test]
fn the_review_ui_draws_hostile_text_visibly_on_every_screen() {
    let fixture = hostile_fixture();
    let mut seen = String::new();
    for (width, height) in [(80, 24), (160, 48)] {
        for (screen, keys) in SCREENS {
            let mut app = app(&fixture);
            select(&mut app, &claim_id());
            press(&mut app, keys);
            if *screen == "search" {
                for c in HOSTILE.chars() {
                    update(&mut app, Action::Search(SearchAction::Input(c)));
                }
            }
            let buffer = render(&mut app, width, height);
            assert_cells_inert(&buffer, &format!("{screen} at {width}x{height}"));
            seen.push_str(&text_of(&buffer));
        }
    }
    assert_markers(&seen, "the review UI");
    for field in ["T ", "S ", "Q ", "C ", "CN ", "RN ", "t ", "c "] {
        assert!(
            seen.contains(&format!("{field}␛[2J")),
            "{field:?} not shown"
        );
    }
    assert!(
        seen.contains("nel\\u{85}█"),
        "the search prompt shows the query's end, where the cursor is"
    );
}

/// After each move the terminal's screen (updated by diffs) equals a fresh
/// drawing of the same state: no cell of a hostile line is left behind.
fn assert_no_stale_cells(keys: &str, moves: &str, width: u16, height: u16) {
    let fixture = hostile_fixture();
    let mut app = app(&fixture);
    select(&mut app, &claim_id());
    press(&mut app, keys);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut changed = 0;
    let mut before = draw(&mut terminal, &mut app);
    for (i, key) in moves.chars().enumerate() {
        press(&mut app, &key.to_string());
        let shown = draw(&mut terminal, &mut app);
        let fresh = render(&mut app, width, height);
        assert_eq!(
            text_of(&shown),
            text_of(&fresh),
            "{keys:?} then move {i} ({key:?})"
        );
        assert_eq!(shown, fresh, "{keys:?} then move {i}: styles differ");
        changed += usize::from(shown != before);
        before = shown;
    }
    assert!(changed > moves.len() / 2, "the moves did scroll: {changed}");
}

#[test]
fn scrolling_the_reader_over_hostile_lines_leaves_no_stale_cells() {
    assert_no_stale_cells(
        "3\n",
        "jjjjjjjjjjjjjjjjjjjjkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
        80,
        24,
    );
    assert_no_stale_cells("3\n", "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj", 61, 15);
}

#[test]
fn scrolling_the_passage_over_hostile_lines_leaves_no_stale_cells() {
    assert_no_stale_cells(
        "\t\t",
        "jjjjjjjjjjjjjjjjjjjjjjkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
        80,
        24,
    );
    assert_no_stale_cells("2\t", "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj", 100, 30);
}

// ---- terminal sizes ----

fn tui_fixture() -> App {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml");
    App::new(crux::load(&path))
}

const MIN: (u16, u16) = (view::MIN_WIDTH, view::MIN_HEIGHT);

/// Sizes the layout cannot fit, and sizes it can.
const TOO_SMALL: [(u16, u16); 5] = [
    (1, 1),
    (10, 3),
    (40, 10),
    (MIN.0 - 1, MIN.1),
    (MIN.0, MIN.1 - 1),
];
const FITTING: [(u16, u16); 3] = [MIN, (80, 24), (61, 200)];

const SCREEN_KEYS: [(&str, &str); 5] = [
    ("claims", ""),
    ("contradictions", "2"),
    ("sources", "3"),
    ("reader", "3\n"),
    ("diagnostics", "4"),
];

/// Each popup, and what must be readable in it.
const POPUPS: [(&str, &str, &str); 4] = [
    ("no popup", "", "? help"),
    ("help", "?", "Help — Esc or ? closes"),
    ("filter menu", "f", "claims shown — F clears, Esc closes"),
    // The claim search (`/dr█`), or the find in the reader (`find: dr█`).
    ("search", "/dr", "dr█"),
];

fn with_popup(screen: &str, popup: &str) -> App {
    let mut app = tui_fixture();
    press(&mut app, screen);
    press(&mut app, popup);
    app
}

#[test]
fn every_screen_and_popup_draws_at_every_size_or_says_the_terminal_is_too_small() {
    let notice = format!("terminal too small (need at least {}x{}", MIN.0, MIN.1);
    for (screen, screen_keys) in SCREEN_KEYS {
        for (popup, popup_keys, readable) in POPUPS {
            if screen == "diagnostics" && popup == "filter menu" {
                // `f` repairs a quote there; the filter menu is for claims.
                continue;
            }
            let what = format!("{screen} with {popup}");
            for (width, height) in TOO_SMALL {
                let mut app = with_popup(screen_keys, popup_keys);
                let buffer = render(&mut app, width, height);
                let text = text_of(&buffer);
                match (width, height) {
                    (1, 1) => assert_eq!(text, "t\n", "{what}"),
                    (10, 3) => {
                        let rows: Vec<&str> = text.lines().map(str::trim_end).collect();
                        assert_eq!(rows, ["terminal", "too small", "(need at"], "{what}");
                    }
                    _ => assert!(
                        text.replace('\n', " ").contains(&notice),
                        "{what} at {width}x{height}:\n{text}"
                    ),
                }
            }
            for (width, height) in FITTING {
                let mut app = with_popup(screen_keys, popup_keys);
                let text = text_of(&render(&mut app, width, height));
                let at = format!("{what} at {width}x{height}:\n{text}");
                assert!(!text.contains("too small"), "{at}");
                assert!(text.contains(readable), "{readable:?} not readable: {at}");
                let tabs = text.lines().next().unwrap();
                for (i, screen) in Screen::ALL.iter().enumerate() {
                    let titled = format!(" {} {} ", i + 1, screen.title());
                    let short = format!(" {}:", i + 1);
                    assert!(
                        tabs.contains(&titled) || tabs.contains(&short),
                        "tab {} cut: {at}",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn resizing_with_a_popup_open_redraws_every_cell() {
    let sizes = [
        (80, 24),
        (1, 1),
        (10, 3),
        (40, 10),
        MIN,
        (MIN.0 - 1, MIN.1),
        (160, 48),
        (80, 24),
    ];
    // (what is open, the keys that open it)
    let mut cases: Vec<(String, String)> = SCREEN_KEYS
        .iter()
        .flat_map(|&(screen, screen_keys)| {
            POPUPS.iter().map(move |&(popup, popup_keys, _)| {
                (
                    format!("{screen} with {popup}"),
                    format!("{screen_keys}{popup_keys}"),
                )
            })
        })
        .collect();
    for (dialog, keys, context) in [
        ("the topic picker", "3\nvwwc", Context::Picker),
        ("the claim text prompt", "3\nvwwc\n", Context::Input),
        ("the claim picker", "L", Context::Picker),
        ("the text prompt", "t", Context::Input),
    ] {
        let mut app = tui_fixture();
        press(&mut app, keys);
        assert_eq!(app.context(), context, "{keys:?} opens {dialog}");
        cases.push((dialog.to_string(), keys.to_string()));
    }
    for (what, keys) in cases {
        {
            let mut app = tui_fixture();
            press(&mut app, &keys);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            for (width, height) in sizes {
                terminal.backend_mut().resize(width, height);
                let shown = draw(&mut terminal, &mut app);
                let fresh = render(&mut app, width, height);
                assert_eq!(
                    text_of(&shown),
                    text_of(&fresh),
                    "{what}, resized to {width}x{height}"
                );
                assert_eq!(shown, fresh, "{what} at {width}x{height}");
            }
        }
    }
}
