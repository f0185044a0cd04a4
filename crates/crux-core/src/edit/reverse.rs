//! Declaring on a claim a link another claim already declares towards
//! it, with the same note: the link then shows, and reads the same, in
//! both tables. Only symmetric kinds: `refines` and `updates` run one way
//! and declaring them on both sides is an error.

use super::EditError;
use super::doc::model;
use super::links::{declared_between, insert_link};
use crate::model::RelationKind;

/// `text` with `claim`'s side of the `kind` link `other` declares towards
/// it, carrying `other`'s note. Refused unless that is the only
/// declaration between the two.
pub fn declare_reverse_link(
    text: &str,
    claim: &str,
    other: &str,
    kind: RelationKind,
) -> Result<String, EditError> {
    if kind.is_directional() {
        return Err(EditError::Unsupported(format!(
            "`{}` is declared on one side only",
            kind.as_str()
        )));
    }
    let plain = model(text)
        .ok_or_else(|| EditError::Unparsable("the claims file does not parse".to_string()))?;
    let declared = declared_between(&plain, claim, other);
    match declared.as_slice() {
        [one] if one.on == other && one.kind == kind => {
            insert_link(text, claim, other, kind, one.note.as_deref())
        }
        _ => Err(EditError::Unsupported(format!(
            "`{other}` does not declare one `{}` link to `{claim}` alone",
            kind.as_str()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[claims.a]\ntopic = \"t\"\nagrees = [{ claim = \"b\", note = \"same\" }]\n\n[claims.b]\ntopic = \"t\"\n";

    #[test]
    fn the_other_sides_link_is_declared_here_with_its_note_once() {
        let out = declare_reverse_link(TEXT, "b", "a", RelationKind::Agrees).unwrap();
        assert_eq!(
            out,
            format!("{TEXT}agrees = [\n  {{ claim = \"a\", note = \"same\" }},\n]\n")
        );
        assert!(
            declare_reverse_link(&out, "b", "a", RelationKind::Agrees).is_err(),
            "twice"
        );
        assert!(
            declare_reverse_link(TEXT, "b", "a", RelationKind::Contradicts).is_err(),
            "another kind"
        );
        let refines = TEXT.replace("agrees", "refines");
        assert!(declare_reverse_link(&refines, "b", "a", RelationKind::Refines).is_err());
    }
}
