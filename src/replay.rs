//! Telling a replay from a re-send.
//!
//! After a crash, inputs whose offsets were not committed are read again. If such an input's
//! fingerprint had already reached the changelog, the dedup index would call it a duplicate of
//! itself and its events, perhaps never acknowledged, would be lost. So the changelog also
//! records where each fingerprint came from (input partition and offset), and an input found to
//! duplicate an article that came from its own position is a replay: it is coded again, giving
//! byte-identical events. Only inputs not yet committed can be replayed, so remembering the
//! most recent origins (bounded) suffices.

use std::collections::{HashMap, VecDeque};

use crate::model::{ArticleId, Position};

/// The origins of the most recently accepted articles.
#[derive(Debug)]
pub struct ReplayGuard {
    origins: HashMap<ArticleId, Position>,
    order: VecDeque<ArticleId>,
    capacity: usize,
}

impl ReplayGuard {
    /// Remembers at most `capacity` origins; it must exceed the inputs that can be in flight
    /// (partitions x `kafka.max_in_flight_per_partition`, plus a batch, `pipeline.batch_max`).
    pub fn new(capacity: usize) -> Self {
        Self {
            origins: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// How many origins it remembers at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Records that `article` was accepted from `origin`.
    pub fn remember(&mut self, article: ArticleId, origin: Position) {
        if self.origins.insert(article.clone(), origin).is_none() {
            self.order.push_back(article);
        }
        while self.order.len() > self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.origins.remove(&oldest);
            }
        }
    }

    /// Whether an input at `origin` duplicating `original` is in fact `original` read again.
    pub fn is_replay(&self, original: &ArticleId, origin: Position) -> bool {
        self.origins.get(original) == Some(&origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(offset: i64) -> Position {
        Position {
            partition: 0,
            offset,
        }
    }

    #[test]
    fn the_same_position_is_a_replay_another_is_a_resend() {
        let mut guard = ReplayGuard::new(10);
        guard.remember(ArticleId::new("a"), at(5));
        assert!(guard.is_replay(&ArticleId::new("a"), at(5)));
        assert!(!guard.is_replay(&ArticleId::new("a"), at(6)));
        assert!(!guard.is_replay(&ArticleId::new("b"), at(5)));
    }

    #[test]
    fn only_the_most_recent_origins_are_kept() {
        let mut guard = ReplayGuard::new(2);
        for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
            guard.remember(ArticleId::new(id), at(i as i64));
        }
        assert!(!guard.is_replay(&ArticleId::new("a"), at(0)));
        assert!(guard.is_replay(&ArticleId::new("c"), at(2)));
    }
}
