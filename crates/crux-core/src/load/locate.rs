//! Where one claim's status is written, found by parsing the claims file
//! alone: what a load would record in `Claim::status_value` and
//! `Claim::status_after`, for a front end that holds no loaded dataset.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::model::Status;

/// Claim `id`'s status in `text` and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusPlace {
    /// As a load reads it: unreviewed when absent or not a known status.
    pub status: Status,
    /// The `status` string value.
    pub value: Option<Range<usize>>,
    /// Without a status: the value a status line goes after.
    pub after: Option<Range<usize>>,
}

/// `None` when `text` is not valid TOML or has no `[claims.<id>]` table.
pub(crate) fn status_place(text: &str, id: &str) -> Option<StatusPlace> {
    let root = DeTable::parse(text).ok()?;
    let DeValue::Table(claims) = root.get_ref().get("claims")?.get_ref() else {
        return None;
    };
    let (key, table) = claims
        .iter()
        .find(|(key, _)| key.get_ref().as_ref() == id)?;
    let DeValue::Table(table) = table.get_ref() else {
        return None;
    };
    let string = table.get("status").and_then(|value| match value.get_ref() {
        DeValue::String(s) => Some((Status::parse(s), value.span())),
        _ => None,
    });
    Some(match string {
        Some((status, value)) => StatusPlace {
            status: status.unwrap_or_default(),
            value: Some(value),
            after: None,
        },
        None => StatusPlace {
            status: Status::default(),
            value: None,
            after: super::claim_tables::last_value_of_table(text, table, &key.span()),
        },
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_place_is_the_one_a_load_records() {
        let text = "[claims.a]\ntopic = \"t\"\nstatus = 'disputed' # why\n\n\
                    [claims.\"b c\"]\ntopic = \"t\"\ntext = \"\"\"x\n[claims.d]\"\"\"\n\n\
                    [claims]\nd = { topic = \"t\" }\n";
        let dataset = crate::load::str_without_documents(Path::new("claims.toml"), text);
        for claim in &dataset.claims {
            let place = status_place(text, &claim.id).unwrap();
            assert_eq!(place.status, claim.status, "{}", claim.id);
            assert_eq!(place.value, claim.status_value, "{}", claim.id);
            assert_eq!(place.after, claim.status_after, "{}", claim.id);
        }
        assert_eq!(
            status_place(text, "b c").unwrap().after.map(|r| &text[r]),
            Some("\"\"\"x\n[claims.d]\"\"\"")
        );
        assert_eq!(
            status_place(text, "a").unwrap().value.map(|r| &text[r]),
            Some("'disputed'")
        );
        assert_eq!(status_place(text, "zz"), None);
        assert_eq!(status_place("[claims.a\n", "a"), None);
    }
}
