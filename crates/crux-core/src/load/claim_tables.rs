//! The claim tables read on every core: a claim is read from its own
//! table alone, so parts of the file's claims are read at once and put
//! back in file order, which gives what reading them one by one gives.

use std::ops::Range;

use toml::de::DeTable;

use super::references::RelationEntry;
use crate::beside::{CLAIMS_PER_THREAD, at_once};
use crate::diag::Diagnostic;
use crate::ix::ClaimIx;
use crate::model::Claim;

/// Claim tables read in file order, with the links and diagnostics they
/// give, in that order.
pub struct ClaimTables {
    pub claims: Vec<Claim>,
    pub relations: Vec<RelationEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A claim table: its id, its table and its header's place.
type Table<'t, 'i> = (&'t str, &'t DeTable<'i>, Range<usize>);

/// `tables` read on every core, in parts whose results come in file order.
pub fn read(file: &str, tables: &[Table<'_, '_>]) -> Vec<ClaimTables> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    read_in(file, tables, cores.min(tables.len() / CLAIMS_PER_THREAD))
}

/// [`read`] in `parts` parts.
fn read_in(file: &str, tables: &[Table<'_, '_>], parts: usize) -> Vec<ClaimTables> {
    let parts = parts.max(1);
    let per_part = tables.len().div_ceil(parts).max(1);
    let read = |first: usize, part: &[Table<'_, '_>]| {
        let mut read = ClaimTables {
            claims: Vec::with_capacity(part.len()),
            relations: Vec::new(),
            diagnostics: Vec::new(),
        };
        for (n, (key, table, header)) in part.iter().enumerate() {
            read.claims.push(super::read_claim_table(
                file,
                key,
                table,
                header.clone(),
                ClaimIx(first + n),
                &mut read.relations,
                &mut read.diagnostics,
            ));
        }
        read
    };
    let parts = tables.chunks(per_part).enumerate();
    at_once(parts.map(|(n, part)| move || read(n * per_part, part)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Claims with what gives links and diagnostics: unknown keys, wrong
    /// types, bad statuses, links to claims before and after.
    fn file(claims: usize) -> String {
        let mut text = String::new();
        for n in 0..claims {
            text.push_str(&format!(
                "[claims.c{n}]\ntopic = \"t\"\ntext = \"claim {n}\"\n\
                 spans = [{{ source = \"s\", quote = \"q{n}\" }}]\n\
                 contradicts = [\"c{}\", {{ claim = \"c{}\", note = \"n\" }}]\n",
                n + 1,
                n.saturating_sub(1)
            ));
            match n % 5 {
                0 => text.push_str("status = \"maybe\"\n"),
                1 => text.push_str("colour = \"red\"\n"),
                2 => text.push_str("note = 3\n"),
                _ => {}
            }
        }
        text
    }

    /// What `parts` parts read, as text, and the claim each link is from.
    fn read_all(text: &str, parts: usize) -> (String, Vec<usize>) {
        let (root, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty(), "{errors:?}");
        let Some(toml::de::DeValue::Table(claims)) =
            root.get_ref().get("claims").map(|v| v.get_ref())
        else {
            panic!("no claims table");
        };
        let tables: Vec<Table<'_, '_>> = claims
            .iter()
            .map(|(key, value)| match value.get_ref() {
                toml::de::DeValue::Table(t) => (key.get_ref().as_ref(), t, key.span()),
                _ => panic!("not a table"),
            })
            .collect();
        let read = read_in(text, &tables, parts);
        assert_eq!(read.len(), parts, "read in {parts} parts");
        let claims: Vec<_> = read.iter().flat_map(|r| &r.claims).collect();
        let relations: Vec<_> = read.iter().flat_map(|r| &r.relations).collect();
        let diagnostics: Vec<_> = read.iter().flat_map(|r| &r.diagnostics).collect();
        let from = relations.iter().map(|r| r.from.0).collect();
        (
            format!("{claims:#?}\n{relations:#?}\n{diagnostics:#?}"),
            from,
        )
    }

    #[test]
    fn claims_read_in_parts_are_what_one_part_reads() {
        let text = file(40);
        let whole = read_all(&text, 1);
        assert!(whole.0.contains("not a review status") && whole.0.contains("colour"));
        let two_per_claim: Vec<usize> = (0..40).flat_map(|n| [n, n]).collect();
        assert_eq!(whole.1, two_per_claim, "each link is from its claim");
        for parts in [2, 3, 7] {
            assert_eq!(read_all(&text, parts), whole, "{parts} parts");
        }
    }
}
