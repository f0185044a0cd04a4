//! Links between imported (or existing) claims: a W3C `linking`
//! annotation becomes one link, declared on its first target's claim.

use std::collections::HashMap;

use super::Link;
use super::w3c::crux_span;
use crate::diag::{Code, Diagnostic};
use crate::edit::Edit;
use crate::export::kind_named;
use crate::model::{Dataset, RelationKind};

pub(super) fn link_edit(
    dataset: &Dataset,
    link: &Link,
    claim_of_iri: &HashMap<String, String>,
    linked: &mut HashMap<(String, String), (RelationKind, String)>,
) -> Result<Option<Edit>, Diagnostic> {
    let fail = |code, message: String| {
        let mut d = Diagnostic::new(code, format!("{}: {message}", link.name));
        d.span = link.at.clone();
        d
    };
    let Some(kind) = link.tags.iter().find_map(|t| kind_named(t)) else {
        return Err(fail(
            Code::InvalidValue,
            "its tags name no relation crux knows (agrees, contradicts, refines, updates, rivals, contrasts)".into(),
        ));
    };
    let [from, to] = link.targets.as_slice() else {
        return Err(fail(
            Code::InvalidValue,
            format!(
                "it links {} annotations; crux links two",
                link.targets.len()
            ),
        ));
    };
    let claim = |iri: &String| {
        claim_of_iri.get(iri).cloned().or_else(|| {
            let (id, _) = crux_span(iri)?;
            dataset.claim(&id).map(|_| id)
        })
    };
    let (Some(a), Some(b)) = (claim(from), claim(to)) else {
        let missing = if claim(from).is_none() { from } else { to };
        return Err(fail(
            Code::UnknownClaim,
            format!("it links `{missing}`, which was not imported and is not in the claims file"),
        ));
    };
    if a == b {
        return Err(fail(
            Code::SelfLink,
            format!("both its ends are claim `{a}`"),
        ));
    }
    let pair = if a < b {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    };
    let existing = match (dataset.claim_index(&a), dataset.claim_index(&b)) {
        (Some(i), Some(j)) => dataset
            .relations_of(i)
            .find(|(_, other)| *other == j)
            .map(|(r, _)| (r.kind, dataset.claims[r.from].id.clone())),
        _ => None,
    };
    // An earlier link of this import, or one in the file, on the same pair.
    let earlier = match existing {
        Some(found) => Some(found),
        None => linked.get(&pair).cloned(),
    };
    match earlier {
        None => {}
        Some((found, by)) if found == kind && (!kind.is_directional() || by == a) => {
            return Ok(None);
        }
        Some((found, by)) => {
            let how = if found == kind {
                format!("the other way (`{by}` {} it)", found.as_str())
            } else {
                format!("as `{}`", found.as_str())
            };
            return Err(fail(
                Code::AgreesAndContradicts,
                format!("`{a}` and `{b}` are already linked {how}; left as they are"),
            ));
        }
    }
    linked.insert(pair, (kind, a.clone()));
    Ok(Some(Edit::AddLink {
        claim: a,
        other: b,
        kind,
        note: link.note.clone(),
    }))
}
