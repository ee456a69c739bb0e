//! LSH banding: the MinHash sketch cut into bands, each hashed to one 32-bit key.
//!
//! Two sketches whose Jaccard similarity is `J` share at least one band key with probability
//! `1 - (1 - J^rows)^bands`: articles sharing one are *candidates*, verified afterwards on the
//! compact signature. Keys are versioned with the sketch ([`super::fingerprint::SCHEME`]).

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Seed of band hashing; the band index is added to it so equal rows in different bands differ.
const BAND_SEED: u64 = 0x6465_6475_7062_616e; // "dedupban"

/// The shape of the banding: how many bands of how many rows of the sketch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    /// Number of bands.
    pub bands: usize,
    /// Sketch rows per band.
    pub rows: usize,
}

impl Banding {
    /// The key of each band of `minhash`, which must have at least `bands * rows` rows.
    pub fn keys<'a>(&self, minhash: &'a [u32]) -> impl Iterator<Item = u64> + 'a {
        let rows = self.rows;
        minhash
            .chunks_exact(rows)
            .take(self.bands)
            .enumerate()
            .map(|(band, chunk)| band_key(band, chunk))
    }

    /// The sketch rows of band `band`.
    pub fn rows_of(&self, band: usize) -> std::ops::Range<usize> {
        band * self.rows..(band + 1) * self.rows
    }

    /// Probability that two sketches with Jaccard similarity `jaccard` share a band.
    pub fn candidate_probability(&self, jaccard: f64) -> f64 {
        let rows = i32::try_from(self.rows).unwrap_or(i32::MAX);
        let bands = i32::try_from(self.bands).unwrap_or(i32::MAX);
        1.0 - (1.0 - jaccard.powi(rows)).powi(bands)
    }
}

/// The key of one band: its index and rows hashed together.
fn band_key(band: usize, rows: &[u32]) -> u64 {
    let mut bytes = [0u8; 4 * 32];
    let n = rows.len().min(32);
    for (chunk, row) in bytes.chunks_exact_mut(4).zip(&rows[..n]) {
        chunk.copy_from_slice(&row.to_le_bytes());
    }
    xxh3_64_with_seed(&bytes[..4 * n], BAND_SEED.wrapping_add(band as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bands_have_equal_keys_and_positions_matter() {
        let banding = Banding { bands: 3, rows: 2 };
        let keys: Vec<u64> = banding.keys(&[1, 2, 1, 2, 9, 9, 7]).collect();
        assert_eq!(keys.len(), 3);
        assert_ne!(keys[0], keys[1], "the band index is part of the key");
        let again: Vec<u64> = banding.keys(&[1, 2, 5, 5, 9, 9]).collect();
        assert_eq!(keys[0], again[0]);
        assert_eq!(keys[2], again[2]);
        assert_ne!(keys[1], again[1]);
    }

    #[test]
    fn candidate_probability_follows_the_s_curve() {
        let banding = Banding { bands: 10, rows: 2 };
        assert!(banding.candidate_probability(0.6) > 0.98);
        assert!(banding.candidate_probability(0.1) < 0.1);
        assert_eq!(banding.candidate_probability(1.0), 1.0);
    }
}
