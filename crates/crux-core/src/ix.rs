//! Typed indices into a dataset's tables, so a claim's index can never be
//! used where a source's or a relation's is expected. Each indexes its own
//! table directly:
//!
//! ```
//! use crux_core::{Dataset, ix::{ClaimIx, SourceIx}};
//! fn ids(d: &Dataset, c: ClaimIx, s: SourceIx) -> (&str, &str) {
//!     (&d.claims[c].id, &d.sources[s].id)
//! }
//! ```
//!
//! and no other:
//!
//! ```compile_fail,E0277
//! use crux_core::{Dataset, ix::{ClaimIx, SourceIx}};
//! fn ids(d: &Dataset, c: ClaimIx, s: SourceIx) -> (&str, &str) {
//!     (&d.claims[s].id, &d.sources[c].id)
//! }
//! ```

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use crate::model::{Claim, Party, Period, Relation, Source, Topic};

macro_rules! typed_index {
    ($(#[$doc:meta])* $name:ident => $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// Every index of a table of `len` entries, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                (0..len).map(Self)
            }
        }

        impl TypedIndex for $name {
            fn new(index: usize) -> Self {
                Self(index)
            }
            fn get(self) -> usize {
                self.0
            }
        }

        impl Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.0]
            }
        }

        impl IndexMut<$name> for [$item] {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.0]
            }
        }

        impl Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.0]
            }
        }

        impl IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.0]
            }
        }
    };
}

typed_index!(
    /// A claim: an index into `Dataset::claims`.
    ClaimIx => Claim
);
typed_index!(
    /// A source: an index into `Dataset::sources`.
    SourceIx => Source
);
typed_index!(
    /// A topic: an index into `Dataset::topics`.
    TopicIx => Topic
);
typed_index!(
    /// A party: an index into `Dataset::parties`.
    PartyIx => Party
);
typed_index!(
    /// A named period: an index into `Dataset::periods`.
    PeriodIx => Period
);
typed_index!(
    /// A link: an index into `Dataset::relations`.
    RelationIx => Relation
);

/// Enumerates a table with its typed indices.
pub fn enumerate<Ix, T>(
    items: &[T],
    ix: impl Fn(usize) -> Ix,
) -> impl DoubleEndedIterator<Item = (Ix, &T)> + ExactSizeIterator {
    items.iter().enumerate().map(move |(i, item)| (ix(i), item))
}

/// What [`Table`] needs of an index type.
pub trait TypedIndex: Copy {
    fn new(index: usize) -> Self;
    fn get(self) -> usize;
}

/// Data kept beside one of a dataset's tables, one entry per row and
/// indexed by that table's index type: per source, its document's
/// placed quotes; per claim, whether a filter keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<I, T> {
    items: Vec<T>,
    index: PhantomData<fn(I)>,
}

impl<I: TypedIndex, T> Table<I, T> {
    /// `len` entries, each `value`.
    pub fn filled(len: usize, value: T) -> Self
    where
        T: Clone,
    {
        vec![value; len].into_iter().collect()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn get(&self, ix: I) -> Option<&T> {
        self.items.get(ix.get())
    }
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }
    /// Every entry with its index.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, item)| (I::new(i), item))
    }
}

impl<I, T> Default for Table<I, T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            index: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        Table {
            items: items.into_iter().collect(),
            index: PhantomData,
        }
    }
}

impl<'a, I, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, I, T> IntoIterator for &'a mut Table<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}

impl<I: TypedIndex, T> Index<I> for Table<I, T> {
    type Output = T;
    fn index(&self, ix: I) -> &T {
        &self.items[ix.get()]
    }
}

impl<I: TypedIndex, T> IndexMut<I> for Table<I, T> {
    fn index_mut(&mut self, ix: I) -> &mut T {
        &mut self.items[ix.get()]
    }
}
