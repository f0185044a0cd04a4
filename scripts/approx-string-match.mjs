// Times the approx-string-match package (the search web annotators use)
// on one quote in one document: `node approx-string-match.mjs DOC QUOTE SHARE`
// searches with up to SHARE of the quote's length in errors and prints
// "seconds matches best_errors". The document is read before the clock
// starts; `cargo run --release --example anchor-one -- DOC QUOTE` times
// crux's anchoring of the same quote the same way, to set beside it.
import { readFileSync } from "node:fs";
import search from "approx-string-match";

const [doc, quote, share] = process.argv.slice(2);
const text = readFileSync(doc, "utf8");
const start = process.hrtime.bigint();
const matches = search(text, quote, Math.floor(quote.length * Number(share)));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const best = matches.reduce((min, m) => Math.min(min, m.errors), Infinity);
console.log(`${seconds.toFixed(3)} ${matches.length} ${best}`);
