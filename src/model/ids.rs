//! Identifiers: newtypes so that an article id is never confused with an event id.

use std::fmt;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128_with_seed;

/// Seed of the event-id hash. Changing it changes every event id ever published: never do.
const EVENT_ID_SEED: u64 = 0x6465_6d61_7263_6865; // "demarche"

/// The stable identity of an article: the id its producer gave, else a hash of its canonical URL,
/// else a hash of source, title and body (decided by the normalizer).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// Wraps an id; surrounding whitespace is not part of an id.
    pub fn new(id: impl Into<String>) -> Self {
        let id: String = id.into();
        Self(id.trim().to_owned())
    }

    /// The id as text, as it appears in events and Kafka keys.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The deterministic identity of one coded event, and its Kafka key.
///
/// It hashes what makes an event itself (article, sentence, source, target, code), so a replay
/// of the same input with the same dictionaries yields the same id and a compacted topic or an
/// idempotent sink keeps one copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(String);

impl EventId {
    /// Derives the id from the parts the output contract names; 32 lower-case hex digits.
    pub fn derive(
        article: &ArticleId,
        sentence_index: usize,
        source_code: &str,
        target_code: Option<&str>,
        cameo_code: &str,
    ) -> Self {
        // Unit separators keep ("ab","c") and ("a","bc") apart.
        let material = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            article.as_str(),
            sentence_index,
            source_code,
            target_code.unwrap_or(""),
            cameo_code
        );
        Self(format!(
            "{:032x}",
            xxh3_128_with_seed(material.as_bytes(), EVENT_ID_SEED)
        ))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_id_is_deterministic_and_sensitive_to_every_part() {
        let a = ArticleId::new("a1");
        let base = EventId::derive(&a, 3, "JPN", Some("RUS"), "0312");
        assert_eq!(base, EventId::derive(&a, 3, "JPN", Some("RUS"), "0312"));
        assert_eq!(base.as_str().len(), 32);
        let variants = [
            EventId::derive(&ArticleId::new("a2"), 3, "JPN", Some("RUS"), "0312"),
            EventId::derive(&a, 4, "JPN", Some("RUS"), "0312"),
            EventId::derive(&a, 3, "RUS", Some("JPN"), "0312"),
            EventId::derive(&a, 3, "JPN", None, "0312"),
            EventId::derive(&a, 3, "JPN", Some("RUS"), "062"),
        ];
        for v in variants {
            assert_ne!(base, v);
        }
    }

    #[test]
    fn article_id_ignores_surrounding_whitespace() {
        assert_eq!(ArticleId::new("  x-1\n"), ArticleId::new("x-1"));
    }
}
