//! Generates a synthetic corpus for benchmarks: documents built from the
//! seed articles' sentences and a claims file quoting them.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --docs 100 --claims 1000 --seed 1 --out target/bench-corpus/medium
//! ```
//!
//! Writes `OUT/docs/doc-00001.txt` ..., `OUT/claims.toml` and `OUT/quotes.txt`
//! (every span's quote on one line, quotes holding a line break left out).
//! The output depends only on the parameters: the same seed gives the same
//! bytes. `OUT/corpus.params` records the parameters; when it matches, an
//! existing corpus is kept as it is (`--force` regenerates).
//! `gen-corpus --quotes-of claims.toml --out DIR` writes the quotes of an
//! existing claims file the same way, with its documents' paths in `DIR/docs.txt`.
//!
//! What the corpus holds, per document (about `--doc-kb` KB): paragraphs of
//! shuffled seed sentences, each sentence ending in a reference marker
//! `(ref. DDDD-SSS)` that makes quotes including it unique; `## headings`;
//! `**bold**` and `[links](#)` on some words; hard-wrapped lines in half of
//! the documents; CRLF line endings in every fifth; and two refrain sentences
//! repeated as paragraphs of their own. Per claim: 1 to 3 spans, of which
//! about 85% are verbatim unique quotes, 10% match only after normalization
//! (straight quotes typed for curly ones, a line break typed as a space,
//! markup left out; `crux check` warns W0001 about these) and 5% quote a
//! refrain and pick one place with `prefix` or `occurrence`. Claims share
//! a topic in groups of about ten, split into two sides: about two links per
//! claim, `agrees` within a side and `contradicts` across, with notes; one
//! side is the documents' own voice, the other a party they report.

use std::collections::HashSet;
use std::fmt::Write as _;

/// The party that asserts the claims on one side of every topic.
const OTHER_SIDE: &str = "other-side";
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Bumped whenever the output for given parameters changes, so that cached
/// corpora are regenerated.
pub const GENERATOR_VERSION: u32 = 1;

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_51f97351354bb297.txt"),
    include_str!("../seeds/001_38e6418e6546200a.txt"),
    include_str!("../seeds/002_a4b8eb8b2eee3022.txt"),
    include_str!("../seeds/003_58c47bfb15e2261f.txt"),
    include_str!("../seeds/004_598b9436efe036ce.txt"),
];

const AUTHORS: [&str; 8] = [
    "Leyla Aliyeva",
    "Daniel Brenner",
    "Mariam Tahmasebi",
    "Jonas Keller",
    "Sara Guliyeva",
    "Omar Haddad",
    "Irina Volkova",
    "Tom Whitfield",
];
const OUTLETS: [&str; 6] = [
    "Caspian Review",
    "Regional Security Brief",
    "The Southern Caucasus Monitor",
    "Strategic Affairs Quarterly",
    "Policy Notes",
    "Gulf and Caucasus Insight",
];
const STATUSES: [&str; 4] = ["unreviewed", "confirmed", "disputed", "rejected"];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub docs: usize,
    pub claims: usize,
    pub seed: u64,
    /// Target size of each document in bytes.
    pub doc_bytes: usize,
}

impl Params {
    pub fn new(docs: usize, claims: usize, seed: u64) -> Params {
        Params {
            docs,
            claims,
            seed,
            doc_bytes: 50_000,
        }
    }

    /// The line written to `corpus.params`.
    fn stamp(&self) -> String {
        format!(
            "gen-corpus v{GENERATOR_VERSION} docs={} claims={} seed={} doc-bytes={}\n",
            self.docs, self.claims, self.seed, self.doc_bytes
        )
    }
}

/// Counts of what was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub docs: usize,
    pub doc_bytes: usize,
    pub claims: usize,
    pub spans: usize,
    /// Quotes that match only after normalization (each a `W0001`).
    pub normalized_spans: usize,
    /// Quotes typed with other whitespace than the document's (a space
    /// for a line break): placed as they are, with no warning.
    pub rewrapped_spans: usize,
    pub disambiguated_spans: usize,
    pub topics: usize,
    pub relations: usize,
    /// False when an existing corpus with the same parameters was kept.
    pub written: bool,
}

/// Generates the corpus into `out` unless `out/corpus.params` says it is
/// already there with the same parameters.
pub fn ensure(params: &Params, out: &Path) -> io::Result<Summary> {
    let stamp = out.join("corpus.params");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == params.stamp()) {
        return Ok(Summary::default());
    }
    generate(params, out)
}

/// Generates the corpus into `out`, replacing what is there.
pub fn generate(params: &Params, out: &Path) -> io::Result<Summary> {
    let stamp = out.join("corpus.params");
    let _ = std::fs::remove_file(&stamp);
    let docs_dir = out.join("docs");
    if docs_dir.exists() {
        std::fs::remove_dir_all(&docs_dir)?;
    }
    std::fs::create_dir_all(&docs_dir)?;
    let pool = sentence_pool();
    let plan = plan_claims(params);

    let mut summary = Summary {
        docs: params.docs,
        claims: params.claims,
        topics: plan.topics,
        written: true,
        ..Summary::default()
    };
    // Quotes chosen per span, filled document by document.
    let mut quotes: Vec<Vec<Option<Quote>>> = plan
        .claims
        .iter()
        .map(|c| vec![None; c.spans.len()])
        .collect();
    let mut spans_of_doc: Vec<Vec<(usize, usize)>> = vec![Vec::new(); params.docs];
    for (c, claim) in plan.claims.iter().enumerate() {
        for (s, span) in claim.spans.iter().enumerate() {
            spans_of_doc[span.doc].push((c, s));
        }
    }
    for (d, members) in spans_of_doc.iter().enumerate() {
        let mut rng = Rng::new(params.seed ^ (d as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
        let doc = Document::build(d, params.doc_bytes, &pool, &mut rng);
        let mut used = HashSet::new();
        for &(c, s) in members {
            let kind = plan.claims[c].spans[s].kind;
            let quote = doc.pick_quote(kind, &mut used, &mut rng);
            match &quote {
                Quote {
                    kind: Kind::Normalized,
                    whitespace_only: true,
                    ..
                } => summary.rewrapped_spans += 1,
                Quote {
                    kind: Kind::Normalized,
                    ..
                } => summary.normalized_spans += 1,
                Quote {
                    kind: Kind::Refrain,
                    ..
                } => summary.disambiguated_spans += 1,
                _ => {}
            }
            quotes[c][s] = Some(quote);
        }
        summary.doc_bytes += doc.text.len();
        std::fs::write(docs_dir.join(doc_file(d)), &doc.text)?;
    }

    let mut toml = String::new();
    let mut quote_lines = String::new();
    write_header(params, &mut toml);
    for d in 0..params.docs {
        write_source(d, params.seed, &mut toml);
    }
    for t in 0..plan.topics {
        let _ = write!(
            toml,
            "[topics.topic-{:04}]\nquestion = \"{}\"\n\n",
            t + 1,
            question(t)
        );
    }
    // One side of each topic speaks in the documents' voice, the other is a
    // party they report: contradictions across sides are then disputes, not
    // documents contradicting themselves.
    toml.push_str(&format!(
        "[parties.{OTHER_SIDE}]\nname = \"The other side\"\n\n"
    ));
    for (c, claim) in plan.claims.iter().enumerate() {
        let quotes: Vec<Quote> = quotes[c]
            .iter()
            .map(|q| q.clone().expect("quote"))
            .collect();
        for quote in &quotes {
            summary.spans += 1;
            if !quote.quote.contains('\n') {
                quote_lines.push_str(&quote.quote);
                quote_lines.push('\n');
            }
        }
        summary.relations += claim.links.len();
        write_claim(&plan, c, &quotes, &mut toml);
    }
    std::fs::write(out.join("claims.toml"), toml)?;
    std::fs::write(out.join("quotes.txt"), quote_lines)?;
    std::fs::write(&stamp, params.stamp())?;
    Ok(summary)
}

fn doc_id(d: usize) -> String {
    format!("doc-{:05}", d + 1)
}

fn doc_file(d: usize) -> String {
    format!("{}.txt", doc_id(d))
}

// ── Random numbers ─────────────────────────────────────────────────────────

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `range` (which must not be empty).
    pub fn range(&mut self, range: Range<usize>) -> usize {
        let span = (range.end - range.start) as u64;
        range.start + (self.next_u64() % span) as usize
    }
    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0..items.len())]
    }
}

// ── Seed sentences ─────────────────────────────────────────────────────────

/// A seed sentence as words; none holds markup characters.
type Sentence = Vec<&'static str>;

/// Sentences of the seed articles with at least eight words, leaving out
/// headings and anything holding Markdown so that the only markup in the
/// corpus is the markup placed on purpose.
fn sentence_pool() -> Vec<Sentence> {
    let mut pool = Vec::new();
    for seed in SEEDS {
        for line in seed.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut start = 0;
            let bytes = line.as_bytes();
            for i in 0..bytes.len() {
                let ends = matches!(bytes[i], b'.' | b'?' | b'!')
                    && (i + 1 == bytes.len()
                        || (bytes[i + 1] == b' '
                            && line[i + 2..]
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase() || c == '“')));
                if ends {
                    push_sentence(&line[start..=i], &mut pool);
                    start = i + 1;
                }
            }
        }
    }
    pool
}

fn push_sentence(sentence: &'static str, pool: &mut Vec<Sentence>) {
    let sentence = sentence.trim();
    let words: Sentence = sentence.split_whitespace().collect();
    let markup = |c: char| "*_[]#<>`\\|".contains(c) || c.is_control();
    if words.len() >= 8 && !sentence.contains(markup) && !sentence.contains("http") {
        pool.push(words);
    }
}

// ── Claims plan ────────────────────────────────────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Found verbatim and once.
    Verbatim,
    /// Found only after normalization.
    Normalized,
    /// A repeated sentence, picked with `prefix` or `occurrence`.
    Refrain,
}

struct PlannedSpan {
    doc: usize,
    kind: Kind,
}

struct PlannedClaim {
    topic: usize,
    side: bool,
    spans: Vec<PlannedSpan>,
    /// (other claim, agrees?)
    links: Vec<(usize, bool)>,
    status: &'static str,
}

struct Plan {
    topics: usize,
    claims: Vec<PlannedClaim>,
}

fn plan_claims(params: &Params) -> Plan {
    let mut rng = Rng::new(params.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0xC1A1_u64);
    let topics = (params.claims / 10).max(1);
    let mut claims: Vec<PlannedClaim> = (0..params.claims)
        .map(|c| {
            let count = match rng.range(0..100) {
                0..50 => 1,
                50..85 => 2,
                _ => 3,
            };
            let spans = (0..count)
                .map(|_| PlannedSpan {
                    doc: rng.range(0..params.docs.max(1)),
                    kind: match rng.range(0..100) {
                        0..10 => Kind::Normalized,
                        10..15 => Kind::Refrain,
                        _ => Kind::Verbatim,
                    },
                })
                .collect();
            let status = if rng.percent(70) {
                STATUSES[0]
            } else {
                *rng.pick(&STATUSES[1..])
            };
            PlannedClaim {
                topic: c % topics,
                side: rng.percent(50),
                spans,
                links: Vec::new(),
                status,
            }
        })
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); topics];
    for (c, claim) in claims.iter().enumerate() {
        members[claim.topic].push(c);
    }
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    for c in 0..claims.len() {
        let peers = &members[claims[c].topic];
        if peers.len() < 2 {
            continue;
        }
        let mut tries = 0;
        let mut links = 0;
        while links < 2 && tries < 8 {
            tries += 1;
            let other = *rng.pick(peers);
            let pair = (c.min(other), c.max(other));
            if other == c || !linked.insert(pair) {
                continue;
            }
            let agrees = claims[c].side == claims[other].side;
            claims[c].links.push((other, agrees));
            links += 1;
        }
    }
    Plan { topics, claims }
}

// ── Documents ──────────────────────────────────────────────────────────────

/// A word of a placed sentence: its bytes in the document.
#[derive(Debug, Clone)]
struct Word {
    range: Range<usize>,
    /// Inside `**bold**` or `[a link](#)`.
    markup: bool,
    /// Preceded by a line break rather than a space.
    break_before: bool,
}

#[derive(Debug)]
struct Placed {
    words: Vec<Word>,
    /// End of the sentence (after its marker and final punctuation).
    end: usize,
}

/// A sentence repeated as a paragraph of its own.
#[derive(Debug)]
struct Refrain {
    text: String,
    /// For each occurrence, the marker sentence tail right before it.
    before: Vec<String>,
}

struct Document {
    text: String,
    sentences: Vec<Placed>,
    refrains: Vec<Refrain>,
}

/// Appends chunks to a document, wrapping lines when asked to.
struct Writer {
    text: String,
    newline: &'static str,
    width: Option<usize>,
    line_chars: usize,
}

impl Writer {
    /// Appends `chunk`, after a space or, past the wrap width, a line break;
    /// returns where the chunk starts and whether a line break came first.
    fn chunk(&mut self, chunk: &str, first_of_paragraph: bool) -> (usize, bool) {
        let chars = chunk.chars().count();
        let mut broke = false;
        if !first_of_paragraph {
            if self
                .width
                .is_some_and(|w| self.line_chars + 1 + chars > w && self.line_chars > 0)
            {
                self.text.push_str(self.newline);
                self.line_chars = 0;
                broke = true;
            } else {
                self.text.push(' ');
                self.line_chars += 1;
            }
        }
        let start = self.text.len();
        self.text.push_str(chunk);
        self.line_chars += chars;
        (start, broke)
    }

    fn end_paragraph(&mut self) {
        self.text.push_str(self.newline);
        self.text.push_str(self.newline);
        self.line_chars = 0;
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.end_paragraph();
    }
}

impl Document {
    fn build(d: usize, target: usize, pool: &[Sentence], rng: &mut Rng) -> Document {
        let mut w = Writer {
            text: String::with_capacity(target + 4096),
            // Every fifth document (the second first) has CRLF line
            // endings, every other one hard-wrapped lines.
            newline: if d % 5 == 1 { "\r\n" } else { "\n" },
            width: d.is_multiple_of(2).then(|| rng.range(68..100)),
            line_chars: 0,
        };
        let mut sentences = Vec::new();
        let mut refrains: Vec<Refrain> = (0..2)
            .map(|_| Refrain {
                text: rng.pick(pool).join(" "),
                before: Vec::new(),
            })
            .collect();
        w.line(&format!("# {}", heading(rng.pick::<Sentence>(pool), 8)));
        w.line(&format!(
            "By {}, {}",
            rng.pick(&AUTHORS),
            rng.pick(&OUTLETS)
        ));
        let mut paragraph = 0;
        while w.text.len() < target {
            if paragraph > 0 && rng.percent(15) {
                w.line(&format!("## {}", heading(rng.pick::<Sentence>(pool), 6)));
            }
            let count = rng.range(3..8);
            for i in 0..count {
                let words = rng.pick(pool);
                let marker = format!("(ref. {:04}-{:03})", d + 1, sentences.len() + 1);
                sentences.push(place_sentence(&mut w, words, &marker, i == 0, rng));
            }
            w.end_paragraph();
            paragraph += 1;
            if paragraph % 9 == 4 {
                let refrain = &mut refrains[(paragraph / 9) % 2];
                let last = sentences.last().expect("a sentence");
                let tail =
                    &w.text[last.words[last.words.len().saturating_sub(3)].range.start..last.end];
                refrain.before.push(tail.to_string());
                w.line(&refrain.text);
            }
        }
        Document {
            text: w.text,
            sentences,
            refrains,
        }
    }

    fn pick_quote(&self, kind: Kind, used: &mut HashSet<usize>, rng: &mut Rng) -> Quote {
        if kind == Kind::Refrain
            && let Some(refrain) = self.refrains.iter().find(|r| r.before.len() >= 2)
        {
            let refrain = if self.refrains.iter().all(|r| r.before.len() >= 2) {
                rng.pick(&self.refrains)
            } else {
                refrain
            };
            let n = rng.range(0..refrain.before.len());
            let (prefix, occurrence) = if rng.percent(50) {
                (Some(refrain.before[n].clone()), None)
            } else {
                (None, Some(n + 1))
            };
            return Quote {
                kind: Kind::Refrain,
                whitespace_only: false,
                quote: refrain.text.clone(),
                prefix,
                occurrence,
            };
        }
        if kind == Kind::Normalized {
            for _ in 0..64 {
                let s = rng.range(0..self.sentences.len());
                if used.contains(&s) {
                    continue;
                }
                let placed = &self.sentences[s];
                let first = placed.words.len().saturating_sub(rng.range(10..26));
                let exact = &self.text[placed.words[first].range.start..placed.end];
                let typed = as_typed(exact);
                if typed != exact {
                    used.insert(s);
                    return Quote {
                        kind: Kind::Normalized,
                        whitespace_only: typed.split_whitespace().eq(exact.split_whitespace()),
                        quote: typed,
                        prefix: None,
                        occurrence: None,
                    };
                }
            }
        }
        loop {
            let s = rng.range(0..self.sentences.len());
            if !used.insert(s) && used.len() < self.sentences.len() {
                continue;
            }
            let placed = &self.sentences[s];
            let n = placed.words.len();
            // Back from the end while the words are plain and on one line.
            let mut first = n - 1;
            let wanted = rng.range(6..21);
            while first > 0
                && n - first < wanted
                && !placed.words[first].break_before
                && !placed.words[first - 1].markup
            {
                first -= 1;
            }
            return Quote {
                kind: Kind::Verbatim,
                whitespace_only: false,
                quote: self.text[placed.words[first].range.start..placed.end].to_string(),
                prefix: None,
                occurrence: None,
            };
        }
    }
}

/// Places one sentence: the marker goes before its final punctuation, the
/// last words (with the marker) are never split by a line break nor marked
/// up, and one run of earlier words may be made bold or a link.
fn place_sentence(
    w: &mut Writer,
    words: &[&'static str],
    marker: &str,
    first_of_paragraph: bool,
    rng: &mut Rng,
) -> Placed {
    let n = words.len();
    let tail_len = rng.range(6..13).min(n);
    let head = n - tail_len;
    let markup_run = (head >= 2 && rng.percent(30)).then(|| {
        let len = rng.range(1..4).min(head);
        let start = rng.range(0..head - len + 1);
        (start..start + len, rng.percent(50))
    });
    let mut placed = Vec::with_capacity(n);
    let mut i = 0;
    let mut first = first_of_paragraph;
    while i < head {
        if let Some((run, bold)) = markup_run.as_ref().filter(|(run, _)| run.start == i) {
            let (open, close) = if *bold { ("**", "**") } else { ("[", "](#)") };
            let mut chunk = String::from(open);
            let mut offsets = Vec::new();
            for (k, word) in words[run.clone()].iter().enumerate() {
                if k > 0 {
                    chunk.push(' ');
                }
                offsets.push((chunk.len(), word.len()));
                chunk.push_str(word);
            }
            chunk.push_str(close);
            let (start, broke) = w.chunk(&chunk, first);
            for (k, (offset, len)) in offsets.into_iter().enumerate() {
                placed.push(Word {
                    range: start + offset..start + offset + len,
                    markup: true,
                    break_before: broke && k == 0,
                });
            }
            i = run.end;
        } else {
            let (start, broke) = w.chunk(words[i], first);
            placed.push(Word {
                range: start..start + words[i].len(),
                markup: false,
                break_before: broke,
            });
            i += 1;
        }
        first = false;
    }
    // The tail: one chunk, the marker before the final punctuation.
    let last = words[n - 1];
    let core = last.trim_end_matches(['.', '?', '!', '”', '"', '’']);
    let mut chunk = String::new();
    let mut offsets = Vec::new();
    for (k, word) in words[head..].iter().enumerate() {
        if k > 0 {
            chunk.push(' ');
        }
        let word = if head + k == n - 1 { core } else { word };
        offsets.push((chunk.len(), word.len()));
        chunk.push_str(word);
    }
    chunk.push(' ');
    chunk.push_str(marker);
    chunk.push_str(&last[core.len()..]);
    let (start, broke) = w.chunk(&chunk, first);
    for (k, (offset, len)) in offsets.into_iter().enumerate() {
        placed.push(Word {
            range: start + offset..start + offset + len,
            markup: false,
            break_before: broke && k == 0,
        });
    }
    Placed {
        words: placed,
        end: w.text.len(),
    }
}

/// A short title from the first `max` words of a sentence.
fn heading(words: &[&str], max: usize) -> String {
    let text = words[..words.len().min(max)].join(" ");
    text.trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// `exact` as someone would type it: straight quotes, spaces for line
/// breaks, plain hyphens, markup left out.
fn as_typed(exact: &str) -> String {
    let mut out = String::with_capacity(exact.len());
    let mut chars = exact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '‘' | '’' => out.push('\''),
            '“' | '”' => out.push('"'),
            '–' | '—' => out.push('-'),
            '\r' => {}
            '\n' => out.push(' '),
            '*' | '[' => {}
            ']' => {
                // `](#)`
                for _ in 0..3 {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    out
}

// ── The claims file ────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct Quote {
    kind: Kind,
    /// Typed with other whitespace than the document's, and otherwise as it is.
    whitespace_only: bool,
    quote: String,
    prefix: Option<String>,
    occurrence: Option<usize>,
}

fn write_header(params: &Params, out: &mut String) {
    let _ = write!(
        out,
        "# Synthetic corpus written by `cargo run --example gen-corpus`.\n\
         title = \"Synthetic corpus: {} documents, {} claims, seed {}\"\n\n",
        params.docs, params.claims, params.seed
    );
}

fn write_source(d: usize, seed: u64, out: &mut String) {
    let mut rng = Rng::new(seed ^ (d as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25));
    let _ = write!(
        out,
        "[sources.{id}]\npath = \"docs/{file}\"\ntitle = \"Dispatch {n}\"\nauthor = \"{author}\"\noutlet = \"{outlet}\"\ndate = \"2026-{month:02}-{day:02}\"\n\n",
        id = doc_id(d),
        file = doc_file(d),
        n = d + 1,
        author = rng.pick(&AUTHORS),
        outlet = rng.pick(&OUTLETS),
        month = rng.range(3..10),
        day = rng.range(1..29),
    );
}

fn question(t: usize) -> String {
    const SUBJECTS: [&str; 6] = [
        "the drone strikes",
        "Baku's neutrality",
        "the border exercises",
        "the energy corridor",
        "Israel's role",
        "Iran's denials",
    ];
    format!(
        "What do the documents say about {} (question {})?",
        SUBJECTS[t % SUBJECTS.len()],
        t + 1
    )
}

fn claim_id(plan: &Plan, c: usize) -> String {
    format!("{}-c{:05}", doc_id(plan.claims[c].spans[0].doc), c + 1)
}

fn write_claim(plan: &Plan, c: usize, quotes: &[Quote], out: &mut String) {
    let claim = &plan.claims[c];
    let first = &quotes[0].quote;
    let unmarked = match (first.find(" (ref. "), first.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            format!("{}{}", &first[..open], &first[close + 1..])
        }
        _ => first.clone(),
    };
    let words: Vec<&str> = unmarked.split_whitespace().take(14).collect();
    let text = format!("The document says: {}", words.join(" "));
    let _ = write!(
        out,
        "[claims.{}]\ntopic = \"topic-{:04}\"\ntext = {}\n",
        claim_id(plan, c),
        claim.topic + 1,
        crux::text::toml_string(&text)
    );
    if !claim.side {
        let _ = writeln!(out, "asserted_by = \"{OTHER_SIDE}\"");
    }
    // A hedge cut off with the rest of the quote is kept, as a person would.
    let hedges = quotes
        .iter()
        .find_map(|q| crux::graph::find_hedge(&q.quote));
    if let (Some((hedge, _)), None) = (hedges, crux::graph::find_hedge(&text)) {
        let _ = writeln!(out, "hedge = {}", crux::text::toml_string(hedge));
    }
    out.push_str("spans = [\n");
    for (span, quote) in claim.spans.iter().zip(quotes) {
        let _ = write!(
            out,
            "  {{ source = \"{}\", quote = {}",
            doc_id(span.doc),
            crux::text::toml_string(&quote.quote)
        );
        if let Some(prefix) = &quote.prefix {
            let _ = write!(out, ", prefix = {}", crux::text::toml_string(prefix));
        }
        if let Some(n) = quote.occurrence {
            let _ = write!(out, ", occurrence = {n}");
        }
        out.push_str(" },\n");
    }
    out.push_str("]\n");
    for (key, agrees) in [("agrees", true), ("contradicts", false)] {
        let links: Vec<String> = claim
            .links
            .iter()
            .filter(|(_, a)| *a == agrees)
            .map(|&(other, _)| {
                let note = if agrees {
                    format!("both report it (claims {} and {})", c + 1, other + 1)
                } else {
                    format!("the accounts differ (claims {} and {})", c + 1, other + 1)
                };
                format!(
                    "{{ claim = \"{}\", note = {} }}",
                    claim_id(plan, other),
                    crux::text::toml_string(&note)
                )
            })
            .collect();
        if !links.is_empty() {
            let _ = writeln!(out, "{key} = [{}]", links.join(", "));
        }
    }
    if claim.status != "unreviewed" {
        let _ = writeln!(out, "status = \"{}\"", claim.status);
    }
    out.push('\n');
}

// ── Command line ───────────────────────────────────────────────────────────

const USAGE: &str =
    "usage: gen-corpus --docs N --claims M [--seed S] [--doc-kb K] --out DIR [--force]";

/// Parsed command line: parameters, output directory, and `--force`.
pub fn parse_args(args: &[String]) -> Result<(Params, PathBuf, bool), String> {
    let mut params = Params::new(0, 0, 1);
    let mut out = None;
    let mut force = false;
    let mut docs = None;
    let mut claims = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: `{v}` is not a number\n{USAGE}"))
        };
        match arg.as_str() {
            "--docs" => docs = Some(number("--docs", value("--docs")?)? as usize),
            "--claims" => claims = Some(number("--claims", value("--claims")?)? as usize),
            "--seed" => params.seed = number("--seed", value("--seed")?)?,
            "--doc-kb" => {
                params.doc_bytes = number("--doc-kb", value("--doc-kb")?)? as usize * 1000
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--force" => force = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    params.docs = docs
        .filter(|&n| n > 0)
        .ok_or(format!("--docs N (N > 0) is required\n{USAGE}"))?;
    params.claims = claims
        .filter(|&n| n > 1)
        .ok_or(format!("--claims M (M > 1) is required\n{USAGE}"))?;
    let out = out.ok_or(format!("--out DIR is required\n{USAGE}"))?;
    Ok((params, out, force))
}

/// For an existing claims file (the shipped example): writes its quotes to
/// `out/quotes.txt` as the generator does, and its documents' paths to
/// `out/docs.txt`, so that ripgrep can be timed on them.
pub fn extract_quotes(claims: &Path, out: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(claims).map_err(|e| format!("{}: {e}", claims.display()))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", claims.display()))?;
    let base = claims.parent().unwrap_or(Path::new("."));
    let mut docs = String::new();
    for source in table
        .get("sources")
        .and_then(|s| s.as_table())
        .into_iter()
        .flat_map(|t| t.values())
    {
        if let Some(path) = source.get("path").and_then(|p| p.as_str()) {
            docs.push_str(&base.join(path).display().to_string());
            docs.push('\n');
        }
    }
    let mut quotes = String::new();
    let mut count = 0;
    for claim in table
        .get("claims")
        .and_then(|c| c.as_table())
        .into_iter()
        .flat_map(|t| t.values())
    {
        let spans = claim
            .get("spans")
            .and_then(|s| s.as_array())
            .map_or(&[][..], |a| a.as_slice());
        for quote in spans.iter().filter_map(|s| s.get("quote")?.as_str()) {
            let quote = quote.trim();
            if !quote.is_empty() && !quote.contains('\n') {
                quotes.push_str(quote);
                quotes.push('\n');
                count += 1;
            }
        }
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(out.join("quotes.txt"), quotes).map_err(|e| e.to_string())?;
    std::fs::write(out.join("docs.txt"), docs).map_err(|e| e.to_string())?;
    Ok(count)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, claims, out_flag, out] = args.as_slice()
        && flag == "--quotes-of"
        && out_flag == "--out"
    {
        return match extract_quotes(Path::new(claims), Path::new(out)) {
            Ok(n) => {
                eprintln!("{out}: {n} quotes of {claims}");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::from(1)
            }
        };
    }
    let (params, out, force) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let result = if force {
        generate(&params, &out)
    } else {
        ensure(&params, &out)
    };
    match result {
        Ok(summary) if !summary.written => {
            eprintln!("{}: up to date ({})", out.display(), params.stamp().trim());
            std::process::ExitCode::SUCCESS
        }
        Ok(s) => {
            eprintln!(
                "{}: {} documents ({:.1} MB), {} claims, {} spans ({} normalized, {} re-wrapped, {} disambiguated), {} topics, {} relations",
                out.display(),
                s.docs,
                s.doc_bytes as f64 / 1e6,
                s.claims,
                s.spans,
                s.normalized_spans,
                s.rewrapped_spans,
                s.disambiguated_spans,
                s.topics,
                s.relations
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the corpus to {}: {e}", out.display());
            std::process::ExitCode::from(1)
        }
    }
}
