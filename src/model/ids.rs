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
    ///
    /// The hashed material is the parts joined by unit separators (U+001F), which keep
    /// ("ab","c") and ("a","bc") apart, with the sentence index in decimal. It is written into
    /// one buffer and the digits are written by hand: ids are derived for every event, and
    /// `format!` costs more than the hash.
    pub fn derive(
        article: &ArticleId,
        sentence_index: usize,
        source_code: &str,
        target_code: Option<&str>,
        cameo_code: &str,
    ) -> Self {
        const SEPARATOR: u8 = 0x1f;
        let codes = [source_code, target_code.unwrap_or(""), cameo_code];
        let article = article.as_str().as_bytes();
        let length = article.len() + codes.iter().map(|c| c.len()).sum::<usize>() + 24;
        let mut material = Vec::with_capacity(length);
        material.extend_from_slice(article);
        material.push(SEPARATOR);
        push_decimal(&mut material, sentence_index);
        for code in codes {
            material.push(SEPARATOR);
            material.extend_from_slice(code.as_bytes());
        }
        Self(hex32(xxh3_128_with_seed(&material, EVENT_ID_SEED)))
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

/// Appends `n` in decimal, as `Display` writes it.
fn push_decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// `hash` as 32 lower-case hex digits, zero-padded, as `{:032x}` writes it.
fn hex32(hash: u128) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for k in (0..32).rev() {
        out.push(char::from(HEX[((hash >> (4 * k)) & 0xf) as usize]));
    }
    out
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
    fn event_id_matches_the_published_recipe() {
        // The recipe every id ever published was made with: it must never change.
        let reference =
            |article: &str, index: usize, source: &str, target: Option<&str>, code: &str| {
                let material = format!(
                    "{article}\u{1f}{index}\u{1f}{source}\u{1f}{}\u{1f}{code}",
                    target.unwrap_or("")
                );
                format!(
                    "{:032x}",
                    xxh3_128_with_seed(material.as_bytes(), EVENT_ID_SEED)
                )
            };
        let cases: &[(&str, usize, &str, Option<&str>, &str)] = &[
            ("a1", 0, "JPN", Some("RUS"), "0312"),
            ("d0001", 3, "JPNGOV", None, "010"),
            ("", 10, "", None, ""),
            (
                "x-\u{e9}t\u{e9}",
                1234567890,
                "IGOUNO",
                Some("USAMIL"),
                "190",
            ),
            ("a", usize::MAX, "B", Some(""), "C"),
        ];
        for &(article, index, source, target, code) in cases {
            let id = EventId::derive(&ArticleId::new(article), index, source, target, code);
            assert_eq!(id.as_str(), reference(article, index, source, target, code));
        }
    }

    #[test]
    fn article_id_ignores_surrounding_whitespace() {
        assert_eq!(ArticleId::new("  x-1\n"), ArticleId::new("x-1"));
    }
}
