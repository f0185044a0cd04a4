//! Setting a claim's text or note.

use super::EditError;
use super::doc::{Container, claim, claim_mut, parse, splice_all, verify};
use super::entries::set_string;

/// `text` with claim `claim_id`'s string `key` set to `value`, or removed
/// when `value` is `None` (its whole line, same-line comment included).
pub(super) fn set_claim_string(
    text: &str,
    claim_id: &str,
    key: &str,
    value: Option<&str>,
) -> Result<String, EditError> {
    let doc = parse(text)?;
    let item = claim(&doc, claim_id).ok_or_else(|| EditError::NoSuchClaim(claim_id.into()))?;
    let table = Container::of(item).ok_or_else(|| {
        EditError::Unsupported(format!("claim `{claim_id}` has no table of its own"))
    })?;
    let splices = set_string(text, table, key, value)
        .map_err(|why| EditError::Unsupported(format!("claim `{claim_id}`: {why}")))?;
    verify(text, splice_all(text, splices), |model| {
        if let Some(claim) = claim_mut(model, claim_id) {
            match value {
                Some(value) => claim.insert(key.to_string(), value.into()),
                None => claim.remove(key),
            };
        }
    })
}
