//! The complete example in docs/FORMAT.md is a working claims file.

mod common;

#[test]
fn the_format_reference_example_checks_clean() {
    let doc = include_str!("../docs/FORMAT.md");
    let start = doc.find("```toml\n").expect("an example block") + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/");
    let read = |name: &str| std::fs::read_to_string(format!("{seeds}{name}")).unwrap();
    let huseynov = read("001_38e6418e6546200a.txt");
    let inss = read("003_58c47bfb15e2261f.txt");
    let f = common::Fixture::new(&[
        ("claims.toml", example),
        ("seeds/001_38e6418e6546200a.txt", &huseynov),
        ("seeds/003_58c47bfb15e2261f.txt", &inss),
    ]);
    let run = f.crux(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
