//! `crux init` on a folder with saved web pages.

use std::process::Command;

#[test]
fn init_takes_a_pages_metadata_and_quotes_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/seeds/003_58c47bfb15e2261f.html"
    ))
    .unwrap();
    std::fs::write(dir.path().join("insight.html"), page).unwrap();
    std::fs::write(dir.path().join("menu.htm"), "<nav><a href=/>Home</a></nav>").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["init", "."])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: skipped menu.htm: source `menu.htm` is a web page with no article found"
        ),
        "{stderr}"
    );
    let claims = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    for line in [
        "path = \"insight.html\"",
        "title = \"Alignment and Restraint: Azerbaijan following the 2026 Iran War\"",
        "author = \"Elie Houé\"",
        "date = \"2026-07-07\"",
        "url = \"https://example.org/publication/alignment-and-restraint/\"",
    ] {
        assert!(claims.contains(line), "{line} not in\n{claims}");
    }
    // The example quote is the article's first sentence, found verbatim.
    let quote = claims
        .split("quote = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(
        !quote.starts_with("Alignment"),
        "the title is no sentence: {quote}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "claims.toml"])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(
        std::fs::read_dir(dir.path().join(".cache/crux"))
            .unwrap()
            .count()
            > 0,
        "the extraction was cached outside the sources"
    );
}
