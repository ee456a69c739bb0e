//! Offset tracking: an input's offset becomes committable only once every record it caused has
//! been acknowledged, and offsets advance contiguously per partition.
//!
//! Inputs of a partition are started in offset order; acknowledgements arrive in any order.
//! The committable offset of a partition is its lowest unfinished input (everything below it is
//! done), or one past the highest input started when nothing is pending.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::model::Position;

/// An input whose every record has now been acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completed {
    /// Where the input was read.
    pub input: Position,
    /// The input record's timestamp, milliseconds since the epoch, if it had one.
    pub timestamp_ms: Option<i64>,
}

#[derive(Debug, Default)]
struct PartitionState {
    /// Unfinished inputs: offset -> (records still unacknowledged, input timestamp).
    pending: BTreeMap<i64, (usize, Option<i64>)>,
    /// Highest offset started.
    highest: Option<i64>,
    /// Last offset committed (the next offset to read).
    committed: Option<i64>,
}

impl PartitionState {
    fn committable(&self) -> Option<i64> {
        match self.pending.keys().next() {
            Some(&lowest) => Some(lowest),
            None => self.highest.map(|h| h + 1),
        }
    }
}

/// Per-partition bookkeeping of inputs in flight.
#[derive(Debug, Default)]
pub struct OffsetTracker {
    partitions: HashMap<i32, PartitionState>,
}

impl OffsetTracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the input at `input` caused `records` records. With none, it is complete
    /// at once (and returned).
    pub fn start(
        &mut self,
        input: Position,
        records: usize,
        timestamp_ms: Option<i64>,
    ) -> Option<Completed> {
        let Position { partition, offset } = input;
        let state = self.partitions.entry(partition).or_default();
        state.highest = Some(state.highest.map_or(offset, |h| h.max(offset)));
        if records == 0 {
            return Some(Completed {
                input,
                timestamp_ms,
            });
        }
        state.pending.insert(offset, (records, timestamp_ms));
        None
    }

    /// Records one acknowledgement for the input at `input`; returns it when it is complete.
    /// Acknowledgements of unknown inputs (a partition revoked meanwhile) are ignored.
    pub fn ack(&mut self, input: Position) -> Option<Completed> {
        let Position { partition, offset } = input;
        let state = self.partitions.get_mut(&partition)?;
        let (remaining, timestamp_ms) = state.pending.get_mut(&offset)?;
        *remaining -= 1;
        if *remaining > 0 {
            return None;
        }
        let timestamp_ms = *timestamp_ms;
        state.pending.remove(&offset);
        Some(Completed {
            input,
            timestamp_ms,
        })
    }

    /// Partitions whose committable offset moved past the last commit, as the next position
    /// to read of each.
    pub fn committable(&self) -> Vec<Position> {
        let mut out: Vec<Position> = self
            .partitions
            .iter()
            .filter_map(|(&p, s)| {
                let next = s.committable()?;
                (Some(next) != s.committed).then_some(Position::new(p, next))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// The committable offset of one partition, whether or not it moved.
    pub fn committable_for(&self, partition: i32) -> Option<i64> {
        self.partitions.get(&partition)?.committable()
    }

    /// Records a successful commit of `next`, the next position to read.
    pub fn mark_committed(&mut self, next: Position) {
        if let Some(state) = self.partitions.get_mut(&next.partition) {
            state.committed = Some(next.offset);
        }
    }

    /// Inputs of `partition` not yet fully acknowledged.
    pub fn in_flight(&self, partition: i32) -> usize {
        self.partitions
            .get(&partition)
            .map_or(0, |s| s.pending.len())
    }

    /// Inputs not yet fully acknowledged, over all partitions.
    pub fn total_in_flight(&self) -> usize {
        self.partitions.values().map(|s| s.pending.len()).sum()
    }

    /// Forgets a partition that is no longer ours.
    pub fn forget(&mut self, partition: i32) {
        self.partitions.remove(&partition);
    }
}

/// The one tracker, shared by the consume loop (which starts inputs and commits), the delivery
/// callback (which acknowledges) and the rebalance callback (which commits and forgets).
#[derive(Debug, Clone, Default)]
pub struct SharedTracker(Arc<Mutex<OffsetTracker>>);

impl SharedTracker {
    /// Locks the tracker even if a panicking thread poisoned it: its data stays consistent
    /// because every update is a single map operation.
    pub fn lock(&self) -> MutexGuard<'_, OffsetTracker> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(partition: i32, offset: i64) -> Position {
        Position::new(partition, offset)
    }

    #[test]
    fn offsets_advance_only_over_fully_acknowledged_inputs() {
        let mut t = OffsetTracker::new();
        assert_eq!(t.start(at(0, 10), 2, None), None);
        assert_eq!(t.start(at(0, 11), 1, None), None);
        assert_eq!(t.committable(), vec![at(0, 10)]);
        // The later input finishing first does not move the offset past the earlier one.
        assert!(t.ack(at(0, 11)).is_some());
        assert_eq!(t.committable_for(0), Some(10));
        assert_eq!(t.ack(at(0, 10)), None, "one of two records acknowledged");
        assert_eq!(t.committable_for(0), Some(10));
        assert!(t.ack(at(0, 10)).is_some());
        assert_eq!(t.committable_for(0), Some(12));
    }

    #[test]
    fn an_input_without_records_is_complete_at_once_but_waits_its_turn() {
        let mut t = OffsetTracker::new();
        t.start(at(3, 0), 1, None);
        let done = t.start(at(3, 1), 0, Some(42));
        assert_eq!(
            done,
            Some(Completed {
                input: at(3, 1),
                timestamp_ms: Some(42)
            })
        );
        assert_eq!(t.committable_for(3), Some(0));
        t.ack(at(3, 0));
        assert_eq!(t.committable_for(3), Some(2));
    }

    #[test]
    fn a_commit_is_reported_once_until_the_offset_moves_again() {
        let mut t = OffsetTracker::new();
        t.start(at(1, 5), 0, None);
        assert_eq!(t.committable(), vec![at(1, 6)]);
        t.mark_committed(at(1, 6));
        assert!(t.committable().is_empty());
        t.start(at(1, 6), 0, None);
        assert_eq!(t.committable(), vec![at(1, 7)]);
    }

    #[test]
    fn partitions_are_independent_and_forgettable() {
        let mut t = OffsetTracker::new();
        t.start(at(0, 0), 1, None);
        t.start(at(1, 0), 1, None);
        assert_eq!(t.total_in_flight(), 2);
        t.forget(1);
        assert_eq!(t.total_in_flight(), 1);
        assert_eq!(
            t.ack(at(1, 0)),
            None,
            "acks of a forgotten partition are ignored"
        );
        assert_eq!(t.in_flight(0), 1);
    }

    #[test]
    fn offset_gaps_from_compaction_or_markers_do_not_block() {
        let mut t = OffsetTracker::new();
        t.start(at(0, 0), 0, None);
        t.start(at(0, 7), 0, None);
        assert_eq!(t.committable_for(0), Some(8));
    }
}
