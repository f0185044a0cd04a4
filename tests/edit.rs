//! Status write-back: only the status value changes, byte for byte, and the
//! save is atomic and conflict-checked.

use std::fs;

use crux::edit::{EditError, set_status, write_status};
use crux::model::Status;

const FILE: &str = r#"# Claims about the strikes
title = "T"

[claims.one]
topic = "count"   # the topic
text = "One."
status = "unreviewed"   # keep this comment
note = "n"

[claims.two]
topic = "count"
text = "Two."
spans = [
  { source = "a", quote = "q" },
]

# trailing comment
"#;

#[test]
fn confirming_a_claim_changes_only_its_status_value() {
    let edited = set_status(FILE, "one", Status::Confirmed).unwrap();
    assert_eq!(
        edited,
        FILE.replace(
            "status = \"unreviewed\"   # keep",
            "status = \"confirmed\"   # keep"
        )
    );
}

#[test]
fn a_missing_status_is_added_after_the_last_key_line() {
    let edited = set_status(FILE, "two", Status::Disputed).unwrap();
    let expected = FILE.replace(
        "  { source = \"a\", quote = \"q\" },\n]\n",
        "  { source = \"a\", quote = \"q\" },\n]\nstatus = \"disputed\"\n",
    );
    assert_eq!(edited, expected);
}

#[test]
fn crlf_bom_and_a_missing_final_newline_stay() {
    let text = "\u{feff}[claims.x]\r\ntext = \"X\"\r\nstatus = 'rejected'";
    assert_eq!(
        set_status(text, "x", Status::Confirmed).unwrap(),
        "\u{feff}[claims.x]\r\ntext = \"X\"\r\nstatus = 'confirmed'"
    );
    let without = "\u{feff}[claims.x]\r\ntext = \"X\"";
    assert_eq!(
        set_status(without, "x", Status::Confirmed).unwrap(),
        "\u{feff}[claims.x]\r\ntext = \"X\"\r\nstatus = \"confirmed\""
    );
}

#[test]
fn quoted_ids_inline_tables_and_indentation_are_handled() {
    let text = "[claims.\"odd id\"]\n  text = \"X\" # c\n\n[claims.next]\ntext = \"Y\"\n";
    assert_eq!(
        set_status(text, "odd id", Status::Confirmed).unwrap(),
        "[claims.\"odd id\"]\n  text = \"X\" # c\n  status = \"confirmed\"\n\n[claims.next]\ntext = \"Y\"\n"
    );
    let inline = "[claims]\na = { text = \"A\" }\nb = { text = \"B\", status = \"confirmed\" }\n";
    assert_eq!(
        set_status(inline, "a", Status::Rejected).unwrap(),
        "[claims]\na = { text = \"A\", status = \"rejected\" }\nb = { text = \"B\", status = \"confirmed\" }\n"
    );
    assert_eq!(
        set_status(inline, "b", Status::Unreviewed).unwrap(),
        "[claims]\na = { text = \"A\" }\nb = { text = \"B\", status = \"unreviewed\" }\n"
    );
}

#[test]
fn unknown_claims_and_broken_files_are_errors() {
    assert!(
        matches!(set_status(FILE, "nope", Status::Confirmed), Err(EditError::NoSuchClaim(id)) if id == "nope")
    );
    assert!(matches!(
        set_status("[claims.x\n", "x", Status::Confirmed),
        Err(EditError::Unparsable(_))
    ));
}

#[test]
fn write_status_saves_an_unchanged_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    fs::write(&path, FILE).unwrap();
    let saved = write_status(&path, FILE, "one", Status::Rejected).unwrap();
    assert!(!saved.reapplied);
    assert_eq!(fs::read_to_string(&path).unwrap(), saved.text);
    assert_eq!(
        saved.text,
        set_status(FILE, "one", Status::Rejected).unwrap()
    );
}

#[test]
fn an_outside_change_elsewhere_is_kept_and_the_edit_reapplied() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    let theirs = FILE.replace("text = \"Two.\"", "text = \"Two, edited.\"");
    fs::write(&path, &theirs).unwrap();
    let saved = write_status(&path, FILE, "one", Status::Confirmed).unwrap();
    assert!(saved.reapplied);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        set_status(&theirs, "one", Status::Confirmed).unwrap()
    );
}

#[test]
fn a_conflicting_change_leaves_the_disk_file_alone_and_keeps_ours_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    let theirs = FILE.replace("[claims.one]", "[claims.renamed]");
    fs::write(&path, &theirs).unwrap();
    let error = write_status(&path, FILE, "one", Status::Confirmed).unwrap_err();
    let EditError::Conflict { kept } = error else {
        panic!("expected a conflict, got {error}")
    };
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(
        kept,
        fs::canonicalize(dir.path())
            .unwrap()
            .join("claims.toml.crux-conflict")
    );
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        set_status(FILE, "one", Status::Confirmed).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_stays_a_link_and_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = dir.path().join("claims.toml");
    fs::write(&real, FILE).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_status(&link, FILE, "one", Status::Disputed).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("status = \"disputed\"   # keep")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temp file left behind: {leftovers:?}"
    );
}

#[test]
fn the_shipped_example_round_trips_every_status_byte_for_byte() {
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/report/claims.toml"
    ))
    .unwrap();
    let dataset = crux::load_str(std::path::Path::new("claims.toml"), text.clone());
    for claim in &dataset.claims {
        let mut edited = text.clone();
        for status in [Status::Confirmed, Status::Rejected, claim.status] {
            edited = set_status(&edited, &claim.id, status).unwrap();
        }
        let reloaded = crux::load_str(std::path::Path::new("claims.toml"), edited.clone());
        assert_eq!(reloaded.claim(&claim.id).unwrap().status, claim.status);
        if claim.status_value.is_some() {
            assert_eq!(edited, text, "{} did not round-trip", claim.id);
        } else {
            let added = format!("status = \"{}\"", claim.status.as_str());
            assert_eq!(edited.len(), text.len() + added.len() + 1, "{}", claim.id);
        }
    }
}
