//! The `[dedup]` config section: window, shingling, MinHash/LSH shape and verdict thresholds.
//!
//! Defaults were chosen by measurement on the labelled evaluation set (`tests/eval_dedup`,
//! `make eval-dedup`); each key's doc comment says what the measurement showed.

use serde::Deserialize;

use crate::settings::{InvalidSetting, Section};

/// Most MinHash values (`permutations`) a config may ask for: each costs one byte per article
/// in the index and a slot in every changelog record.
pub const MAX_PERMUTATIONS: usize = 256;

/// The `[dedup]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DedupConfig {
    /// Fingerprints expire this many seconds after their input was received (default 7 days):
    /// the record timestamp, not the article's date (see the `dedup` module docs, "Time"), so
    /// memory stays bounded by the arrival rate times the window however long the daemon runs.
    pub window_secs: u64,
    /// Words per shingle (default 4). On the evaluation set 4 keeps light rewording above the
    /// Jaccard threshold while same-topic stories sharing names and places stay below 0.1;
    /// 3 raised hard-negative similarity, 5 and more cost recall on reworded copies.
    pub shingle_size: usize,
    /// Bodies with fewer words than this (default 25) get no MinHash sketch: they can only be
    /// exact duplicates. Measured on 300 stories: 40 gave recall 0.974, 30 gave 0.984, 25 gave
    /// 0.988 and 20 gave 0.990, all with precision 0.9996; 25 keeps a margin because estimates
    /// over a few dozen shingles are noisy.
    pub min_tokens: usize,
    /// MinHash values per sketch (default 48): the bins of one-permutation MinHash, each
    /// standing for one permutation of classic MinHash. The index keeps one byte of each, so
    /// this is also the per-article signature size in bytes. Measured on 3,000 stories: 64 gave
    /// recall 0.985, 48 gave 0.985, 40 gave 0.984, all with precision at least 0.9998; 48
    /// keeps the index under 256 bytes per article.
    pub permutations: usize,
    /// LSH bands (default 10). With `band_rows` = 2 an article with Jaccard 0.6 to an earlier
    /// one (a copy truncated to 60%) is a candidate with probability 0.988, one at 0.1 with 0.1
    /// (candidates are verified, so these only cost time). Measured: 8 bands lost 1% of
    /// truncated copies; each band costs about 10 bytes per article.
    pub bands: usize,
    /// MinHash values per LSH band (default 2). Measured: 3 rows (10 bands) lost 6% of the
    /// truncated copies; with 1 row a single shared common shingle makes a candidate.
    pub band_rows: usize,
    /// A candidate whose estimated Jaccard similarity reaches this (default 0.5) is a near
    /// duplicate. On the evaluation set the 5th percentile of every copy kind is 0.48 or more,
    /// the 95th percentile of the hard negatives (same cast and topic, follow-ups) 0.30 or less.
    pub jaccard_threshold: f64,
    /// A candidate that shares this fraction (default 0.8) of the shorter body's shingles,
    /// estimated, is a near duplicate: it catches truncated copies, whose Jaccard is only their
    /// kept fraction. 0.7 caught 0.2% more truncated copies but let 0.1% of follow-ups through.
    pub containment_threshold: f64,
    /// A containment match also needs at least this estimated Jaccard (default 0.4): a short
    /// article quoted whole as background inside a long follow-up is contained in it but is not
    /// a copy. A copy truncated to 60% has Jaccard 0.6; 0.3 let 0.4% of follow-ups through.
    pub containment_min_jaccard: f64,
}

/// The documented defaults of `config/default.toml`.
impl Default for DedupConfig {
    fn default() -> Self {
        crate::settings::documented()
    }
}

impl Section for DedupConfig {
    const NAME: &'static str = "dedup";

    fn check(&self) -> Result<(), InvalidSetting> {
        if self.window_secs == 0 {
            return Err(InvalidSetting::new("window_secs", "must be positive"));
        }
        if !(1..=16).contains(&self.shingle_size) {
            return Err(InvalidSetting::new(
                "shingle_size",
                "must be between 1 and 16",
            ));
        }
        if self.min_tokens < self.shingle_size {
            return Err(InvalidSetting::new(
                "min_tokens",
                "must be at least `shingle_size`",
            ));
        }
        if !(1..=MAX_PERMUTATIONS).contains(&self.permutations) {
            return Err(InvalidSetting::new(
                "permutations",
                format!("must be between 1 and {MAX_PERMUTATIONS}"),
            ));
        }
        if self.bands == 0 || self.band_rows == 0 {
            let key = if self.bands == 0 {
                "bands"
            } else {
                "band_rows"
            };
            return Err(InvalidSetting::new(key, "must be positive"));
        }
        if self.bands.saturating_mul(self.band_rows) > self.permutations {
            return Err(InvalidSetting::new(
                "bands",
                "`bands` times `band_rows` must not exceed `permutations`",
            ));
        }
        check_fraction("jaccard_threshold", self.jaccard_threshold)?;
        check_fraction("containment_threshold", self.containment_threshold)?;
        check_fraction("containment_min_jaccard", self.containment_min_jaccard)
    }
}

/// A threshold must be a number in (0, 1].
fn check_fraction(key: &str, value: f64) -> Result<(), InvalidSetting> {
    if value > 0.0 && value <= 1.0 {
        Ok(())
    } else {
        Err(InvalidSetting::new(
            key,
            "must be greater than 0 and at most 1",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(DedupConfig::default().check(), Ok(()));
    }

    #[test]
    fn each_bad_value_names_its_key() {
        type Spoil = fn(&mut DedupConfig);
        let cases: Vec<(&str, Spoil)> = vec![
            ("window_secs", |c| c.window_secs = 0),
            ("shingle_size", |c| c.shingle_size = 0),
            ("shingle_size", |c| c.shingle_size = 17),
            ("min_tokens", |c| c.min_tokens = 2),
            ("permutations", |c| c.permutations = 0),
            ("permutations", |c| c.permutations = 1000),
            ("bands", |c| c.bands = 0),
            ("band_rows", |c| c.band_rows = 0),
            ("bands", |c| c.bands = 40),
            ("jaccard_threshold", |c| c.jaccard_threshold = 0.0),
            ("jaccard_threshold", |c| c.jaccard_threshold = f64::NAN),
            ("containment_threshold", |c| c.containment_threshold = 1.5),
            ("containment_min_jaccard", |c| {
                c.containment_min_jaccard = -0.1
            }),
        ];
        for (key, spoil) in cases {
            let mut config = DedupConfig::default();
            spoil(&mut config);
            let err = config.check().expect_err(key);
            assert_eq!(err.key, key);
        }
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let overrides = |text: &str| toml::from_str(text).expect("toml");
        let parsed = crate::settings::with_overrides::<DedupConfig>(&overrides("window_sec = 3"));
        assert!(parsed.expect_err("typo").to_string().contains("window_sec"));
        let parsed: DedupConfig =
            crate::settings::with_overrides(&overrides("bands = 8")).expect("known key");
        assert_eq!(parsed.bands, 8);
        assert_eq!(parsed.permutations, 48);
    }
}
