//! The published aggregate: one event of a period, with its mentions
//! (`schemas/daily_event.schema.json`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{ArticleId, CameoRef, EventDate, EventId, Evidence, PloverRef};

use super::AggregateKey;

/// The value of an `events.daily` record: every mention of one (period, source, target, CAMEO
/// code), counted. Each update publishes the whole value again under the same key with the next
/// `version`, so a compacted topic or a keyed sink holds the current aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyEvent {
    /// The record key (see [`AggregateKey`]).
    pub key: AggregateKey,
    /// The period: its first day, and `day`, `month` or `year` (events dated no closer than a
    /// month are counted per month, and say so here).
    #[serde(flatten)]
    pub date: EventDate,
    /// CAMEO actor code of the source ("JPNGOV").
    pub source: String,
    /// CAMEO actor code of the target; `None` for codes that need no target.
    pub target: Option<String>,
    /// The CAMEO code and its facts, as the events carry them.
    pub cameo: CameoRef,
    /// The PLOVER category of the code, where PLOVER has one.
    pub plover: Option<PloverRef>,
    /// Distinct events counted (a sentence of an article coding this event), by event id.
    pub mentions: u64,
    /// Distinct articles among the mentions.
    pub articles: u64,
    /// Distinct named outlets among the mentions (case-insensitive); an article without a
    /// known publisher adds none.
    pub outlets: u64,
    /// Earliest time a mention was seen (the input record's time, not the wall clock).
    pub first_seen: DateTime<Utc>,
    /// Latest time a mention was seen.
    pub last_seen: DateTime<Utc>,
    /// The highest confidence among the mentions.
    pub confidence: f64,
    /// The most confident mention (ties: the earliest seen, then the smallest event id).
    pub evidence: TopMention,
    /// Up to `[aggregate] max_article_ids` articles: the first seen (ties: smallest id), in
    /// that order.
    pub article_ids: Vec<ArticleId>,
    /// 1 for the first mention, one more with each update.
    pub version: u64,
}

/// The mention whose evidence the aggregate shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopMention {
    /// The event of `events.diplomatic`.
    pub event_id: EventId,
    /// Its article.
    pub article_id: ArticleId,
    /// The article's publisher, if known.
    pub outlet: Option<String>,
    /// The article's canonical URL, if known.
    pub url: Option<String>,
    /// When it was seen.
    pub seen_at: DateTime<Utc>,
    /// The sentence and trigger, offsets into that article's normalized body.
    #[serde(flatten)]
    pub evidence: Evidence,
}
