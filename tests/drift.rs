//! Anchoring on edited documents: the shipped seeds, changed as a
//! re-published article is (typos fixed or made, a word replaced,
//! punctuation and quotes changed, sentences inserted or deleted, lines
//! moved or re-wrapped, a heading renamed), each with what a person would
//! say the quote now is. The expected texts are written by hand from the
//! edit. `seeds/` itself is only read.
//!
//! Each case is checked on its own, then every case of a document at once
//! with a line inserted at the top ("re-published"). A repair to anything
//! but the expected text, or a quote placed where it is not, is wrong, and
//! there must be none; at least 95% of the expected repairs must be made.
//! `cargo test --test drift -- --nocapture` prints the counts.

use std::path::Path;

use crux::Dataset;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[derive(Debug, Clone, Copy)]
enum Edit {
    Replace(&'static str, &'static str),
    /// The line holding this text moves to the end of the document.
    MoveLineToEnd(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Still there verbatim (perhaps after other text moved).
    Placed,
    /// Still there verbatim, its line moved elsewhere.
    Moved,
    /// `crux fix` rewrites the quote to this text.
    RepairedTo(&'static str),
    /// Gone, or several places alike: nothing placed, nothing rewritten.
    LeftAlone,
}

use Edit::{MoveLineToEnd, Replace};
use Expect::{LeftAlone, Moved, Placed, RepairedTo};

struct Case {
    /// The seed file's name starts with this.
    doc: &'static str,
    quote: &'static str,
    edits: &'static [Edit],
    expect: Expect,
}

const fn case(
    doc: &'static str,
    quote: &'static str,
    edits: &'static [Edit],
    expect: Expect,
) -> Case {
    Case {
        doc,
        quote,
        edits,
        expect,
    }
}

const CASES: &[Case] = &[
    // --- 003: INSS ---
    case(
        "003",
        "that four Iranian drones had taken part in the attack",
        &[Replace("in the attack.", "in the atack.")],
        RepairedTo("that four Iranian drones had taken part in the atack"),
    ),
    case(
        "003",
        "on 28 February 2026, the United States and Israel launched Operation Epic Fury, whose opening salvo killed Supreme Leader Ali Khamenei",
        &[Replace("Ali Khamenei.", "Ali Kahmenei.")],
        RepairedTo(
            "on 28 February 2026, the United States and Israel launched Operation Epic Fury, whose opening salvo killed Supreme Leader Ali Kahmenei",
        ),
    ),
    case(
        "003",
        "One was neutralized by Azerbaijani air defenses, while the others reached civilian targets.",
        &[Replace("One was neutralized", "One was shot down")],
        RepairedTo(
            "One was shot down by Azerbaijani air defenses, while the others reached civilian targets.",
        ),
    ),
    case(
        "003",
        "Four civilians were reported injured.",
        &[Replace(
            "Four civilians were reported injured.",
            "Four civilians were reported injured;",
        )],
        RepairedTo("Four civilians were reported injured;"),
    ),
    case(
        "003",
        "Aliyev’s public response was sharp.",
        &[Replace("Aliyev’s public", "Aliyev's public")],
        RepairedTo("Aliyev's public response was sharp."),
    ),
    case(
        "003",
        "De-escalation followed within days.",
        &[Replace("De-escalation followed within days.", "")],
        LeftAlone,
    ),
    case(
        "003",
        "Tehran denied responsibility",
        &[Replace(
            "Tehran denied responsibility",
            "Tehran rejected responsibility",
        )],
        RepairedTo("Tehran rejected responsibility"),
    ),
    case(
        "003",
        "the tonnages were modest",
        &[Replace(
            "the tonnages were modest",
            "the tonnages, by any measure, were modest",
        )],
        RepairedTo("the tonnages, by any measure, were modest"),
    ),
    case(
        "003",
        "Baku rejected the account as “[entirely baseless](#).”",
        &[Replace("“[entirely baseless](#).”", "“entirely baseless.”")],
        RepairedTo("Baku rejected the account as “entirely baseless.”"),
    ),
    case(
        "003",
        "a combination of credible military power, a demonstrated readiness to retaliate, and a deliberate refusal to be provoked into the war",
        &[Replace(
            "a demonstrated readiness",
            "a demonstrated\nreadiness",
        )],
        // Only a line break for a space: placed as it is, nothing to repair.
        Placed,
    ),
    case(
        "003",
        "Azerbaijan sent to Iran a first convoy of roughly thirty tons through the Astara crossing",
        &[Replace(
            "### **De-escalation and Humanitarian Gestures**",
            "### **Calm, and Aid**",
        )],
        Placed,
    ),
    case(
        "003",
        "No findings of the inquiry have been made public",
        &[MoveLineToEnd("No findings of the inquiry")],
        Moved,
    ),
    case(
        "003",
        "One of those struck the terminal of Nakhichevan International Airport",
        &[Replace("terminal of Nakhichevan", "terminal of Nakhchivan")],
        RepairedTo("One of those struck the terminal of Nakhchivan International Airport"),
    ),
    // --- 001: AIR Center ---
    case(
        "001",
        "On March 5, several Iranian-made drones struck targets in Azerbaijan's Nakhchivan Autonomous Republic",
        &[Replace(
            "several Iranian-made drones struck",
            "multiple Iranian-made drones struck",
        )],
        RepairedTo(
            "On March 5, multiple Iranian-made drones struck targets in Azerbaijan's Nakhchivan Autonomous Republic",
        ),
    ),
    case(
        "001",
        "stated that the drones were launched from Iranian territory",
        &[Replace(
            "launched from Iranian territory",
            "launched from Iranian soil",
        )],
        RepairedTo("stated that the drones were launched from Iranian soil"),
    ),
    case(
        "001",
        "Azerbaijani authorities described the incident as a terrorist attack",
        &[Replace("described the incident", "describedthe incident")],
        RepairedTo("Azerbaijani authorities describedthe incident as a terrorist attack"),
    ),
    case(
        "001",
        "The aid shipment underscored Baku's intention to maintain cooperative relations with its southern neighbour even amid the ongoing crisis.",
        &[Replace("Baku's intention", "Baku’s intention")],
        RepairedTo(
            "The aid shipment underscored Baku’s intention to maintain cooperative relations with its southern neighbour even amid the ongoing crisis.",
        ),
    ),
    case(
        "001",
        "The incident occurred despite Azerbaijan's careful efforts to remain neutral during the latest escalation between Iran and Israel.",
        &[Replace(
            "The incident occurred despite Azerbaijan's careful efforts to remain neutral during the latest escalation between Iran and Israel.",
            "",
        )],
        LeftAlone,
    ),
    case(
        "001",
        "widely interpreted as a rare show of force",
        &[Replace("widely interpreted", "broadly interpreted")],
        RepairedTo("broadly interpreted as a rare show of force"),
    ),
    case(
        "001",
        "Shortly after the incident, President Ilham Aliyev spoke by phone with Iranian President Masoud Pezeshkian to discuss the situation.",
        &[Replace("spoke by phone", "spoke at length by phone")],
        RepairedTo(
            "Shortly after the incident, President Ilham Aliyev spoke at length by phone with Iranian President Masoud Pezeshkian to discuss the situation.",
        ),
    ),
    case(
        "001",
        "strategic balancing remains the cornerstone of Azerbaijan's foreign policy",
        &[MoveLineToEnd("strategic balancing remains the cornerstone")],
        Moved,
    ),
    // --- 000: brief ---
    case(
        "000",
        "Iran has denied carrying out any action against Azerbaijan.",
        &[Replace(
            "any action against Azerbaijan.",
            "any actions against Azerbaijan.",
        )],
        RepairedTo("Iran has denied carrying out any actions against Azerbaijan."),
    ),
    case(
        "000",
        "These developments have prompted Azerbaijan to place its armed forces on a higher level of readiness.",
        &[Replace(
            "higher level of readiness.",
            "higher level of readines.",
        )],
        RepairedTo(
            "These developments have prompted Azerbaijan to place its armed forces on a higher level of readines.",
        ),
    ),
    case(
        "000",
        "Azerbaijan either does not believe — or does not wish to believe — Iran’s denial",
        &[Replace(
            "not believe — or does not wish to believe —",
            "not believe - or does not wish to believe -",
        )],
        RepairedTo(
            "Azerbaijan either does not believe - or does not wish to believe - Iran’s denial",
        ),
    ),
    case(
        "000",
        "its potential significance in a possible Iran–US/Israel conflict",
        &[Replace(
            "its potential significance in a possible",
            "what it might come to mean in any",
        )],
        LeftAlone,
    ),
    case(
        "000",
        "The alleged launch of drones by Iran in the direction of Azerbaijan has become a serious issue in bilateral relations",
        &[Replace(
            "as it could become an important factor",
            "as it could become an important factor (The alleged launch of drones by Iran in the direction of Azerbaijan has become a serious issue in bilateral relations, again)",
        )],
        LeftAlone,
    ),
    // --- 002: Faultlines ---
    case(
        "002",
        "both sides have made efforts to maintain a fragile diplomatic détente",
        &[Replace("diplomatic détente", "diplomatic detente")],
        RepairedTo("both sides have made efforts to maintain a fragile diplomatic detente"),
    ),
    case(
        "002",
        "Israel has become a key arms supplier to Azerbaijan, a partnership that proved instrumental in Baku’s victory during the 2020 Nagorno-Karabakh War.",
        &[Replace("key arms supplier", "major arms supplier")],
        RepairedTo(
            "Israel has become a major arms supplier to Azerbaijan, a partnership that proved instrumental in Baku’s victory during the 2020 Nagorno-Karabakh War.",
        ),
    ),
    case(
        "002",
        "Iran’s concerns about Azerbaijan stem primarily from Baku’s strengthening ties with Israel.",
        &[Replace(
            "Iran’s concerns about Azerbaijan stem",
            "The picture is not new. Iran’s concerns about Azerbaijan stem",
        )],
        Placed,
    ),
    case(
        "002",
        "These accusations, which intensified during the 12-day war",
        &[Replace("the 12-day war", "the twelve-day war")],
        RepairedTo("These accusations, which intensified during the twelve-day war"),
    ),
    case(
        "002",
        "Russia’s preoccupation with its war in Ukraine has created a power vacuum that Turkey and Israel have eagerly filled",
        &[Replace(
            "power vacuum that Turkey",
            "power vacuum\nthat Turkey",
        )],
        Placed,
    ),
    // --- 004: exercise ---
    case(
        "004",
        "Azerbaijan’s closest relationships continue to reflect a degree of balance.",
        &[Replace(
            "Azerbaijan’s closest relationships",
            "Azerbaijan's closest relationships",
        )],
        RepairedTo("Azerbaijan's closest relationships continue to reflect a degree of balance."),
    ),
    case(
        "004",
        "the recent joint military exercise conducted by Iran and Azerbaijan",
        &[Replace(
            "conducted by Iran and Azerbaijan",
            "held by Iran and Azerbaijan",
        )],
        RepairedTo("the recent joint military exercise held by Iran and Azerbaijan"),
    ),
    case(
        "004",
        "external interference by Russia",
        &[Replace("interference by Russia", "interference by Moscow")],
        RepairedTo("external interference by Moscow"),
    ),
    case(
        "004",
        "calibrated to prevent Iranian encirclement",
        &[Replace("calibrated to prevent Iranian encirclement", "")],
        LeftAlone,
    ),
    case(
        "004",
        "Baku has sought to define itself apart from Iranian influence, despite their shared Shia heritage",
        &[MoveLineToEnd("Baku has sought to define itself apart")],
        Moved,
    ),
];

/// The line a re-published article gains at the top.
const MASTHEAD: &str = "Republished with corrections on 7 July 2026.\n\n";

fn apply(text: &str, edit: Edit) -> String {
    match edit {
        Replace(from, to) => {
            assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
            text.replacen(from, to, 1)
        }
        MoveLineToEnd(held) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let at: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(held))
                .collect();
            assert_eq!(at.len(), 1, "{held:?} must be on one line");
            let line = lines.remove(at[0]);
            format!("{}\n\n{line}\n", lines.join("\n").trim_end())
        }
    }
}

/// The shipped claims file and seeds in a temp dir, the documents edited.
fn load_edited(edits: &[(&str, Vec<Edit>)], masthead: bool) -> (tempfile::TempDir, Dataset) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("claims.toml"),
        dir.path().join("claims.toml"),
    )
    .unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (doc, doc_edits) in edits {
            if name.starts_with(doc) {
                for &edit in doc_edits {
                    text = apply(&text, edit);
                }
                if masthead {
                    text = format!("{MASTHEAD}{text}");
                }
            }
        }
        std::fs::write(dir.path().join("seeds").join(name), text).unwrap();
    }
    let dataset = crux::load(&dir.path().join("claims.toml"));
    (dir, dataset)
}

#[derive(Debug, Default)]
struct Tally {
    placed: usize,
    moved: usize,
    repaired: usize,
    left_alone: usize,
    /// Expected repairs not made (the quote is left for a person).
    missed: Vec<String>,
    wrong: Vec<String>,
}

impl Tally {
    fn expected_repairs(&self) -> usize {
        self.repaired + self.missed.len()
    }
}

/// How the quote of `case` fares in `dataset`.
fn judge(
    dataset: &Dataset,
    fixes: &[crux::fix::QuoteFix],
    case: &Case,
    original_start: usize,
    tally: &mut Tally,
) {
    let (claim, index, span) = dataset
        .claims
        .iter()
        .flat_map(|c| c.spans.iter().enumerate().map(move |(i, s)| (c, i, s)))
        .find(|(_, _, s)| s.quote == case.quote)
        .unwrap_or_else(|| panic!("no span quotes {:?}", case.quote));
    let document = dataset.source(&span.source).unwrap().text().unwrap();
    let fix = fixes
        .iter()
        .find(|f| f.claim == claim.id && f.span == index);
    let placed_at = span
        .anchor
        .as_ref()
        .filter(|a| {
            a.kind == crux::model::MatchKind::Exact
                && document[a.bytes.clone()]
                    .split_whitespace()
                    .eq(case.quote.split_whitespace())
        })
        .map(|a| a.bytes.start);
    let what = format!("{} {:?}", case.doc, case.quote);
    match (case.expect, fix, placed_at) {
        (Placed, None, Some(_)) => tally.placed += 1,
        (Moved, None, Some(start)) if start != original_start => tally.moved += 1,
        (RepairedTo(expected), Some(fix), _) if fix.quote == expected => tally.repaired += 1,
        (RepairedTo(_), None, None) => tally.missed.push(what),
        (LeftAlone, None, None) if span.anchor.is_none() => tally.left_alone += 1,
        (expect, fix, _) => tally.wrong.push(format!(
            "{what}: expected {expect:?}, got fix {:?}, anchor {:?}",
            fix.map(|f| &f.quote),
            span.anchor.as_ref().map(|a| &document[a.bytes.clone()])
        )),
    }
}

/// Where each case's quote starts in the unedited seeds.
fn original_starts() -> Vec<usize> {
    let (_dir, dataset) = load_edited(&[], false);
    CASES
        .iter()
        .map(|case| {
            let span = dataset
                .claims
                .iter()
                .flat_map(|c| &c.spans)
                .find(|s| s.quote == case.quote)
                .unwrap();
            span.anchor
                .as_ref()
                .expect("every shipped quote is placed")
                .bytes
                .start
        })
        .collect()
}

fn report(name: &str, tally: &Tally) {
    eprintln!(
        "{name}: {} cases: placed {}, moved {}, repaired {} of {} expected, left alone {}, missed {}, wrong {}",
        tally.placed
            + tally.moved
            + tally.repaired
            + tally.left_alone
            + tally.missed.len()
            + tally.wrong.len(),
        tally.placed,
        tally.moved,
        tally.repaired,
        tally.expected_repairs(),
        tally.left_alone,
        tally.missed.len(),
        tally.wrong.len()
    );
    for missed in &tally.missed {
        eprintln!("  missed: {missed}");
    }
    assert!(
        tally.wrong.is_empty(),
        "{name}: wrong outcomes:\n{}",
        tally.wrong.join("\n")
    );
    assert!(
        tally.repaired * 100 >= tally.expected_repairs() * 95,
        "{name}: only {} of {} expected repairs made: {:?}",
        tally.repaired,
        tally.expected_repairs(),
        tally.missed
    );
}

#[test]
fn each_edit_alone() {
    let starts = original_starts();
    let mut tally = Tally::default();
    for (case, &start) in CASES.iter().zip(&starts) {
        let (_dir, dataset) = load_edited(&[(case.doc, case.edits.to_vec())], false);
        let fixes = crux::fix::plan(&dataset);
        judge(&dataset, &fixes, case, start, &mut tally);
    }
    report("one edit at a time", &tally);
}

#[test]
fn every_edit_of_a_document_at_once_with_a_new_first_line() {
    let starts = original_starts();
    let mut by_doc: Vec<(&str, Vec<Edit>)> = Vec::new();
    for case in CASES {
        match by_doc.iter_mut().find(|(doc, _)| *doc == case.doc) {
            Some((_, edits)) => edits.extend_from_slice(case.edits),
            None => by_doc.push((case.doc, case.edits.to_vec())),
        }
    }
    let (_dir, dataset) = load_edited(&by_doc, true);
    let fixes = crux::fix::plan(&dataset);
    let mut tally = Tally::default();
    for (case, &start) in CASES.iter().zip(&starts) {
        // Every quote of an edited document moved down by the new first line.
        let start = if case.expect == Moved {
            start
        } else {
            usize::MAX
        };
        judge(&dataset, &fixes, case, start, &mut tally);
    }
    report("every edit at once", &tally);
}

/// `quote` with two letters in the middle of its longest word swapped, or
/// `None` when that changes nothing.
fn misspelt(quote: &str) -> Option<String> {
    let word = quote
        .split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.chars().count())?;
    let mut letters: Vec<char> = word.chars().collect();
    let middle = letters.len() / 2;
    if letters.len() < 5 || letters[middle - 1] == letters[middle] {
        return None;
    }
    letters.swap(middle - 1, middle);
    let at = quote.find(word)?;
    let typo: String = letters.into_iter().collect();
    Some(format!(
        "{}{typo}{}",
        &quote[..at],
        &quote[at + word.len()..]
    ))
}

#[test]
fn a_misspelt_word_in_every_third_quote_is_repaired_to_the_misspelling() {
    let (dir, shipped) = load_edited(&[], false);
    let mut documents: Vec<(String, String)> = shipped
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.text().unwrap().to_string()))
        .collect();
    // (claim, span, the quote as the document now has it)
    let mut edited: Vec<(String, usize, String)> = Vec::new();
    let spans = shipped
        .claims
        .iter()
        .flat_map(|c| c.spans.iter().enumerate().map(move |(i, s)| (c, i, s)));
    for (claim, index, span) in spans.step_by(3) {
        let Some(typo) = misspelt(&span.quote) else {
            continue;
        };
        let text = &mut documents
            .iter_mut()
            .find(|(id, _)| *id == span.source)
            .unwrap()
            .1;
        if text.matches(span.quote.as_str()).count() != 1 {
            continue;
        }
        *text = text.replacen(span.quote.as_str(), &typo, 1);
        edited.push((claim.id.clone(), index, typo));
    }
    for (source, (_, text)) in shipped.sources.iter().zip(&documents) {
        std::fs::write(dir.path().join(&source.path), format!("{MASTHEAD}{text}")).unwrap();
    }
    let dataset = crux::load(&dir.path().join("claims.toml"));
    let fixes = crux::fix::plan(&dataset);
    let mut tally = Tally::default();
    for (claim, index, typo) in &edited {
        match fixes.iter().find(|f| f.claim == *claim && f.span == *index) {
            Some(fix) if fix.quote == *typo => tally.repaired += 1,
            Some(fix) => tally
                .wrong
                .push(format!("{claim}: {:?} instead of {typo:?}", fix.quote)),
            None => tally.missed.push(format!("{claim}: {typo:?}")),
        }
    }
    assert!(edited.len() > 40, "{}", edited.len());
    report("a misspelt word in every third quote", &tally);
}
