//! Sets of 64-bit digests: what an aggregate remembers of the mentions, articles and outlets it
//! counted, to count each once.
//!
//! A digest is xxh3-64 of the id's text. Two ids of one aggregate share a digest with
//! probability about n²/2⁶⁵ for n ids (1 in 3.7·10¹¹ at 10,000 mentions), and only within that
//! aggregate; the cost is 8 bytes an id instead of the id. The set is a sorted vector: the
//! smallest layout, and it serializes in one order whatever the order of insertion.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Seed of the digests; they are stored in the state records, so it never changes.
const DIGEST_SEED: u64 = 0x6d65_6e74_696f_6e73; // "mentions"

/// The digest of an id.
pub fn digest(id: &str) -> u64 {
    xxh3_64_with_seed(id.as_bytes(), DIGEST_SEED)
}

/// A set of digests, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DigestSet(Vec<u64>);

impl DigestSet {
    /// Adds `digest`; `false` if it was there already.
    pub fn insert(&mut self, digest: u64) -> bool {
        match self.0.binary_search(&digest) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, digest);
                true
            }
        }
    }

    /// How many digests the set holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the digests are strictly increasing, as a set read from a record must be.
    pub fn is_sorted_set(&self) -> bool {
        self.0.windows(2).all(|w| w[0] < w[1])
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.0.capacity() * std::mem::size_of::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_counted_once_and_the_set_stays_sorted_whatever_the_order() {
        let mut forward = DigestSet::default();
        let mut backward = DigestSet::default();
        let ids = ["a", "b", "c", "d"].map(digest);
        for &d in &ids {
            assert!(forward.insert(d));
        }
        for &d in ids.iter().rev() {
            assert!(backward.insert(d));
        }
        assert!(!forward.insert(ids[2]), "a second insert is refused");
        assert_eq!(forward, backward);
        assert_eq!(forward.len(), 4);
        assert!(forward.is_sorted_set());
    }
}
