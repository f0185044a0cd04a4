//! The corpora benchmarks run on, generated on first use into
//! `target/bench-corpus/` by the same code as `cargo run --example gen-corpus`
//! (and reused while their parameters stay the same).
#![allow(dead_code)]

#[path = "../../examples/gen-corpus.rs"]
mod gen_corpus;

use std::path::PathBuf;

/// The medium corpus's claims file: 100 documents of 50 KB, 1,000 claims.
pub fn medium() -> PathBuf {
    corpus("medium", gen_corpus::Params::new(100, 1000, 1))
}

/// The large corpus's claims file: 1,000 documents of 50 KB, 10,000 claims
/// (the same files `scripts/bench.sh` uses).
pub fn large() -> PathBuf {
    corpus("large", gen_corpus::Params::new(1000, 10000, 1))
}

fn corpus(name: &str, params: gen_corpus::Params) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(name);
    gen_corpus::ensure(&params, &dir).expect("generate the corpus");
    dir.join("claims.toml")
}
