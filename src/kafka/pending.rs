//! The offsets one commit sends, taken from the offset tracker: per partition, the next input
//! offset to read. Every commit, in either delivery mode, from the consume loop or from the
//! rebalance callback, takes its offsets here and marks them here once the broker took them,
//! so that an offset skipped or sent twice is caught by the tests below rather than in
//! production.

use rdkafka::{Offset, TopicPartitionList};

use super::offsets::OffsetTracker;
use crate::model::Position;

/// The offsets one commit sends: per partition, the next input offset to read. Taken from the
/// tracker before the commit, and marked committed in it once the broker took them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending(Vec<Position>);

impl Pending {
    /// Every partition whose committable offset moved since its last commit.
    pub fn moved(tracker: &OffsetTracker) -> Self {
        Self(tracker.committable())
    }

    /// The committable offset of each of `partitions` that has one, moved or not: a revoked
    /// partition is committed once more so that its next owner starts right after it.
    pub fn of_partitions(tracker: &OffsetTracker, partitions: &[i32]) -> Self {
        Self(
            partitions
                .iter()
                .filter_map(|&p| Some(Position::new(p, tracker.committable_for(p)?)))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The offsets of `topic` as librdkafka takes them.
    pub fn list(&self, topic: &str) -> TopicPartitionList {
        let mut tpl = TopicPartitionList::new();
        for next in &self.0 {
            let _ = tpl.add_partition_offset(topic, next.partition, Offset::Offset(next.offset));
        }
        tpl
    }

    /// Records in the tracker that these offsets are committed.
    pub fn mark(&self, tracker: &mut OffsetTracker) {
        for &next in &self.0 {
            tracker.mark_committed(next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (partition, offset) of each element of a list, in order.
    fn offsets(list: &TopicPartitionList) -> Vec<(String, i32, Offset)> {
        list.elements()
            .iter()
            .map(|e| (e.topic().to_owned(), e.partition(), e.offset()))
            .collect()
    }

    fn at(partition: i32, offset: i64) -> (String, i32, Offset) {
        ("in".to_owned(), partition, Offset::Offset(offset))
    }

    #[test]
    fn a_commit_sends_every_partition_up_to_its_first_unacknowledged_input() {
        let mut tracker = OffsetTracker::new();
        tracker.start(Position::new(0, 10), 2, None);
        tracker.start(Position::new(0, 11), 1, None);
        tracker.start(Position::new(0, 12), 0, None);
        tracker.start(Position::new(1, 5), 1, None);
        tracker.start(Position::new(2, 7), 0, None);
        tracker.ack(Position::new(0, 11));
        tracker.ack(Position::new(0, 10));
        tracker.ack(Position::new(0, 10));
        tracker.ack(Position::new(1, 5));
        let pending = Pending::moved(&tracker);
        assert_eq!(
            offsets(&pending.list("in")),
            vec![at(0, 13), at(1, 6), at(2, 8)],
            "the next offset to read, per partition, none skipped"
        );
    }

    #[test]
    fn an_input_still_in_flight_holds_back_its_partition_and_only_its_partition() {
        let mut tracker = OffsetTracker::new();
        tracker.start(Position::new(0, 10), 2, None);
        tracker.start(Position::new(0, 11), 0, None);
        tracker.start(Position::new(1, 3), 0, None);
        tracker.ack(Position::new(0, 10));
        let pending = Pending::moved(&tracker);
        assert_eq!(offsets(&pending.list("in")), vec![at(0, 10), at(1, 4)]);
    }

    #[test]
    fn what_was_committed_is_not_sent_again_until_it_moves() {
        let mut tracker = OffsetTracker::new();
        tracker.start(Position::new(0, 1), 0, None);
        tracker.start(Position::new(1, 1), 0, None);
        let pending = Pending::moved(&tracker);
        pending.mark(&mut tracker);
        assert!(
            Pending::moved(&tracker).is_empty(),
            "{:?}",
            Pending::moved(&tracker)
        );
        tracker.start(Position::new(1, 2), 0, None);
        assert_eq!(
            offsets(&Pending::moved(&tracker).list("in")),
            vec![at(1, 3)]
        );
    }

    #[test]
    fn revoked_partitions_are_committed_even_when_their_offset_did_not_move() {
        let mut tracker = OffsetTracker::new();
        tracker.start(Position::new(0, 4), 0, None);
        tracker.start(Position::new(1, 9), 1, None);
        tracker.start(Position::new(2, 2), 0, None);
        Pending::moved(&tracker).mark(&mut tracker);
        let revoked = Pending::of_partitions(&tracker, &[0, 1, 3]);
        assert_eq!(
            offsets(&revoked.list("in")),
            vec![at(0, 5), at(1, 9)],
            "partition 2 is kept, partition 3 has nothing to commit"
        );
    }
}
