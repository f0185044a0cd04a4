//! Places the verbatim quotes of claims in their source text.

mod normalize;

pub use normalize::{NormalizedText, normalize};
