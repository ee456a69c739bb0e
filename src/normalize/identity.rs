//! Identity: a stable article id.

use xxhash_rust::xxh3::xxh3_128_with_seed;

use crate::model::ArticleId;

/// Seed of the article-id hash. Changing it changes every derived article id (and so every
/// event id): never do.
const ARTICLE_ID_SEED: u64 = 0x6172_7469_636c_6573; // "articles"

/// The article's id: the producer's id if it gave a non-blank one; else a hash of the canonical
/// URL; else a hash of source, title and body. Hashes are xxh3-128 with a fixed seed, as 32
/// lower-case hex digits, so the same article always gets the same id.
pub fn article_id(
    given: Option<&str>,
    canonical_url: Option<&str>,
    source: Option<&str>,
    title: &str,
    body: &str,
) -> ArticleId {
    if let Some(id) = given.filter(|id| !id.trim().is_empty()) {
        return ArticleId::new(id);
    }
    let material = match canonical_url {
        Some(url) => format!("url\u{1f}{url}"),
        // Unit separators keep ("ab", "c") and ("a", "bc") apart.
        None => format!(
            "text\u{1f}{}\u{1f}{title}\u{1f}{body}",
            source.unwrap_or("")
        ),
    };
    ArticleId::new(format!(
        "{:032x}",
        xxh3_128_with_seed(material.as_bytes(), ARTICLE_ID_SEED)
    ))
}
