//! Results that arrive in any order, handed on in a set order as soon as
//! every one before them has arrived, so that only those that came early
//! wait rather than all of them.

use std::collections::HashMap;
use std::hash::Hash;

pub(super) struct InOrder<K, T> {
    order: Vec<K>,
    next: usize,
    early: HashMap<K, T>,
}

impl<K: Hash + Eq, T> InOrder<K, T> {
    /// Results to hand on in the order of their keys in `order`.
    pub fn new(order: Vec<K>) -> Self {
        InOrder {
            order,
            next: 0,
            early: HashMap::new(),
        }
    }

    /// The result keyed `key` has arrived: hands on to `ready`, in order,
    /// every result no longer waiting for one before it.
    pub fn arrive(&mut self, key: K, item: T, mut ready: impl FnMut(T)) {
        self.early.insert(key, item);
        while let Some(item) = self.order.get(self.next).and_then(|k| self.early.remove(k)) {
            ready(item);
            self.next += 1;
        }
    }

    /// How many results wait for one before them.
    #[cfg(test)]
    fn waiting(&self) -> usize {
        self.early.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_result_is_handed_on_once_all_before_it_have_arrived() {
        let mut in_order = InOrder::new(vec!['a', 'b', 'c', 'd']);
        let mut handed = Vec::new();
        in_order.arrive('b', 2, |n| handed.push(n));
        in_order.arrive('d', 4, |n| handed.push(n));
        assert_eq!((handed.clone(), in_order.waiting()), (vec![], 2));
        in_order.arrive('a', 1, |n| handed.push(n));
        assert_eq!((handed.clone(), in_order.waiting()), (vec![1, 2], 1));
        in_order.arrive('c', 3, |n| handed.push(n));
        assert_eq!((handed, in_order.waiting()), (vec![1, 2, 3, 4], 0));
    }

    #[test]
    fn results_arriving_in_order_never_wait() {
        let mut in_order = InOrder::new((0..100).collect());
        let mut handed = 0;
        for n in 0..100 {
            in_order.arrive(n, n, |got| {
                assert_eq!(got, handed);
                handed += 1;
            });
            assert_eq!(in_order.waiting(), 0);
        }
        assert_eq!(handed, 100);
    }
}
