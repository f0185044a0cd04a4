//! Reports on the fixtures: snapshots of every format, hostile text kept
//! inert, passages that match their byte ranges, no machine paths.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crux::graph::{Disagreement, Graph};
use crux::output::{self, Links, OutputError};
use crux::report::{self, Format, ReportOptions};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/report/claims.toml";
const HOSTILE: &str = "tests/fixtures/hostile/claims.toml";
const SHIPPED: &str = "claims.toml";
const STYLE: &str = include_str!("../crates/crux-core/src/report/report.css");

fn render(path: &Path, format: Format) -> String {
    let dataset = crux::load(path);
    let graph = Graph::new(&dataset);
    let report = report::build(&dataset, &graph, &ReportOptions::default());
    report::render(&report, format)
}

fn json(path: &str) -> Value {
    serde_json::from_str(&render(Path::new(path), Format::Json)).expect("valid JSON")
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(render(Path::new(FIXTURE), Format::Markdown));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!(render(Path::new(FIXTURE), Format::Html));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(render(Path::new(FIXTURE), Format::Json));
}

#[test]
fn shipped_example_markdown_snapshot() {
    insta::assert_snapshot!(render(Path::new(SHIPPED), Format::Markdown));
}

#[test]
fn shipped_example_html_snapshot() {
    insta::assert_snapshot!(render(Path::new(SHIPPED), Format::Html));
}

#[test]
fn shipped_example_json_snapshot() {
    insta::assert_snapshot!(render(Path::new(SHIPPED), Format::Json));
}

#[test]
fn every_span_range_slices_its_source_to_the_passage() {
    for fixture in [FIXTURE, HOSTILE, SHIPPED] {
        let report = json(fixture);
        let dir = Path::new(fixture).parent().unwrap();
        let mut checked = 0;
        for claim in report["claims"].as_array().unwrap() {
            for span in claim["spans"].as_array().unwrap() {
                let Some(anchor) = span["anchor"].as_object() else {
                    assert!(span["passage"].is_null());
                    assert_eq!(span["match"], "unresolved");
                    continue;
                };
                let path = dir.join(span["path"].as_str().unwrap());
                let text = std::fs::read_to_string(&path).unwrap();
                let passage = span["passage"].as_str().unwrap();
                let at = |range: &str, end: &str| anchor[range][end].as_u64().unwrap() as usize;
                assert_eq!(&text[at("bytes", "start")..at("bytes", "end")], passage);
                let chars: String = text
                    .chars()
                    .skip(at("chars", "start"))
                    .take(at("chars", "end") - at("chars", "start"))
                    .collect();
                assert_eq!(chars, passage);
                let start_line = text[..at("bytes", "start")].matches('\n').count() + 1;
                assert_eq!(
                    anchor["start"]["line"].as_u64().unwrap() as usize,
                    start_line
                );
                checked += 1;
            }
        }
        assert!(checked >= 2, "{fixture}: only {checked} spans checked");
    }
}

#[test]
fn reports_hold_no_absolute_paths() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let absolute = std::fs::canonicalize(FIXTURE).unwrap();
    let machine_dirs = [
        root.to_string_lossy().into_owned(),
        absolute.parent().unwrap().to_string_lossy().into_owned(),
    ];
    for path in [Path::new(FIXTURE), absolute.as_path()] {
        for format in [Format::Markdown, Format::Html, Format::Json] {
            let text = render(path, format);
            for dir in &machine_dirs {
                assert!(
                    !text.contains(dir.as_str()),
                    "{format:?} report of {} shows {dir}",
                    path.display()
                );
            }
        }
    }
    assert_eq!(json(FIXTURE)["file"], FIXTURE);
}

#[test]
fn hostile_html_has_no_markup_from_the_data() {
    let html = render(Path::new(HOSTILE), Format::Html);
    let page = scraper::Html::parse_document(&html);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    const ELEMENTS: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "dl",
        "dt",
        "dd",
        "code",
        "ul",
        "ol",
        "li",
        "strong",
        "div",
        "p",
        "progress",
        "span",
        "nav",
        "a",
        "main",
        "section",
        "article",
        "figure",
        "blockquote",
        "figcaption",
        "cite",
        "em",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "footer",
    ];
    const ATTRIBUTES: &[&str] = &[
        "lang",
        "charset",
        "name",
        "content",
        "class",
        "id",
        "href",
        "aria-label",
        "aria-hidden",
        "value",
        "max",
        "title",
        "scope",
    ];
    let mut styles = 0;
    for node in page.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        assert!(
            ELEMENTS.contains(&element.name()),
            "element <{}> came from the data",
            element.name()
        );
        for (name, value) in element.attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
            assert!(
                ATTRIBUTES.contains(&name),
                "attribute {name} came from the data"
            );
            if name == "href" {
                assert!(value.starts_with('#'), "link out of the page: {value}");
            }
            if name == "id" {
                assert!(
                    value.chars().all(|c| c.is_ascii_alphanumeric()),
                    "id from the data: {value}"
                );
            }
        }
        if element.name() == "style" {
            styles += 1;
        }
    }
    assert_eq!(styles, 1);
    let style = scraper::Selector::parse("style").unwrap();
    let css: String = page.select(&style).next().unwrap().text().collect();
    assert_eq!(css, STYLE, "the stylesheet was cut short by the data");
    for selector in ["script", "img", "iframe", "object", "link", "base", "b"] {
        let s = scraper::Selector::parse(selector).unwrap();
        assert_eq!(page.select(&s).count(), 0, "<{selector}> in the page");
    }
    // The hostile text is shown as text, visibly.
    let body = scraper::Selector::parse("body").unwrap();
    let text: String = page.select(&body).next().unwrap().text().collect();
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(text.contains("\"><img src=x onerror=alert(1)>"));
    // A party's name, a period's name and a hedge word are text too.
    assert!(text.contains("<script>alert(2)</script> | [p](javascript:x) ␛[31m"));
    assert!(text.contains("</style><b>war</b> | `x` ␛[2J (2026-01)"));
    assert!(text.contains("hedged (\"<b>likely</b> | `x`\")"));
    assert!(text.contains("␛[31m"));
    assert!(text.contains("\\u{202e}"));
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
}

/// Unescaped `|` in a Markdown table row.
fn cell_separators(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn hostile_markdown_keeps_tables_and_stays_inert() {
    let md = render(Path::new(HOSTILE), Format::Markdown);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'));
    assert!(
        md.contains(r"\<script\>alert(2)\</script\> \| \[p\](javascript:x) ␛\[31m"),
        "{md}"
    );
    let mut tables = 0;
    let mut columns = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = cell_separators(line);
            match columns {
                None => {
                    columns = Some(n);
                    tables += 1;
                }
                Some(c) => assert_eq!(n, c, "row changes the column count: {line}"),
            }
        } else {
            columns = None;
        }
    }
    assert_eq!(tables, 3, "counts, sources and matrix tables");
    // Every `<`, `[` and `]` in the report comes from the data and is escaped.
    for (i, c) in md.char_indices() {
        if matches!(c, '<' | '[' | ']') {
            assert_eq!(
                &md[i - 1..i],
                "\\",
                "unescaped {c} at {i}: {}",
                &md[i.saturating_sub(20)..i + 1]
            );
        }
    }
    for line in md.lines() {
        let content = line.trim_start_matches([' ', '>']).trim_start();
        assert!(
            !content.starts_with("<") && !content.starts_with("1."),
            "{line}"
        );
    }
}

#[test]
fn hostile_json_round_trips_the_strings_exactly() {
    let report = json(HOSTILE);
    assert_eq!(report["schema"], "crux-report/3");
    assert_eq!(
        report["title"],
        "<script>alert(1)</script> </style> | `tick` \u{1b}[31m \u{202e}"
    );
    let claim = |id: &str| {
        report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("claim {id}"))
            .clone()
    };
    assert_eq!(claim("a")["text"], "<script>alert(1)</script>");
    assert_eq!(
        claim("a")["assertor"],
        "<script>alert(2)</script> | [p](javascript:x) \u{1b}[31m \u{202e}"
    );
    assert_eq!(claim("a")["hedge"], "<b>likely</b> | `x`");
    assert_eq!(
        claim("a")["about"]["period_name"],
        "</style><b>war</b> | `x` \u{1b}[2J"
    );
    let img = claim("<img src=x onerror=alert(1)>");
    assert_eq!(img["text"], "[x](javascript:alert(1)) \u{202e}evil | cell");
    assert_eq!(
        img["spans"][1]["passage"],
        "# heading | with pipe `tick` \u{1b}[31m red \u{202e} evil\n- list [x](javascript:alert(1)) </style>"
    );
    let note = &report["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "contradicts")
        .unwrap()["note"];
    assert_eq!(
        note,
        "\"><img src=x onerror=alert(1)> | `x` \u{1b}[31m\nnext"
    );
    assert_eq!(report["sources"][0]["id"], "s|1");
    assert_eq!(
        report["topics"][0]["question"],
        "# Is <b>this</b> | a `question`?\u{1b}[2J"
    );
    // Serializing the parsed value again gives the same document.
    let text = render(Path::new(HOSTILE), Format::Json);
    let again: Value = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(&text).unwrap());
}

#[test]
fn filters_narrow_the_model() {
    let dataset = crux::load(Path::new(FIXTURE));
    let graph = Graph::new(&dataset);
    let options = ReportOptions {
        filter: crux::filter::ClaimFilter {
            topic: Some("neutrality".into()),
            ..Default::default()
        },
        timestamp: Some("2026-01-01T00:00:00Z".into()),
    };
    let report = report::build(&dataset, &graph, &options);
    assert_eq!(report.topics.len(), 1);
    assert_eq!(report.counts.claims, 3);
    let by_class: Vec<(Disagreement, usize)> = report
        .counts
        .contradictions
        .iter()
        .map(|c| (c.class, c.count))
        .collect();
    assert_eq!(
        by_class,
        [
            (Disagreement::Documents, 2),
            (Disagreement::PartyDisputesDocument, 0),
            (Disagreement::Parties, 0),
            (Disagreement::OneParty, 0),
            (Disagreement::SelfContradiction, 0),
        ]
    );
    assert_eq!(report.topics[0].positions.len(), 2);
    assert_eq!(report.matrix.sources, ["huseynov", "faultlines", "houe"]);
    let md = report::render(&report, Format::Markdown);
    assert!(md.contains("- Filter: topic=neutrality (3 of 14 claims)"));
    assert!(md.contains("- Generated: 2026-01-01T00:00:00Z"));
    assert_eq!(report::default_file_name(Format::Html), "crux-report.html");
}

#[test]
fn links_of_other_kinds_are_listed_and_never_counted_as_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Several drones struck.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Four drones struck.\n").unwrap();
    let claims = dir.path().join("claims.toml");
    std::fs::write(
        &claims,
        r#"[sources.a]
path = "a.txt"
[sources.b]
path = "b.txt"
[topics.count]
question = "How many drones?"
[claims.several]
topic = "count"
text = "Several drones struck."
spans = [{ source = "a", quote = "Several drones struck." }]
[claims.four]
topic = "count"
text = "Four drones struck."
spans = [{ source = "b", quote = "Four drones struck." }]
refines = [{ claim = "several", note = "a difference of precision" }]
"#,
    )
    .unwrap();
    let markdown = render(&claims, Format::Markdown);
    assert!(
        markdown.contains(
            "**Other relations (not contradictions)**\n\n- **four** (unreviewed) refines **several** (unreviewed): a difference of precision\n"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("## Disputed topics"), "{markdown}");
    let report: Value = serde_json::from_str(&render(&claims, Format::Json)).unwrap();
    assert!(
        report["counts"]["contradictions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|class| class["count"] == 0),
        "{report:#}"
    );
    assert_eq!(report["topics"][0]["disputed"], false);
    assert_eq!(
        report["topics"][0]["other_relations"],
        serde_json::json!([0])
    );
    assert_eq!(report["relations"][0]["kind"], "refines");
    assert_eq!(report["open"]["unrelated_claims"], serde_json::json!([]));
    let html = render(&claims, Format::Html);
    assert!(
        html.contains("<strong class=\"verb\">refines</strong>"),
        "{html}"
    );
}

/// Keeps what is written and the size of the largest single write.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    largest: usize,
}

impl Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.largest = self.largest.max(buf.len());
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_json_report_is_written_as_it_is_serialized_never_held_whole() {
    let dataset = crux::load(Path::new(SHIPPED));
    let graph = Graph::new(&dataset);
    let report = report::build(&dataset, &graph, &ReportOptions::default());
    let mut pieces = Pieces::default();
    report::write(&report, Format::Json, &mut pieces).unwrap();
    assert!(pieces.bytes.len() > 300_000, "{} bytes", pieces.bytes.len());
    assert!(
        pieces.largest <= 1 << 16,
        "one write of {} bytes out of {}",
        pieces.largest,
        pieces.bytes.len()
    );
    assert_eq!(
        pieces.bytes,
        render(Path::new(SHIPPED), Format::Json).as_bytes()
    );
}

#[test]
fn a_report_that_fails_while_written_leaves_the_old_file_and_no_temporary() {
    let dataset = crux::load(Path::new(FIXTURE));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    std::fs::write(&path, "old report\n").unwrap();
    let error = output::write_with(&dataset, &path, Links::Follow, |out| {
        out.write_all(b"{\n  \"schema\": ")?;
        Err(io::Error::other("the serializer failed"))
    })
    .unwrap_err();
    assert!(
        error.to_string().contains("the serializer failed"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old report\n");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("report.json")]);
}

#[test]
fn a_report_over_an_input_is_refused_before_any_of_it_is_written() {
    let dataset = crux::load(Path::new(FIXTURE));
    let before = std::fs::read(FIXTURE).unwrap();
    let error = output::write_with(&dataset, Path::new(FIXTURE), Links::Follow, |_| {
        panic!("the report was written before the output was checked")
    })
    .unwrap_err();
    assert!(matches!(error, OutputError::Protected { .. }), "{error}");
    assert_eq!(std::fs::read(FIXTURE).unwrap(), before);
}
