//! The real `crux` binary in a real terminal (tmux): navigate, search,
//! switch screens, confirm a claim, quit; the terminal comes back and the
//! claims file changes by that one status value only. Then authoring: a
//! claim from a selected passage, linked to another, written as a person
//! would write it. And the shipped example: its contradictions by class and
//! its timeline, as the report counts and orders them.

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{self, Tmux, copy_dir, fixture_dir};

/// crux in a 160x48 pane on a temp copy of the UI fixture; the pane says
/// CRUX-EXITED when crux has ended.
fn crux_on_a_copy_of_the_fixture() -> (tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let command = format!(
        "sh -c '\"{}\" claims.toml; echo CRUX-EXITED; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = Tmux::start(dir.path(), &command, 160, 48);
    (dir, tmux)
}

#[test]
fn review_session_in_a_real_terminal() {
    if !tmux::available() {
        return;
    }
    let (dir, tmux) = crux_on_a_copy_of_the_fixture();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();

    let screen = tmux.wait_for("claim 1/10");
    assert!(
        screen.contains("›✓ ⚡ The drones were launched from Iranian territory."),
        "{screen}"
    );
    assert!(screen.contains("5/10 reviewed"), "{screen}");
    assert_eq!(tmux.display("#{alternate_on}"), "1");

    tmux.send(&["j"]);
    let screen = tmux.wait_for("claim 2/10");
    assert!(screen.contains("baku-says-iran  · unreviewed"), "{screen}");

    tmux.type_text("/drone");
    tmux.wait_for("/drone█  4 matching");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("filter: /drone");
    assert!(
        !screen.contains("Did Azerbaijan stay neutral"),
        "only drone claims:\n{screen}"
    );

    tmux.send(&["2"]);
    let screen = tmux.wait_for("Contradictions 1/4");
    assert!(
        screen.contains("›iran-denies ⚡ launched-from-iran"),
        "{screen}"
    );
    assert!(
        screen.contains("Tehran's denial against the reported launch site."),
        "{screen}"
    );

    tmux.send(&["1"]);
    tmux.send(&["G"]);
    let screen = tmux.wait_for("claim 4/4");
    assert!(screen.contains("false-flag  ? disputed"), "{screen}");
    tmux.send(&["a"]);
    let screen = tmux.wait_for("false-flag: confirmed (saved)");
    assert!(screen.contains("›✓ ⚡ Iran's foreign minister"), "{screen}");
    assert!(screen.contains("false-flag  ✓ confirmed"), "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the alternate screen was left"
    );

    let claim = original.find("[claims.false-flag]").unwrap();
    let status = claim + original[claim..].find("status = \"disputed\"").unwrap();
    let expected = format!(
        "{}status = \"confirmed\"{}",
        &original[..status],
        &original[status + "status = \"disputed\"".len()..]
    );
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), expected);
}

#[test]
fn hostile_text_does_not_drive_the_real_terminal() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.txt"),
        "before \u{1b}]0;pwned-doc\u{7}\u{1b}[2J\u{1b}[?1049l the quote here\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("claims.toml"),
        "title = \"\\u001B]0;pwned-title\\u0007\"\n\
         [sources.d]\npath = \"doc.txt\"\n\
         [topics.t]\nquestion = \"Q\\u001B]2;pwned-question\\u0007?\"\n\
         [claims.a]\ntopic = \"t\"\ntext = \"\\u001B[?1049l\\u009B2J left\"\n\
         spans = [{ source = \"d\", quote = \"the quote here\" }]\n",
    )
    .unwrap();
    let command = format!(
        "sh -c '\"{0}\" claims.toml; \"{0}\" show a; echo CRUX-EXITED; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = Tmux::start(dir.path(), &command, 100, 30);
    let screen = tmux.wait_for("claim 1/1");
    assert!(screen.contains("␛[?1049l\\u{9b}2J left"), "{screen}");
    tmux.send(&["3", "Enter"]);
    let screen = tmux.wait_for("␛]0;pwned-doc␇␛[2J");
    assert_eq!(tmux.display("#{alternate_on}"), "1", "{screen}");
    tmux.send(&["q"]);
    let screen = tmux.wait_for("CRUX-EXITED");
    assert!(screen.contains("Q␛]2;pwned-question␇?"), "{screen}");
    assert!(
        !tmux.display("#{pane_title}").contains("pwned"),
        "a document set the window title"
    );
}

#[test]
fn a_claim_from_a_selected_passage_linked_to_another() {
    if !tmux::available() {
        return;
    }
    let (dir, tmux) = crux_on_a_copy_of_the_fixture();
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    tmux.wait_for("claim 1/10");

    // Open the Houé article and select a passage with two finds.
    tmux.send(&["3", "j", "j", "Enter"]);
    tmux.wait_for("v selects");
    tmux.type_text("/four Iranian drones");
    tmux.send(&["Enter", "v"]);
    tmux.type_text("/attack");
    tmux.send(&["Enter"]);
    tmux.wait_for("selected 48 chars");

    // A claim on an existing topic, its text reworded, the suggested id kept.
    tmux.send(&["c"]);
    tmux.wait_for("topic — 3/3");
    tmux.type_text("origin");
    let screen = tmux.wait_for("> origin");
    assert!(screen.contains("topic — 1/3"), "{screen}");
    tmux.send(&["Enter"]);
    tmux.wait_for("claim text:");
    tmux.send(&["C-u"]);
    tmux.type_text("Four Iranian drones took part in the attack.");
    tmux.wait_for("took part in the attack.");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("claim id:");
    assert!(screen.contains("houe-four-iranian-drones"), "{screen}");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("added claim houe-four-iranian-drones (saved)");
    assert!(
        screen.contains("claim 5/11"),
        "the new claim is selected:\n{screen}"
    );

    // Linked to the claim it agrees with, with a note.
    tmux.send(&["L"]);
    tmux.wait_for("link houe-four-iranian-drones to");
    tmux.type_text("launched");
    tmux.wait_for("> launched");
    tmux.send(&["Enter"]);
    tmux.wait_for(" t contrasts: both can be true");
    tmux.send(&["a"]);
    tmux.wait_for("link note (optional):");
    tmux.type_text("Same attack, counted.");
    tmux.wait_for("Same attack, counted.");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("(agrees) (saved)");
    assert!(screen.contains("agrees with:"), "{screen}");

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    // After the last claim of its topic.
    let added = original.find("[claims.stayed-neutral]").unwrap();
    let expected = format!(
        "{}{}{}",
        &original[..added],
        r#"[claims.houe-four-iranian-drones]
topic = "drone-origin"
text = "Four Iranian drones took part in the attack."
spans = [
  { source = "houe", quote = "four Iranian drones had taken part in the attack" },
]
agrees = [
  { claim = "launched-from-iran", note = "Same attack, counted." },
]

"#,
        &original[added..]
    );
    assert_eq!(std::fs::read_to_string(&claims).unwrap(), expected);
    let check = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg("check")
        .arg(&claims)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn without_a_terminal_crux_points_to_the_script_commands() {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .arg(fixture_dir().join("claims.toml"))
        .stdin(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("stdin and stdout are not"), "{stderr}");
    for command in ["crux check", "crux list", "crux show ID", "crux report"] {
        assert!(stderr.contains(command), "{command} not named: {stderr}");
    }
    assert!(output.stdout.is_empty(), "nothing written to the terminal");
}

/// The shipped example's report as JSON: what the screens must agree with.
fn shipped_report() -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["report", "--format", "json"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml"))
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).expect("the report as JSON")
}

#[test]
fn the_shipped_example_contradictions_by_class_and_its_timeline() {
    if !tmux::available() {
        return;
    }
    let report = shipped_report();
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(shipped.join("claims.toml"), dir.path().join("claims.toml")).unwrap();
    copy_dir(&shipped.join("seeds"), &dir.path().join("seeds"));
    let claims = dir.path().join("claims.toml");
    let original = std::fs::read_to_string(&claims).unwrap();
    let command = format!(
        "sh -c '\"{}\" claims.toml; echo CRUX-EXITED; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = Tmux::start(dir.path(), &command, 160, 48);
    let total = report["counts"]["claims"].as_u64().unwrap();
    tmux.wait_for(&format!("claim 1/{total}"));

    // 2: the contradictions under their classes, documents first.
    let counts = &report["counts"];
    let classes: Vec<(String, u64)> = counts["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["class"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .filter(|(_, count)| *count > 0)
        .collect();
    let contradictions: u64 = classes.iter().map(|(_, count)| count).sum();
    tmux.send(&["2"]);
    let screen = tmux.wait_for(&format!("contradiction 1/{contradictions} │"));
    assert!(
        screen.contains(&format!(" 2 Contradictions {contradictions} ")),
        "{screen}"
    );
    let heading = |class: &str| match class {
        "documents" => "Documents disagree in their own voices",
        "party-disputes-document" => "A party disputes a document",
        "parties" => "Parties dispute each other, as reported",
        "one-party" => "One party is reported two ways",
        "self-contradiction" => "A document contradicts itself",
        other => panic!("unknown class {other}"),
    };
    let mut at = 0;
    for (class, count) in &classes {
        let heading = format!("{} ({count})", heading(class));
        let found = screen[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading:?} missing or out of order:\n{screen}"));
        at += found + heading.len();
    }
    assert!(
        classes[0].0 == "documents",
        "the shipped example has documents disagreeing"
    );
    assert!(
        screen.contains("who: documents disagree in their own voices"),
        "{screen}"
    );

    // d: the other differences, apart and by kind.
    let differences: u64 = counts["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kind"] != "agrees")
        .map(|k| k["count"].as_u64().unwrap())
        .sum();
    tmux.send(&["d"]);
    let screen = tmux.wait_for(&format!("Other differences 1/{differences}"));
    assert!(screen.contains("Updates ("), "{screen}");
    assert!(screen.contains("How they differ"), "{screen}");
    assert!(
        screen.contains(&format!(" 2 Contradictions {contradictions} ")),
        "the tab still counts contradictions only:\n{screen}"
    );
    tmux.send(&["d"]);
    tmux.wait_for(&format!("contradiction 1/{contradictions} │"));

    // 5: the timeline, in the report's order.
    let entries = report["timeline"]["entries"].as_array().unwrap();
    let first = &entries[0];
    let label = first["label"].as_str().unwrap();
    let claim = first["claims"][0].as_str().unwrap();
    tmux.send(&["5"]);
    let screen = tmux.wait_for(&format!("{label} · 1/"));
    assert!(
        screen.contains(&format!("│{claim}  · unreviewed")),
        "{screen}"
    );
    assert!(screen.contains(" 5 Timeline "), "{screen}");
    tmux.send(&["]"]);
    let second = entries[1]["label"].as_str().unwrap();
    tmux.wait_for(&format!("{second} · "));
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for(&format!("/{total} │"));
    let second_claim = entries[1]["claims"][0].as_str().unwrap();
    assert!(screen.contains(&format!("│{second_claim}  · ")), "{screen}");
    tmux.send(&["BSpace"]);
    tmux.wait_for(&format!("{second} · "));

    // Step on to the first publication and read the document.
    let before = entries
        .iter()
        .position(|e| e["kind"] == "published")
        .expect("a publication on the timeline");
    for _ in 1..before {
        tmux.send(&["]"]);
    }
    let date = entries[before]["date"].as_str().unwrap();
    tmux.wait_for(&format!("published {date} · "));
    let source = entries[before]["sources"][0].as_str().unwrap();
    let declared = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == source)
        .unwrap();
    let name = declared["title"].as_str().unwrap_or(source);
    tmux.send(&["Enter"]);
    tmux.wait_for(&format!("┏ {name} — quote 1/"));
    tmux.send(&["BSpace"]);
    tmux.wait_for(&format!("published {date} · "));

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    assert_eq!(
        std::fs::read_to_string(&claims).unwrap(),
        original,
        "nothing written"
    );
}
