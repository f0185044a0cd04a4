use std::fs;
use std::path::Path;

use crux::edit::{
    Edit, EditError, History, Saved, save_status_after, save_status_at, set_status, write_status,
};
use crux::model::Status;
use proptest::prelude::*;
use toml_edit::Document;

const SAMPLE: &str = r#"# Claims about the harbour closure.
title = "Harbour closure"

[sources.gazette]
path = "seeds/gazette.txt"   # the first report
title = "Harbour Gazette"

[topics.closure-date]
question = "When did the harbour close?"

[claims.gazette-march]
topic = "closure-date"
text = "The harbour closed in March."
spans = [
  { source = "gazette", quote = "closed in March" },
]
contradicts = ["radio-april"]
status = "unreviewed"   # first pass
note = 'checked twice'

# Radio says April; see the transcript.

[claims.radio-april]
topic = "closure-date"
text = "The harbour closed in April."
spans = [{ source = "gazette", quote = "April" }]

[claims."odd id"]
  topic = "closure-date"
  text = "Nobody knows."
  spans = []
  status = 'disputed'


# trailing comment
"#;

/// The one contiguous region where `before` and `after` differ, as a byte
/// range in each.
fn changed_region(before: &str, after: &str) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let (b, a) = (before.as_bytes(), after.as_bytes());
    let prefix = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    let max_suffix = b.len().min(a.len()) - prefix;
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix..b.len() - suffix, prefix..a.len() - suffix)
}

/// Asserts that `after` is `before` with only claim `id`'s status changed to
/// `status`: the bytes that differ lie inside the old status value, or, when
/// there was none, form one inserted `status = ...` entry; and the result
/// parses with the new status.
fn assert_only_status_changed(before: &str, after: &str, id: &str, status: Status) {
    let reread = Document::parse(after).expect("result parses");
    assert_eq!(
        reread["claims"][id]["status"].as_str(),
        Some(status.as_str()),
        "status read back"
    );
    let doc = Document::parse(before).expect("input parses");
    let old_span = doc["claims"][id]
        .get("status")
        .and_then(|s| s.as_value()?.span());
    if before == after {
        return;
    }
    let (was, now) = changed_region(before, after);
    let inserted = &after[now.clone()];
    match old_span {
        Some(span) => {
            assert!(
                span.start <= was.start && was.end <= span.end,
                "changed bytes {was:?} outside the old value {span:?}:\n{after}"
            );
            assert!(
                inserted
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || "'\"".contains(c)),
                "replacement {inserted:?} is more than a status value"
            );
        }
        None => {
            assert!(was.is_empty(), "an insertion removed {:?}", &before[was]);
            let entry = inserted.trim_matches(|c: char| c.is_whitespace() || c == ',');
            assert!(
                entry.ends_with(&format!("status = \"{}\"", status.as_str()))
                    && entry.lines().count() == 1,
                "inserted {inserted:?} is more than one status entry"
            );
        }
    }
}

fn set(text: &str, id: &str, status: Status) -> String {
    let out = set_status(text, id, status).unwrap();
    assert_only_status_changed(text, &out, id, status);
    out
}

#[test]
fn confirming_changes_only_the_status_value() {
    let out = set(SAMPLE, "gazette-march", Status::Confirmed);
    let expected = SAMPLE.replace(
        "status = \"unreviewed\"   # first pass",
        "status = \"confirmed\"   # first pass",
    );
    assert_ne!(expected, SAMPLE);
    assert_eq!(out, expected);
}

#[test]
fn missing_status_is_inserted_after_the_last_key() {
    let out = set(SAMPLE, "radio-april", Status::Rejected);
    let expected = SAMPLE.replace(
        "spans = [{ source = \"gazette\", quote = \"April\" }]\n",
        "spans = [{ source = \"gazette\", quote = \"April\" }]\nstatus = \"rejected\"\n",
    );
    assert_ne!(expected, SAMPLE);
    assert_eq!(out, expected);
}

#[test]
fn insertion_goes_before_trailing_blank_lines_and_comments() {
    let text = "[claims.a]\ntopic = \"t\"  # why\n\n# about b\n\n[claims.b]\ntopic = \"t\"\n";
    let out = set(text, "a", Status::Disputed);
    assert_eq!(
        out,
        "[claims.a]\ntopic = \"t\"  # why\nstatus = \"disputed\"\n\n# about b\n\n[claims.b]\ntopic = \"t\"\n"
    );
}

#[test]
fn insertion_follows_the_table_indentation() {
    let text = "[claims.a]\n    topic = \"t\"\n";
    assert_eq!(
        set(text, "a", Status::Confirmed),
        "[claims.a]\n    topic = \"t\"\n    status = \"confirmed\"\n"
    );
}

#[test]
fn insertion_into_an_empty_table_follows_the_header() {
    let text = "[claims.a] # empty\n\n[claims.b]\n";
    assert_eq!(
        set(text, "a", Status::Confirmed),
        "[claims.a] # empty\nstatus = \"confirmed\"\n\n[claims.b]\n"
    );
}

#[test]
fn insertion_stays_above_sub_table_headers() {
    let text = "[claims.a]\ntopic = \"t\"\n\n[[claims.a.spans]]\nsource = \"s\"\n";
    assert_eq!(
        set(text, "a", Status::Rejected),
        "[claims.a]\ntopic = \"t\"\nstatus = \"rejected\"\n\n[[claims.a.spans]]\nsource = \"s\"\n"
    );
}

#[test]
fn crlf_line_endings_are_kept() {
    let text = "[claims.a]\r\ntopic = \"t\"\r\nstatus = \"unreviewed\"\r\n\r\n[claims.b]\r\ntopic = \"t\"\r\n";
    assert_eq!(
        set(text, "a", Status::Confirmed),
        text.replace("unreviewed", "confirmed")
    );
    assert_eq!(
        set(text, "b", Status::Disputed),
        format!("{text}status = \"disputed\"\r\n")
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    let text = "\u{feff}[claims.a]\ntopic = \"t\"\nstatus = \"confirmed\"\n";
    let out = set(text, "a", Status::Rejected);
    assert_eq!(out, text.replace("confirmed", "rejected"));
    assert!(out.starts_with('\u{feff}'));
}

#[test]
fn a_missing_final_newline_stays_missing() {
    let text = "[claims.a]\ntopic = \"t\"\nstatus = \"confirmed\"";
    assert_eq!(
        set(text, "a", Status::Disputed),
        "[claims.a]\ntopic = \"t\"\nstatus = \"disputed\""
    );
    let text = "[claims.a]\r\ntopic = \"t\" # last";
    assert_eq!(
        set(text, "a", Status::Disputed),
        "[claims.a]\r\ntopic = \"t\" # last\r\nstatus = \"disputed\""
    );
}

#[test]
fn same_line_comment_and_spacing_are_kept() {
    let text = "[claims.a]\nstatus   =   \"confirmed\"\t# reviewed by Ann\n";
    assert_eq!(
        set(text, "a", Status::Rejected),
        "[claims.a]\nstatus   =   \"rejected\"\t# reviewed by Ann\n"
    );
}

#[test]
fn quote_style_is_kept() {
    let text = "[claims.a]\nstatus = 'confirmed'\n";
    assert_eq!(
        set(text, "a", Status::Disputed),
        "[claims.a]\nstatus = 'disputed'\n"
    );
    let text = "[claims.a]\nstatus = '''confirmed'''\n";
    assert_eq!(
        set(text, "a", Status::Disputed),
        "[claims.a]\nstatus = '''disputed'''\n"
    );
}

#[test]
fn quoted_claim_ids_are_found() {
    let out = set(SAMPLE, "odd id", Status::Confirmed);
    assert_eq!(
        out,
        SAMPLE.replace("  status = 'disputed'", "  status = 'confirmed'")
    );
}

#[test]
fn inline_claim_tables_are_edited_in_place() {
    let text =
        "[claims]\na = { topic = \"t\", status = \"disputed\" } # keep\nb = { topic = \"t\" }\n";
    assert_eq!(
        set(text, "a", Status::Confirmed),
        text.replace("\"disputed\"", "\"confirmed\"")
    );
    assert_eq!(
        set(text, "b", Status::Confirmed),
        text.replace(
            "b = { topic = \"t\" }",
            "b = { topic = \"t\", status = \"confirmed\" }"
        )
    );
}

#[test]
fn dotted_claim_keys_are_edited_in_place() {
    let text = "[claims]\na.topic = \"t\"\na.status = \"disputed\"\n\"odd id\".topic = \"t\"\n";
    assert_eq!(
        set(text, "a", Status::Confirmed),
        text.replace("\"disputed\"", "\"confirmed\"")
    );
    assert_eq!(
        set(text, "odd id", Status::Rejected),
        format!("{text}\"odd id\".status = \"rejected\"\n")
    );
    let text = "claims.a.topic = \"t\"\n";
    assert_eq!(
        set(text, "a", Status::Rejected),
        "claims.a.topic = \"t\"\nclaims.a.status = \"rejected\"\n"
    );
}

#[test]
fn unknown_claim_is_reported() {
    assert!(matches!(
        set_status(SAMPLE, "nope", Status::Confirmed),
        Err(EditError::NoSuchClaim(id)) if id == "nope"
    ));
}

#[test]
fn invalid_toml_is_reported_with_its_place() {
    let err = set_status("[claims.a]\ntopic = \n", "a", Status::Confirmed).unwrap_err();
    let EditError::Unparsable(message) = &err else {
        panic!("expected Unparsable, got {err:?}");
    };
    assert!(message.starts_with("line 2, column"), "{message}");
    assert_eq!(err.to_string().lines().count(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn status_changes_in_sequence_touch_only_status_lines(
        edits in prop::collection::vec((0..3usize, 0..4usize), 1..12),
        crlf in any::<bool>(),
    ) {
        let ids = ["gazette-march", "radio-april", "odd id"];
        let original = if crlf { SAMPLE.replace('\n', "\r\n") } else { SAMPLE.to_string() };
        let mut text = original.clone();
        for (id, status) in edits {
            let next = set(&text, ids[id], Status::ALL[status]);
            text = next;
        }
        let without_status = |t: &str| {
            t.lines().filter(|l| !l.trim_start().starts_with("status =")).collect::<Vec<_>>().join("\n")
        };
        prop_assert_eq!(without_status(&text), without_status(&original));
        prop_assert_eq!(text.matches("\r\n").count() == text.matches('\n').count(), crlf);
    }
}

fn write_sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("claims.toml");
    fs::write(&path, SAMPLE).unwrap();
    path
}

#[test]
fn write_status_saves_an_unchanged_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let saved = write_status(&path, SAMPLE, "gazette-march", Status::Confirmed).unwrap();
    assert!(!saved.reapplied);
    assert_eq!(fs::read_to_string(&path).unwrap(), saved.text);
    assert_only_status_changed(SAMPLE, &saved.text, "gazette-march", Status::Confirmed);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary or conflict files remain");
}

/// The status value of `id` as the loader located it in `path`.
fn loaded_status_value(path: &Path, id: &str) -> std::ops::Range<usize> {
    let dataset = crux::load(path);
    dataset.claim(id).unwrap().status_value.clone().unwrap()
}

#[test]
fn saving_at_the_loaded_status_value_swaps_that_literal_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    for (id, status, old, new) in [
        (
            "gazette-march",
            Status::Disputed,
            "status = \"unreviewed\"   # first pass",
            "status = \"disputed\"   # first pass",
        ),
        (
            "odd id",
            Status::Rejected,
            "  status = 'disputed'",
            "  status = 'rejected'",
        ),
    ] {
        let before = fs::read_to_string(&path).unwrap();
        let value = loaded_status_value(&path, id);
        let saved = save_status_at(&path, &before, id, status, value).unwrap();
        assert!(!saved.reapplied);
        assert_eq!(saved.text, before.replacen(old, new, 1), "{id}");
        assert_eq!(fs::read_to_string(&path).unwrap(), saved.text);
    }
}

/// Claim tables without a status, laid out as people write them: keys
/// indented, a comment after the last value, a multi-line array last,
/// blank lines and comments after the table, CRLF line endings, the last
/// table without a final line ending, a key-like line inside a string.
const WITHOUT_STATUS: &[&str] = &[
    "[claims.a]\ntopic = \"t\"\ntext = \"A.\"\nspans = []\n\n[claims.b]\ntopic = \"t\"\ntext = \"B.\"\nspans = []\n",
    "[claims.a]\n  topic = \"t\"\n  text = \"A.\"   # why\n\n# about b\n[claims.b]\ntopic = \"t\"\nspans = [\n  { source = \"s\", quote = \"q\" },\n]\n\n\n",
    "[claims.a]\r\ntopic = \"t\"\r\ntext = \"A.\"\r\n\r\n[claims.\"b c\"]\r\ntopic = \"t\"\r\ntext = '''B.\r\nstill B.'''",
    "[claims.a]\ntopic = \"t\"\ntext = \"A.\"\nnote = \"\"\"\nstatus = \"looks like a key\"\n\"\"\"\n[claims.b] # the last\ntopic = \"t\"",
];

#[test]
fn adding_a_status_after_the_located_last_value_is_what_set_status_adds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    for text in WITHOUT_STATUS {
        let dataset = crux::load_str(&path, *text);
        assert_eq!(dataset.claims.len(), 2, "{text}");
        for claim in &dataset.claims {
            let last = claim.status_after.clone().expect("located");
            fs::write(&path, text).unwrap();
            let saved = save_status_after(&path, text, &claim.id, Status::Confirmed, last).unwrap();
            let expected = set_status(text, &claim.id, Status::Confirmed).unwrap();
            assert_eq!(saved.text, expected, "{} in {text:?}", claim.id);
            assert_eq!(fs::read_to_string(&path).unwrap(), expected);
        }
    }
}

/// `crux fix`, `crux import`: a history with no dataset loaded.
#[test]
fn a_status_saved_without_a_loaded_dataset_is_what_set_status_makes_and_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    let with_status = SAMPLE.replace("\"unreviewed\"   # first", "'disputed'   # first");
    let texts = WITHOUT_STATUS
        .iter()
        .map(|t| t.to_string())
        .chain([with_status]);
    for text in texts {
        let ids: Vec<String> = crux::load_str(&path, text.as_str())
            .claims
            .iter()
            .map(|c| c.id.clone())
            .collect();
        for id in ids {
            fs::write(&path, &text).unwrap();
            let mut history = History::new();
            let edit = Edit::SetStatus {
                claim: id.clone(),
                status: Status::Rejected,
            };
            let applied = history
                .apply(&path, edit, text.as_str().into(), None)
                .unwrap();
            let expected = set_status(&text, &id, Status::Rejected).unwrap();
            assert_eq!(*applied.text, expected, "{id} in {text:?}");
            assert_eq!(fs::read_to_string(&path).unwrap(), expected);

            let undone = history.undo(&path, None).unwrap().unwrap();
            let old = crux::load_str(&path, text.as_str())
                .claim(&id)
                .unwrap()
                .status;
            let expected = set_status(&expected, &id, old).unwrap();
            assert_eq!(*undone.text, expected, "{id} in {text:?}");
        }
    }
}

#[test]
fn a_status_is_located_only_in_a_table_of_its_own() {
    let path = Path::new("claims.toml");
    for text in [
        "[claims]\na = { topic = \"t\", text = \"A.\", spans = [] }\n",
        "claims.a.topic = \"t\"\nclaims.a.text = \"A.\"\n",
        "[claims.a]\ntopic = \"t\"\nstatus = 3\n",
        "[claims.a]\ntopic = \"t\"\nsub.key = 1\n",
        "[claims.a]\ntopic = \"t\"\n[claims.a.more]\nx = 1\n",
        "[claims.a]\ntopic = \"t\"\n\n[[claims.a.spans]]\nsource = \"s\"\nquote = \"x\"\n",
    ] {
        let dataset = crux::load_str(path, text);
        let claim = dataset.claim("a").expect(text);
        assert_eq!(claim.status_after, None, "{text}");
    }
}

#[test]
fn a_status_added_in_place_is_swapped_the_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    let text = WITHOUT_STATUS[1];
    fs::write(&path, text).unwrap();
    let mut dataset = crux::load(&path);
    let mut history = History::new();
    let mut expected = text.to_string();
    for status in [Status::Confirmed, Status::Disputed, Status::Rejected] {
        let edit = Edit::SetStatus {
            claim: "a".into(),
            status,
        };
        let applied = history
            .apply(&path, edit, dataset.text.clone(), Some(&dataset))
            .unwrap();
        assert!(applied.follow(&mut dataset).is_none(), "followed in place");
        expected = set_status(&expected, "a", status).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), expected, "{status:?}");
        let fresh = crux::load(&path);
        let (ours, theirs) = (dataset.claim("a").unwrap(), fresh.claim("a").unwrap());
        assert_eq!(ours.status, status);
        assert_eq!(ours.status_value, theirs.status_value);
        assert_eq!(ours.status_after, theirs.status_after);
    }
    // Undone back to what was loaded: a status line saying unreviewed.
    for _ in 0..3 {
        let undone = history.undo(&path, Some(&dataset)).unwrap().unwrap();
        assert!(undone.follow(&mut dataset).is_none());
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        set_status(text, "a", Status::Unreviewed).unwrap()
    );
}

#[test]
fn saving_at_a_stale_status_value_falls_back_to_the_full_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let value = loaded_status_value(&path, "gazette-march");
    // Edited behind crux's back: one line longer above the claim.
    let theirs = SAMPLE.replace("# Claims about", "# An extra line.\n# Claims about");
    fs::write(&path, &theirs).unwrap();
    let saved = save_status_at(&path, SAMPLE, "gazette-march", Status::Confirmed, value).unwrap();
    assert!(saved.reapplied, "merged into the file as it is on disk");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs.replace("\"unreviewed\"   # first", "\"confirmed\"   # first")
    );
}

#[test]
fn write_status_reapplies_over_an_unrelated_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let elsewhere = SAMPLE.replace("The harbour closed in April.", "It closed in April.");
    fs::write(&path, &elsewhere).unwrap();
    let Saved {
        text,
        reapplied,
        already_on_disk,
    } = write_status(&path, SAMPLE, "gazette-march", Status::Rejected).unwrap();
    assert!(reapplied && !already_on_disk);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_only_status_changed(&elsewhere, &text, "gazette-march", Status::Rejected);
}

#[test]
fn write_status_keeps_its_version_aside_when_the_claim_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let start = SAMPLE.find("[claims.radio-april]").unwrap();
    let end = SAMPLE.find("[claims.\"odd id\"]").unwrap();
    let deleted = format!("{}{}", &SAMPLE[..start], &SAMPLE[end..]);
    fs::write(&path, &deleted).unwrap();
    let err = write_status(&path, SAMPLE, "radio-april", Status::Confirmed).unwrap_err();
    let EditError::Conflict { kept } = &err else {
        panic!("expected Conflict, got {err:?}");
    };
    assert_eq!(kept, &dir.path().join("claims.toml.crux-conflict"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        deleted,
        "disk file untouched"
    );
    let intended = fs::read_to_string(kept).unwrap();
    assert_only_status_changed(SAMPLE, &intended, "radio-april", Status::Confirmed);
    assert!(err.to_string().contains("claims.toml.crux-conflict"));
}

#[test]
fn write_status_does_not_override_a_status_set_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let theirs = SAMPLE.replace("\"unreviewed\"   # first", "\"disputed\"   # first");
    fs::write(&path, &theirs).unwrap();
    let err = write_status(&path, SAMPLE, "gazette-march", Status::Confirmed).unwrap_err();
    assert!(matches!(err, EditError::Conflict { .. }));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn write_status_leaves_the_file_alone_for_an_unknown_claim() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let err = write_status(&path, SAMPLE, "nope", Status::Confirmed).unwrap_err();
    assert!(matches!(err, EditError::NoSuchClaim(_)));
    assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
}

#[cfg(unix)]
#[test]
fn write_status_writes_through_a_symlink_and_keeps_permissions() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = write_sample(&dir.path().join("real"));
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("claims.toml");
    symlink(&target, &link).unwrap();

    let saved = write_status(&link, SAMPLE, "radio-april", Status::Disputed).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(fs::read_to_string(&target).unwrap(), saved.text);
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_claim_without_a_table_of_its_own_is_left_alone() {
    let text = "[claims.a.extra]\nx = 1\n";
    let err = set_status(text, "a", Status::Confirmed).unwrap_err();
    assert!(matches!(err, EditError::Unsupported(_)), "{err:?}");
}

#[test]
fn the_loader_reads_the_new_status_where_it_was_written() {
    let out = set(SAMPLE, "radio-april", Status::Disputed);
    let dataset = crux::load_str(Path::new("claims.toml"), out.clone());
    let claim = dataset.claim("radio-april").unwrap();
    assert_eq!(claim.status, Status::Disputed);
    let at = claim.status_value.clone().unwrap();
    assert_eq!(&out[at], "\"disputed\"");
}
