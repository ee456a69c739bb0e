//! Deduplication: exact and near-duplicate articles against an index rebuilt from a changelog.
//! (Placeholder being replaced by the deduplication issue; interface is fixed.)

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Article, ArticleId};
use crate::settings::InvalidSetting;

/// The `[dedup]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DedupConfig {
    /// Fingerprints expire this many seconds of publication time after their article.
    pub window_secs: u64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            window_secs: 7 * 24 * 3600,
        }
    }
}

impl DedupConfig {
    /// Checks values serde cannot; keys are relative to `[dedup]`.
    pub fn validate(&self) -> Result<(), InvalidSetting> {
        if self.window_secs == 0 {
            return Err(InvalidSetting::new("window_secs", "must be positive"));
        }
        Ok(())
    }
}

/// What matching needs of one article; the value of its changelog record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The article.
    pub article_id: ArticleId,
    /// Hash of the normalized body.
    pub body_hash: u64,
}

/// Whether an article was seen before.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not seen.
    New,
    /// Same id, URL or body as `of`.
    ExactDuplicate {
        /// The original.
        of: ArticleId,
    },
    /// Near-identical body to `of`.
    NearDuplicate {
        /// The original.
        of: ArticleId,
        /// Estimated similarity, 0 to 1.
        similarity: f64,
    },
}

/// The dedup index.
#[derive(Debug, Default)]
pub struct DedupIndex {
    by_id: HashMap<ArticleId, u64>,
    by_body: HashMap<u64, ArticleId>,
}

impl DedupIndex {
    /// An empty index.
    pub fn new(config: &DedupConfig) -> Result<Self, InvalidSetting> {
        config.validate().map_err(|e| e.in_section("dedup"))?;
        Ok(Self::default())
    }

    /// Fingerprints an article (pure).
    pub fn fingerprint(&self, article: &Article) -> Fingerprint {
        Fingerprint {
            article_id: article.id.clone(),
            body_hash: xxhash_rust::xxh3::xxh3_64(article.body.as_bytes()),
        }
    }

    /// The verdict for a fingerprint against the index.
    pub fn check(&self, fp: &Fingerprint) -> Verdict {
        if self.by_id.contains_key(&fp.article_id) {
            return Verdict::ExactDuplicate {
                of: fp.article_id.clone(),
            };
        }
        match self.by_body.get(&fp.body_hash) {
            Some(of) => Verdict::ExactDuplicate { of: of.clone() },
            None => Verdict::New,
        }
    }

    /// Adds a fingerprint (idempotent).
    pub fn insert(&mut self, fp: Fingerprint) {
        self.by_body
            .entry(fp.body_hash)
            .or_insert_with(|| fp.article_id.clone());
        self.by_id.insert(fp.article_id, fp.body_hash);
    }

    /// Removes an article (a changelog tombstone).
    pub fn remove(&mut self, id: &ArticleId) {
        if let Some(h) = self.by_id.remove(id) {
            self.by_body.remove(&h);
        }
    }

    /// Drops fingerprints older than the window; returns their ids, to be tombstoned.
    pub fn expire(&mut self) -> Vec<ArticleId> {
        Vec::new()
    }

    /// Number of fingerprints held.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Encodes a fingerprint as a changelog record value.
pub fn encode_changelog(fp: &Fingerprint) -> Vec<u8> {
    serde_json::to_vec(fp).unwrap_or_default()
}

/// Decodes a changelog record value.
pub fn decode_changelog(bytes: &[u8]) -> Result<Fingerprint, serde_json::Error> {
    serde_json::from_slice(bytes)
}
