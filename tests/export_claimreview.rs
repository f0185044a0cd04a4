//! `crux export --format claimreview`: schema.org ClaimReview JSON-LD for
//! the reviewed claims, with every property Google's structured-data
//! documentation for fact checks requires (claimReviewed, reviewRating with
//! alternateName, url) and the review's author.

mod common;

use common::Fixture;
use common::w3c_model::is_absolute_uri;
use serde_json::{Value, json};

const PAGE: &str = "https://factcheck.example.org/2026/nakhchivan-drones";

fn fixture() -> Fixture {
    Fixture::new(&[
        (
            "a.txt",
            "Four drones struck. Several drones struck. Baku said nothing. Iran denied it.\n",
        ),
        ("b.txt", "Four drones, said the ministry.\n"),
        (
            "claims.toml",
            r#"[sources.a]
path = "a.txt"
url = "https://news.example.com/a"
title = "Drones over Nakhchivan"
author = "A. Writer"
outlet = "Example News"
date = "2026-03-14"

[sources.b]
path = "b.txt"
date = "March 2026"
outlet = "Ministry Bulletin"

[parties.baku]
name = "The Azerbaijani government"

[topics.count]
question = "How many drones?"

[claims.four]
topic = "count"
text = "Four drones struck."
status = "confirmed"
note = "The ministry's figure, repeated by both."
spans = [{ source = "b", quote = "Four drones" }, { source = "a", quote = "Four drones struck" }]

[claims.several]
topic = "count"
text = "Several drones struck."
status = "disputed"
spans = [{ source = "a", quote = "Several drones struck" }]

[claims.silent]
topic = "count"
text = "Baku said nothing."
status = "rejected"
asserted_by = "baku"
spans = [{ source = "a", quote = "Baku said nothing" }]

[claims.denied]
topic = "count"
text = "Iran denied it."
spans = [{ source = "a", quote = "Iran denied it" }]
"#,
        ),
    ])
}

fn export(fixture: &Fixture, extra: &[&str]) -> (Vec<Value>, String) {
    let mut args = vec![
        "export",
        "--format",
        "claimreview",
        "--review-url",
        PAGE,
        "--reviewer",
        "Example Fact Check",
    ];
    args.extend_from_slice(extra);
    let run = fixture.crux(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reviews: Value = serde_json::from_str(&run.stdout).expect("JSON");
    (
        reviews.as_array().expect("a list of reviews").clone(),
        run.stderr,
    )
}

/// What Google's fact-check documentation requires of each ClaimReview,
/// and the value constraints it puts on what crux writes.
fn problems(review: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    if review["@context"] != "https://schema.org" {
        out.push("@context is not https://schema.org".to_string());
    }
    if review["@type"] != "ClaimReview" {
        out.push("@type is not ClaimReview".into());
    }
    if !text(&review["claimReviewed"]) {
        out.push("no claimReviewed".into());
    }
    let url = review["url"].as_str().unwrap_or("");
    if !(is_absolute_uri(url) && url.starts_with(PAGE)) {
        out.push(format!("url {url:?} is not on the page hosting the review"));
    }
    let rating = &review["reviewRating"];
    if rating["@type"] != "Rating" || !text(&rating["alternateName"]) {
        out.push("reviewRating has no alternateName".into());
    }
    if let (Some(value), Some(best), Some(worst)) = (
        rating["ratingValue"].as_u64(),
        rating["bestRating"].as_u64(),
        rating["worstRating"].as_u64(),
    ) {
        if !(worst <= value && value <= best) {
            out.push("ratingValue outside worstRating..bestRating".into());
        }
    } else {
        out.push("a numeric rating needs ratingValue, bestRating and worstRating".into());
    }
    let author = &review["author"];
    if !(author["@type"] == "Organization" || author["@type"] == "Person") || !text(&author["name"])
    {
        out.push("author is not a named Organization or Person".into());
    }
    let item = &review["itemReviewed"];
    if item["@type"] != "Claim" {
        out.push("itemReviewed is not a Claim".into());
    }
    let works = item["appearance"].as_array().cloned().unwrap_or_default();
    let first = item.get("firstAppearance").cloned().into_iter();
    for work in works.iter().cloned().chain(first) {
        let ok = match &work {
            Value::String(url) => is_absolute_uri(url),
            Value::Object(_) => {
                work["@type"] == "CreativeWork"
                    && work
                        .get("url")
                        .is_none_or(|u| u.as_str().is_some_and(is_absolute_uri))
            }
            _ => false,
        };
        if !ok {
            out.push(format!(
                "appearance {work} is neither a URL nor a CreativeWork"
            ));
        }
    }
    for date in [
        &item["datePublished"],
        &item["firstAppearance"]["datePublished"],
    ] {
        if let Some(date) = date.as_str()
            && !(date.len() == 10 && date.chars().filter(|c| *c == '-').count() == 2)
        {
            out.push(format!("date {date} is not ISO 8601"));
        }
    }
    out
}

#[test]
fn every_reviewed_claim_is_a_complete_claim_review() {
    let (reviews, stderr) = export(&fixture(), &[]);
    assert_eq!(reviews.len(), 3);
    for review in &reviews {
        assert_eq!(problems(review), Vec::<String>::new(), "{review:#}");
    }
    assert!(
        stderr.contains("note: 1 unreviewed claim(s) left out"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: 1 source date(s) are not YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn statuses_map_to_documented_ratings() {
    let (reviews, _) = export(&fixture(), &[]);
    let rating = |claim: &str| {
        let review = reviews
            .iter()
            .find(|r| r["claimReviewed"] == claim)
            .unwrap();
        let r = &review["reviewRating"];
        (
            r["ratingValue"].as_u64().unwrap(),
            r["alternateName"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(rating("Four drones struck."), (3, "True".into()));
    assert_eq!(rating("Several drones struck."), (2, "Disputed".into()));
    assert_eq!(rating("Baku said nothing."), (1, "False".into()));
    assert!(
        reviews
            .iter()
            .all(|r| r["claimReviewed"] != "Iran denied it.")
    );
}

#[test]
fn the_claim_carries_where_it_appeared() {
    let (reviews, _) = export(&fixture(), &[]);
    let four = reviews
        .iter()
        .find(|r| r["claimReviewed"] == "Four drones struck.")
        .unwrap();
    assert_eq!(four["url"], format!("{PAGE}#four"));
    assert_eq!(four["author"]["name"], "Example Fact Check");
    assert_eq!(
        four["reviewBody"],
        "The ministry's figure, repeated by both."
    );
    let item = &four["itemReviewed"];
    let appearances = item["appearance"].as_array().unwrap();
    assert_eq!(appearances.len(), 2);
    // Source b has no url and no calendar date; a has both.
    assert_eq!(appearances[0]["name"], "b");
    assert!(appearances[0].get("url").is_none());
    assert!(appearances[0].get("datePublished").is_none());
    assert_eq!(item["firstAppearance"]["url"], "https://news.example.com/a");
    assert_eq!(item["firstAppearance"]["author"]["name"], "A. Writer");
    assert_eq!(item["firstAppearance"]["publisher"]["name"], "Example News");
    assert_eq!(item["datePublished"], "2026-03-14");
}

#[test]
fn the_claim_author_is_who_asserts_it() {
    let (reviews, notes) = export(&fixture(), &[]);
    let item = |text: &str| {
        reviews.iter().find(|r| r["claimReviewed"] == text).unwrap()["itemReviewed"].clone()
    };
    // A party the document reports.
    assert_eq!(
        item("Baku said nothing.")["author"],
        json!({ "@type": "Organization", "name": "The Azerbaijani government" })
    );
    // The document's own voice: its author, else its outlet; one each.
    assert_eq!(
        item("Several drones struck.")["author"],
        json!({ "@type": "Person", "name": "A. Writer" })
    );
    assert_eq!(
        item("Four drones struck.")["author"],
        json!([
            { "@type": "Organization", "name": "Ministry Bulletin" },
            { "@type": "Person", "name": "A. Writer" },
        ])
    );
    assert!(
        notes.contains("note: 1 claim(s) asserted by a party have it as an Organization author"),
        "{notes}"
    );
}

#[test]
fn filters_apply_and_the_publisher_is_required() {
    let fixture = fixture();
    let (reviews, _) = export(&fixture, &["--status", "disputed"]);
    assert_eq!(reviews.len(), 1);
    let run = fixture.crux(&["export", "--format", "claimreview", "--reviewer", "X"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("needs --review-url and --reviewer"),
        "{}",
        run.stderr
    );
    for bad in [
        "factcheck.example.org/page",
        "https://example.org/page#x",
        "javascript:alert(1)",
    ] {
        let run = fixture.crux(&[
            "export",
            "--format",
            "claimreview",
            "--review-url",
            bad,
            "--reviewer",
            "X",
        ]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(
            run.stderr.contains("is not the web address of a page"),
            "{}",
            run.stderr
        );
    }
}
