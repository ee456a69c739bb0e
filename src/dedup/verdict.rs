//! Verdicts, and the similarity estimates that verify an LSH candidate before one is given.

use crate::model::ArticleId;

use super::fingerprint::Sketch;

/// Whether an article was seen before.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not seen.
    New,
    /// Same id, canonical URL or body as `of`.
    ExactDuplicate {
        /// The original.
        of: ArticleId,
    },
    /// Near-identical body to `of`.
    NearDuplicate {
        /// The original.
        of: ArticleId,
        /// Estimated Jaccard similarity of the two bodies' shingle sets, 0 to 1 (a truncated
        /// copy is caught by containment and may show less than the Jaccard threshold).
        similarity: f64,
    },
}

impl Verdict {
    /// Whether the verdict is a duplicate of either kind.
    pub fn is_duplicate(&self) -> bool {
        !matches!(self, Verdict::New)
    }

    /// The original, for a duplicate.
    pub fn original(&self) -> Option<&ArticleId> {
        match self {
            Verdict::New => None,
            Verdict::ExactDuplicate { of } | Verdict::NearDuplicate { of, .. } => Some(of),
        }
    }
}

/// Estimated resemblance of two sketched bodies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    /// Estimated Jaccard similarity of the shingle sets.
    pub jaccard: f64,
    /// Estimated fraction of the smaller set contained in the larger.
    pub containment: f64,
}

/// Chance that two different MinHash values agree on their stored byte.
const BYTE_COLLISION: f64 = 1.0 / 256.0;

/// Estimates similarity from one-byte signatures and shingle counts.
///
/// The fraction `m` of agreeing bytes is `J + (1 - J) / 256` in expectation (b-bit MinHash), so
/// `J = (m - 1/256) / (1 - 1/256)`. The intersection is `J (|A| + |B|) / (1 + J)`, and
/// containment is the intersection over the smaller set.
pub fn estimate(a: &[u8], b: &[u8], shingles_a: u16, shingles_b: u16) -> Similarity {
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let fraction = agree as f64 / a.len().max(1) as f64;
    let jaccard = ((fraction - BYTE_COLLISION) / (1.0 - BYTE_COLLISION)).clamp(0.0, 1.0);
    let (na, nb) = (f64::from(shingles_a), f64::from(shingles_b));
    let intersection = jaccard * (na + nb) / (1.0 + jaccard);
    let containment = (intersection / na.min(nb).max(1.0)).min(1.0);
    Similarity {
        jaccard,
        containment,
    }
}

/// Similarity of two full sketches (all 32 bits of each minimum), for diagnostics and
/// evaluation; the index itself compares one byte per minimum ([`estimate`]).
pub fn sketch_similarity(a: &Sketch, b: &Sketch) -> Similarity {
    let agree = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y)
        .count();
    let jaccard = agree as f64 / a.minhash.len().max(b.minhash.len()).max(1) as f64;
    let (na, nb) = (f64::from(a.shingles), f64::from(b.shingles));
    let intersection = jaccard * (na + nb) / (1.0 + jaccard);
    Similarity {
        jaccard,
        containment: (intersection / na.min(nb).max(1.0)).min(1.0),
    }
}

/// The verification thresholds (see the config keys of the same names).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Near duplicate at or above this Jaccard estimate.
    pub jaccard: f64,
    /// Near duplicate at or above this containment estimate...
    pub containment: f64,
    /// ...if the Jaccard estimate reaches this too.
    pub containment_min_jaccard: f64,
}

impl Thresholds {
    /// Whether an estimate makes a near duplicate.
    pub fn accepts(&self, similarity: Similarity) -> bool {
        similarity.jaccard >= self.jaccard
            || (similarity.containment >= self.containment
                && similarity.jaccard >= self.containment_min_jaccard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_signatures_are_jaccard_one() {
        let s = [1u8, 2, 3, 4];
        let sim = estimate(&s, &s, 100, 100);
        assert_eq!(sim.jaccard, 1.0);
        assert_eq!(sim.containment, 1.0);
    }

    #[test]
    fn disjoint_signatures_are_zero() {
        let sim = estimate(&[1, 2, 3, 4], &[5, 6, 7, 8], 100, 100);
        assert_eq!(sim.jaccard, 0.0);
    }

    #[test]
    fn a_subset_at_sixty_percent_is_fully_contained() {
        // Jaccard 0.6 between a body and its first 60%: 6 of 10 bytes agree (to within the
        // byte-collision correction).
        let a = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let b = [1u8, 2, 3, 4, 5, 6, 70, 80, 90, 100];
        let sim = estimate(&a, &b, 1000, 600);
        assert!((sim.jaccard - 0.6).abs() < 0.01, "{sim:?}");
        assert!(sim.containment > 0.99, "{sim:?}");
    }

    #[test]
    fn thresholds_accept_either_measure() {
        let t = Thresholds {
            jaccard: 0.5,
            containment: 0.8,
            containment_min_jaccard: 0.3,
        };
        let sim = |jaccard, containment| Similarity {
            jaccard,
            containment,
        };
        assert!(t.accepts(sim(0.5, 0.6)));
        assert!(t.accepts(sim(0.3, 0.8)));
        assert!(!t.accepts(sim(0.49, 0.79)));
        assert!(!t.accepts(sim(0.2, 0.95)), "quoted whole in a longer story");
    }
}
