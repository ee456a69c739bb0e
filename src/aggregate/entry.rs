//! One aggregate as its owner holds it: the published value and what counting each mention
//! once needs (digests of the mentions, articles and outlets counted, and the first articles
//! seen).
//!
//! Everything but the window is independent of the order mentions come in: the counts, first
//! and last seen, the top mention (highest confidence, then earliest seen, then smallest event
//! id) and the article ids (earliest seen, then smallest id). So two owners that receive the same
//! mentions interleaved differently publish the same final value.

use std::mem::size_of;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{ArticleId, DiplomaticEvent};

use super::digests::{digest, DigestSet};
use super::{AggregateKey, DailyEvent, Period, TopMention};

/// An article of the aggregate and when its earliest mention was seen; ordered by time, then
/// id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FirstArticle {
    /// When the article's first counted mention was seen.
    pub seen_at: DateTime<Utc>,
    /// The article.
    pub id: ArticleId,
}

/// An aggregate and its bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub value: DailyEvent,
    pub mentions: DigestSet,
    pub articles: DigestSet,
    pub outlets: DigestSet,
    /// The first `max_article_ids` articles, sorted; `value.article_ids` are their ids.
    pub first_articles: Vec<FirstArticle>,
}

impl Entry {
    /// An aggregate of `event`'s key that has counted nothing yet: `count` the event next.
    pub fn empty(
        key: AggregateKey,
        period: Period,
        event: &DiplomaticEvent,
        seen: DateTime<Utc>,
    ) -> Self {
        let value = DailyEvent {
            key,
            date: period.event_date(),
            source: event.source.code.clone(),
            target: event.target.as_ref().map(|t| t.code.clone()),
            cameo: event.cameo.clone(),
            plover: event.plover.clone(),
            mentions: 0,
            articles: 0,
            outlets: 0,
            first_seen: seen,
            last_seen: seen,
            confidence: event.confidence,
            evidence: top_mention(event, seen),
            article_ids: Vec::new(),
            version: 0,
        };
        Self {
            value,
            mentions: DigestSet::default(),
            articles: DigestSet::default(),
            outlets: DigestSet::default(),
            first_articles: Vec::new(),
        }
    }

    /// Counts `event`, seen at `seen`; `false`, changing nothing, if its event id was counted
    /// already.
    pub fn count(
        &mut self,
        event: &DiplomaticEvent,
        seen: DateTime<Utc>,
        max_article_ids: usize,
    ) -> bool {
        if !self.mentions.insert(digest(event.event_id.as_str())) {
            return false;
        }
        let value = &mut self.value;
        value.mentions += 1;
        value.version += 1;
        value.first_seen = value.first_seen.min(seen);
        value.last_seen = value.last_seen.max(seen);
        if outranks(event, seen, value) {
            value.confidence = event.confidence;
            value.evidence = top_mention(event, seen);
        }
        if let Some(outlet) = outlet(event) {
            if self.outlets.insert(digest(&outlet)) {
                value.outlets += 1;
            }
        }
        if self.articles.insert(digest(event.article_id.as_str())) {
            value.articles += 1;
        }
        let article = FirstArticle {
            seen_at: seen,
            id: event.article_id.clone(),
        };
        self.note_article(article, max_article_ids);
        true
    }

    /// Keeps `article` if it is among the first `max` seen, an article's time being that of
    /// its earliest mention: the list is then the same whatever the order of the mentions.
    fn note_article(&mut self, article: FirstArticle, max: usize) {
        let listed = self.first_articles.iter().position(|a| a.id == article.id);
        if let Some(at) = listed {
            if self.first_articles[at].seen_at <= article.seen_at {
                return;
            }
            self.first_articles.remove(at);
        }
        let (Err(at) | Ok(at)) = self.first_articles.binary_search(&article);
        if at < max {
            self.first_articles.insert(at, article);
            self.first_articles.truncate(max);
        }
        if listed.is_some() || at < max {
            self.value.article_ids = self.first_articles.iter().map(|a| a.id.clone()).collect();
        }
    }

    /// Keeps at most `max` first articles (after a restore under a smaller setting).
    pub fn limit_articles(&mut self, max: usize) {
        if self.first_articles.len() > max {
            self.first_articles.truncate(max);
            self.value.article_ids.truncate(max);
        }
    }

    /// Estimated bytes the aggregate holds: its own size, the key beside it in the table and in
    /// the eviction index, and what its strings and vectors hold on the heap.
    pub fn bytes(&self) -> usize {
        let v = &self.value;
        let e = &v.evidence;
        let strings = [
            v.source.capacity(),
            v.target.as_ref().map_or(0, String::capacity),
            v.cameo.code.capacity(),
            v.cameo.root.capacity(),
            v.cameo.name.capacity(),
            v.plover
                .as_ref()
                .map_or(0, |p| p.category.capacity() + p.quad.capacity()),
            e.event_id.as_str().len(),
            e.article_id.as_str().len(),
            e.outlet.as_ref().map_or(0, String::capacity),
            e.url.as_ref().map_or(0, String::capacity),
            e.evidence.sentence.capacity(),
            e.evidence.trigger.text.capacity(),
        ];
        let ids = v.article_ids.capacity() * size_of::<ArticleId>()
            + self.first_articles.capacity() * size_of::<FirstArticle>()
            + 2 * self
                .first_articles
                .iter()
                .map(|a| a.id.as_str().len())
                .sum::<usize>();
        size_of::<Self>()
            + 2 * size_of::<AggregateKey>()
            + strings.iter().sum::<usize>()
            + ids
            + self.mentions.heap_bytes()
            + self.articles.heap_bytes()
            + self.outlets.heap_bytes()
    }
}

/// The outlet a mention counts for: its article's publisher, trimmed and lower-cased.
fn outlet(event: &DiplomaticEvent) -> Option<String> {
    let name = event.article.source.as_deref()?.trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// Whether `event` replaces the aggregate's top mention.
fn outranks(event: &DiplomaticEvent, seen: DateTime<Utc>, value: &DailyEvent) -> bool {
    let top = &value.evidence;
    event
        .confidence
        .total_cmp(&value.confidence)
        .then_with(|| top.seen_at.cmp(&seen))
        .then_with(|| top.event_id.cmp(&event.event_id))
        .is_gt()
}

fn top_mention(event: &DiplomaticEvent, seen: DateTime<Utc>) -> TopMention {
    TopMention {
        event_id: event.event_id.clone(),
        article_id: event.article_id.clone(),
        outlet: event.article.source.clone(),
        url: event.article.url.clone(),
        seen_at: seen,
        evidence: event.evidence.clone(),
    }
}
