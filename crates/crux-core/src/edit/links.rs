//! Adding and removing the links between two claims.

use toml_edit::Value;

use super::EditError;
use super::doc::{Container, Splice, claim, claim_in, claim_mut, model, parse, splice_all, verify};
use super::entries::{append_to_array, insert_entry, remove_entry, remove_from_array};
use crate::model::RelationKind;
use crate::text::toml_string;

/// A link as one claim's table declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Declared {
    pub on: String,
    pub other: String,
    pub kind: RelationKind,
    pub note: Option<String>,
}

/// Every declaration of a link between `a` and `b`, on either side.
pub(super) fn declared_between(model: &toml::Table, a: &str, b: &str) -> Vec<Declared> {
    let mut found = Vec::new();
    for (on, other) in [(a, b), (b, a)] {
        let Some(table) = claim_in(model, on) else {
            continue;
        };
        for kind in RelationKind::ALL {
            let entries = table.get(kind.as_str()).and_then(toml::Value::as_array);
            for entry in entries.into_iter().flatten() {
                if let Some((target, note)) = target_of(entry)
                    && target == other
                {
                    found.push(Declared {
                        on: on.to_string(),
                        other: other.to_string(),
                        kind,
                        note: note.map(str::to_string),
                    });
                }
            }
        }
        if a == b {
            break;
        }
    }
    found
}

/// The claim ids `model` links to `id`, from claims other than `id`.
pub(super) fn linking_to(model: &toml::Table, id: &str) -> Vec<String> {
    let Some(claims) = model.get("claims").and_then(toml::Value::as_table) else {
        return Vec::new();
    };
    claims
        .iter()
        .filter(|(other, _)| other.as_str() != id)
        .filter(|(other, _)| !declared_between(model, other, id).is_empty())
        .map(|(other, _)| other.clone())
        .collect()
}

fn target_of(entry: &toml::Value) -> Option<(&str, Option<&str>)> {
    match entry {
        toml::Value::String(id) => Some((id, None)),
        toml::Value::Table(t) => Some((
            t.get("claim")?.as_str()?,
            t.get("note").and_then(toml::Value::as_str),
        )),
        _ => None,
    }
}

fn target_in_file(entry: &Value) -> Option<&str> {
    match entry {
        Value::String(_) => entry.as_str(),
        Value::InlineTable(t) => t.get("claim")?.as_str(),
        _ => None,
    }
}

pub(super) fn add_link(
    text: &str,
    claim_id: &str,
    other: &str,
    kind: RelationKind,
    note: Option<&str>,
) -> Result<String, EditError> {
    let unsupported = |why: String| Err(EditError::Unsupported(why));
    parse(text)?;
    let plain = model(text).unwrap_or_default();
    if claim_in(&plain, claim_id).is_none() {
        return Err(EditError::NoSuchClaim(claim_id.to_string()));
    }
    if claim_id == other {
        return unsupported(format!("a claim cannot be linked to itself (`{claim_id}`)"));
    }
    if claim_in(&plain, other).is_none() {
        return unsupported(format!("there is no claim `{other}` to link to"));
    }
    if let Some(existing) = declared_between(&plain, claim_id, other).first() {
        return unsupported(format!(
            "`{claim_id}` and `{other}` are already linked ({}, declared on `{}`)",
            existing.kind.as_str(),
            existing.on
        ));
    }
    insert_link(text, claim_id, other, kind, note)
}

/// `text` with the link written on `claim_id`'s side, whatever is declared
/// already; the caller has checked that both claims exist.
pub(super) fn insert_link(
    text: &str,
    claim_id: &str,
    other: &str,
    kind: RelationKind,
    note: Option<&str>,
) -> Result<String, EditError> {
    let doc = parse(text)?;
    let item = claim(&doc, claim_id).ok_or_else(|| EditError::NoSuchClaim(claim_id.into()))?;
    let table = Container::of(item).ok_or_else(|| {
        EditError::Unsupported(format!("claim `{claim_id}` has no table of its own"))
    })?;
    let entry = match note {
        None => toml_string(other),
        Some(note) => format!(
            "{{ claim = {}, note = {} }}",
            toml_string(other),
            toml_string(note)
        ),
    };
    let key = kind.as_str();
    let splices: Result<Vec<Splice>, String> = match (table.value(key), table.item(key)) {
        (Some(Value::Array(array)), _) => append_to_array(text, array, &entry),
        (Some(_), _) | (None, Some(_)) => Err(format!("`{key}` is not written as an array")),
        (None, None) => insert_entry(text, table, key, |indent, eol| match table {
            Container::Table(_) => format!("[{eol}{indent}  {entry},{eol}{indent}]"),
            _ => format!("[{entry}]"),
        })
        .map(|splice| vec![splice]),
    };
    let splices =
        splices.map_err(|why| EditError::Unsupported(format!("claim `{claim_id}`: {why}")))?;
    verify(text, splice_all(text, splices), |model| {
        let Some(claim) = claim_mut(model, claim_id) else {
            return;
        };
        let value = match note {
            None => toml::Value::from(other),
            Some(note) => {
                let mut t = toml::Table::new();
                t.insert("claim".into(), other.into());
                t.insert("note".into(), note.into());
                toml::Value::Table(t)
            }
        };
        let array = claim
            .entry(key)
            .or_insert_with(|| toml::Value::Array(Vec::new()));
        if let Some(array) = array.as_array_mut() {
            array.push(value);
        }
    })
}

pub(super) fn remove_link(
    text: &str,
    claim_id: &str,
    other: &str,
    kind: RelationKind,
) -> Result<String, EditError> {
    let doc = parse(text)?;
    if claim(&doc, claim_id).is_none() {
        return Err(EditError::NoSuchClaim(claim_id.to_string()));
    }
    let key = kind.as_str();
    let mut splices = Vec::new();
    for (on, target) in [(claim_id, other), (other, claim_id)] {
        let Some(table) = claim(&doc, on).and_then(Container::of) else {
            continue;
        };
        let Some(Value::Array(array)) = table.value(key) else {
            continue;
        };
        let matching: Vec<_> = array
            .iter()
            .filter(|entry| target_in_file(entry) == Some(target))
            .filter_map(Value::span)
            .collect();
        if matching.is_empty() {
            continue;
        }
        if matching.len() == array.len() {
            let removed = remove_entry(text, table, key)
                .map_err(|why| EditError::Unsupported(format!("claim `{on}`: {why}")))?;
            splices.extend(removed);
        } else {
            splices.extend(remove_from_array(text, &matching));
        }
        if claim_id == other {
            break;
        }
    }
    if splices.is_empty() {
        return Err(EditError::Unsupported(format!(
            "no `{key}` link between `{claim_id}` and `{other}` is declared"
        )));
    }
    verify(text, splice_all(text, splices), |model| {
        for (on, target) in [(claim_id, other), (other, claim_id)] {
            let Some(claim) = claim_mut(model, on) else {
                continue;
            };
            let Some(array) = claim.get_mut(key).and_then(toml::Value::as_array_mut) else {
                continue;
            };
            let before = array.len();
            array.retain(|entry| target_of(entry).map(|(id, _)| id) != Some(target));
            if array.is_empty() && before > 0 {
                claim.remove(key);
            }
        }
    })
}
