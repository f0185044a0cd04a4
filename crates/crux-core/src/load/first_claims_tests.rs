use super::*;

const HEAD: &str = "title = \"t\"\n[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"q?\"\n";

/// `n` claims of about 200 bytes, each agreeing with the claim 1,000 on
/// (not there for the last thousand: an error each), some quoting in an
/// array of tables.
fn claims(n: usize) -> String {
    (0..n)
        .map(|i| {
            let spans = if i % 3 == 0 {
                format!("[[claims.c{i}.spans]]\nsource = \"a\"\nquote = \"q {i}\"\n")
            } else {
                format!("spans = [{{ source = \"a\", quote = 'q {i}' }}]\n")
            };
            let agrees = i + 1000;
            format!(
                "[claims.c{i}]\ntopic = \"t\"\ntext = \"claim {i}, said at some length\"\n\
                 agrees = [\"c{agrees}\"]\n{spans}\n"
            )
        })
        .collect()
}

fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn summary(dataset: &Dataset) -> Vec<String> {
    dataset
        .claims
        .iter()
        .map(|c| format!("{} {} {:?} {:?}", c.id, c.text, c.spans, c.status))
        .collect()
}

#[test]
fn a_large_file_begins_with_its_first_claims_whole_and_no_diagnostics() {
    let text = format!("{HEAD}{}", claims(4000));
    assert!(text.len() > FROM_BYTES);
    let (_dir, path) = write(&text);
    let Begun::Large(large) = begin(&path) else {
        panic!("a {} byte file is read whole", text.len());
    };
    assert_eq!(&*large.text, text.as_str());
    let first = large.first_claims(&path).expect("first claims");
    let whole = super::super::without_documents(&path);
    assert_eq!(whole.error_count(), 1000, "the last thousand links");
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    let (first_claims, whole_claims) = (summary(&first), summary(&whole));
    assert!(first_claims.len() > 100, "{} claims", first_claims.len());
    assert!(first_claims.len() < whole_claims.len() / 4);
    assert_eq!(first_claims[..], whole_claims[..first_claims.len()]);
    assert_eq!(first.sources.len(), 1);
    assert_eq!(first.topics.len(), 1);
    assert!(text.starts_with(&*first.text));
    assert!(text[first.text.len()..].starts_with("[claims."));
}

#[test]
fn the_first_claims_end_before_a_claim_not_inside_one() {
    // Past the first claims, every claim but one has a table of its own
    // inside it; the first part must not end between a claim and it.
    let mut text = format!("{HEAD}{}", claims(100));
    for i in 100..8000 {
        text.push_str(&format!(
            "[claims.c{i}]\ntopic = \"t\"\ntext = \"claim {i}\"\n\
             [claims.c{i}.more]\nx = 1\n[claims.'c{i}-quoted']\ntext = \"q\"\n\n"
        ));
    }
    let (_dir, path) = write(&text);
    let Begun::Large(large) = begin(&path) else {
        panic!("read whole");
    };
    let first = large.first_claims(&path).expect("first claims");
    let rest = &text[first.text.len()..];
    let header = rest.lines().next().unwrap();
    assert!(
        header.starts_with("[claims.c") && !header.contains(".more") && !header.contains('\''),
        "{header}"
    );
}

#[test]
fn a_small_file_is_read_whole() {
    let text = format!("{HEAD}{}", claims(20));
    let (_dir, path) = write(&text);
    let Begun::Whole(dataset) = begin(&path) else {
        panic!("a small file has first claims");
    };
    let whole = super::super::without_documents(&path);
    assert_eq!(summary(&dataset), summary(&whole));
    assert_eq!(dataset.diagnostics, whole.diagnostics);
}

#[test]
fn first_claims_that_do_not_parse_are_none() {
    let text = format!("{HEAD}{}[claims.bad\n{}", claims(5), claims(4000));
    let (_dir, path) = write(&text);
    let Begun::Large(large) = begin(&path) else {
        panic!("a large file read whole");
    };
    assert!(large.first_claims(&path).is_none());
}

#[test]
fn a_file_that_cannot_be_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let Begun::Whole(dataset) = begin(&dir.path().join("missing.toml")) else {
        panic!("a missing file has first claims");
    };
    assert!(super::super::refusal(&dataset).is_some());
}
