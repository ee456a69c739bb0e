//! The normalized article: what the normalizer produces and dedup and extraction trust.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ArticleId;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// A timestamp to the second (or better) was given.
    Exact,
    /// The day is known.
    Day,
    /// The month is known ("in April").
    Month,
    /// The year is known.
    Year,
    /// Only the article's date is known: the sentence did not date the event (events only).
    Article,
    /// Nothing could be resolved.
    Unknown,
}

/// A clean, dated, attributed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identity (see [`ArticleId`]).
    pub id: ArticleId,
    /// Canonical URL (lower-case scheme and host, no fragment or tracking parameters).
    pub url: Option<String>,
    /// Publisher, given or inferred from the title or the URL host.
    pub source: Option<String>,
    /// Title with site prefixes and suffixes removed.
    pub title: String,
    /// Normalized story text: NFC, boilerplate, datelines and wire credits removed, whitespace
    /// collapsed, paragraphs separated by one blank line (`"\n\n"`). Event evidence offsets are
    /// byte offsets into this string.
    pub body: String,
    /// Publication time in UTC, if known.
    pub published_at: Option<DateTime<Utc>>,
    /// How precisely `published_at` is known.
    pub date_precision: DatePrecision,
    /// ISO 639-1 language code, given or detected ("en").
    pub language: String,
    /// Wire agencies credited by the article ("Reuters", "AFP", "AP").
    pub wire_sources: Vec<String>,
    /// The dateline removed from the start of the body ("MOSCOW"), if any.
    pub dateline: Option<String>,
}
