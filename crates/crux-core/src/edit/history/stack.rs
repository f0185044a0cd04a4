//! The undo stack, kept small. Each entry's base is the claims file as the
//! save it undoes left it, so consecutive bases differ where one save (and
//! whatever was changed on disk between two saves) changed them: only the
//! newest base is held whole, shared with whoever else holds that text,
//! and each older one as the bytes where it differs from the one above it.

use super::Change;
use crate::edit::Edit;
use crate::edit::follow::Difference;
use crate::shared_text::SharedText;

#[derive(Debug, Default)]
pub(super) struct UndoStack {
    top: Option<Change>,
    /// Oldest first; each patch rebuilds that entry's base from the base
    /// of the entry above it.
    below: Vec<(Edit, Patch)>,
}

impl UndoStack {
    pub fn push(&mut self, change: Change) {
        if let Some(above) = self.top.take() {
            let patch = Patch::between(&change.base, &above.base);
            self.below.push((above.edit, patch));
        }
        self.top = Some(change);
    }

    pub fn pop(&mut self) -> Option<Change> {
        let top = self.top.take()?;
        self.top = self.below.pop().map(|(edit, patch)| Change {
            edit,
            base: patch.rebuild(&top.base),
        });
        Some(top)
    }

    pub fn top(&self) -> Option<&Change> {
        self.top.as_ref()
    }

    pub fn len(&self) -> usize {
        self.below.len() + usize::from(self.top.is_some())
    }
}

/// An older text as a newer one with `newer[start..end]` replaced by `middle`.
#[derive(Debug)]
struct Patch {
    start: usize,
    end: usize,
    middle: Box<str>,
}

impl Patch {
    fn between(newer: &str, older: &str) -> Patch {
        let d = Difference::between(older, newer);
        // The bytes around the difference are the same in both texts, so a
        // character boundary in one is one in the other.
        let start = crate::text::floor_char_boundary(older, d.start);
        let past = (0..)
            .find(|&n| older.is_char_boundary(d.old_end + n))
            .unwrap_or(0);
        let (old_end, new_end) = (d.old_end + past, d.new_end + past);
        match (
            older.get(start..old_end),
            newer.get(..start),
            newer.get(new_end..),
        ) {
            (Some(middle), Some(_), Some(_)) => Patch {
                start,
                end: new_end,
                middle: middle.into(),
            },
            _ => Patch {
                start: 0,
                end: newer.len(),
                middle: older.into(),
            },
        }
    }

    /// The older text again, from the very `newer` text this was made against.
    fn rebuild(&self, newer: &str) -> SharedText {
        let (before, after) = (&newer[..self.start], &newer[self.end..]);
        let mut text = String::with_capacity(before.len() + self.middle.len() + after.len());
        text.push_str(before);
        text.push_str(&self.middle);
        text.push_str(after);
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn change(claim: &str, base: &str) -> Change {
        Change {
            edit: Edit::SetStatus {
                claim: claim.into(),
                status: Status::Unreviewed,
            },
            base: base.into(),
        }
    }

    #[test]
    fn bases_come_back_byte_for_byte_newest_first() {
        let texts = [
            "a = \"é\"\nb = 1\r\n",
            "a = \"è\"\nb = 1\r\n",
            "a = \"è\"\nb = 22\r\n",
            "",
            "\u{feff}x",
            "\u{feff}x",
            "a = \"日本\"\nb = 22\r\n",
            "a = \"日本語\"\nb = 22\r\n",
        ];
        let mut stack = UndoStack::default();
        for (i, text) in texts.iter().enumerate() {
            stack.push(change(&i.to_string(), text));
        }
        assert_eq!(stack.len(), texts.len());
        for (i, text) in texts.iter().enumerate().rev() {
            assert_eq!(stack.pop(), Some(change(&i.to_string(), text)));
        }
        assert_eq!(stack.pop(), None);
        assert_eq!(stack.len(), 0);
    }

    #[test]
    fn an_older_base_keeps_only_the_bytes_where_it_differs() {
        let old = "x".repeat(10_000) + "status = \"unreviewed\"" + &"y".repeat(10_000);
        let new = old.replace("unreviewed", "confirmed");
        let mut stack = UndoStack::default();
        stack.push(change("a", &old));
        stack.push(change("b", &new));
        let (_, patch) = &stack.below[0];
        assert!(patch.middle.len() <= "unreviewed".len(), "{patch:?}");
        assert_eq!(stack.pop().unwrap().base.as_ref(), new);
        assert_eq!(stack.pop().unwrap().base.as_ref(), old);
    }

    #[test]
    fn a_difference_inside_a_character_keeps_the_whole_character() {
        // "é" is C3 A9 and "ê" C3 AA: the bytes differ inside the character.
        let patch = Patch::between("café!", "cafê!");
        assert_eq!(&*patch.middle, "ê");
        assert_eq!(&*patch.rebuild("café!"), "cafê!");
        // "©" is C2 A9: only the first byte differs, the second is shared.
        let patch = Patch::between("x©y", "xéy");
        assert_eq!(&*patch.middle, "é");
        assert_eq!(&*patch.rebuild("x©y"), "xéy");
    }
}
