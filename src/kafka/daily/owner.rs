//! An owner's tables, one per partition of the mentions topic it owns, and the records each
//! counted mention makes: the aggregate's new value and its state record, with a tombstone
//! for each aggregate that left the window. Pure: the loop (`run.rs`) reads and writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::aggregate::{AggregateConfig, AggregateKey, Applied, Table};
use crate::model::DiplomaticEvent;
use crate::settings::Valid;

/// One record an owner writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed {
    /// Destination topic.
    pub topic: String,
    /// The partition, for state records (their mentions' partition); `None`: the producer's
    /// partitioner.
    pub partition: Option<i32>,
    /// The aggregate key.
    pub key: String,
    /// The value; `None` is a tombstone.
    pub payload: Option<Vec<u8>>,
}

/// What a batch of mentions makes, in the order it must be written: every value before any
/// state record, so that a state record never counts a mention whose value is not written
/// (a mention counted again after a crash re-publishes the same value).
#[derive(Debug, Default)]
pub struct Written {
    /// The aggregates' new values, for `aggregate.topic`: every update is published.
    pub values: Vec<Keyed>,
    /// State records and tombstones, for `aggregate.state_topic`.
    pub states: Vec<Keyed>,
}

impl Written {
    /// The state records worth writing: only the last of each key, since a restore keeps only
    /// the last, and a state record grows with the mentions of its aggregate.
    pub fn last_states(&self) -> Vec<Keyed> {
        let mut seen = std::collections::HashSet::new();
        let mut last: Vec<Keyed> = self
            .states
            .iter()
            .rev()
            .filter(|s| seen.insert((s.partition, s.key.as_str())))
            .cloned()
            .collect();
        last.reverse();
        last
    }
}

/// What applying a mention did, for the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Counted: its aggregate changed.
    Updated,
    /// Counted before (a replay or a re-send).
    Repeated,
    /// No date, no aggregate.
    Undated,
    /// Its period is behind the window.
    Late,
    /// Its period is too far ahead of the day it was seen.
    Ahead,
}

impl Counted {
    /// The metric label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Updated => "updated",
            Self::Repeated => "repeated",
            Self::Undated => "undated",
            Self::Late => "late",
            Self::Ahead => "ahead",
        }
    }
}

/// The tables of the partitions one owner holds.
pub struct Owner {
    config: Valid<AggregateConfig>,
    tables: HashMap<i32, Table>,
}

impl Owner {
    /// An owner of no partition yet.
    pub fn new(config: Valid<AggregateConfig>) -> Self {
        Self {
            config,
            tables: HashMap::new(),
        }
    }

    /// An empty table for a partition being restored.
    pub fn empty_table(&self) -> Table {
        Table::new(&self.config)
    }

    /// Whether the owner holds `partition`'s table.
    pub fn holds(&self, partition: i32) -> bool {
        self.tables.contains_key(&partition)
    }

    /// Takes `partition` over with its restored `table`.
    pub fn take_over(&mut self, partition: i32, table: Table) {
        self.tables.insert(partition, table);
    }

    /// Lets `partition` go: its next owner restores it from the state topic.
    pub fn release(&mut self, partition: i32) {
        self.tables.remove(&partition);
    }

    /// Counts `event`, read from `partition` and seen at `seen`, into `written`. A partition
    /// not held is an error of the caller, which restores before it applies.
    pub fn apply(
        &mut self,
        partition: i32,
        event: &DiplomaticEvent,
        seen: DateTime<Utc>,
        written: &mut Written,
    ) -> Counted {
        let table = self
            .tables
            .get_mut(&partition)
            .expect("a partition is restored before its mentions are applied");
        let update = match table.apply(event, seen) {
            Applied::Updated(update) => update,
            Applied::Repeated(_) => return Counted::Repeated,
            Applied::Undated => return Counted::Undated,
            Applied::Late => return Counted::Late,
            Applied::Ahead => return Counted::Ahead,
        };
        let key = update.value.key;
        written.values.push(Keyed {
            topic: self.config.topic.clone(),
            partition: None,
            key: key.to_string(),
            payload: Some(serde_json::to_vec(&update.value).expect("an aggregate serializes")),
        });
        let state = table.state(&key).map(|record| record.encode());
        written.states.push(self.state(partition, key, state));
        for evicted in update.evicted {
            written.states.push(self.state(partition, evicted, None));
        }
        Counted::Updated
    }

    /// A state record (or tombstone) of `key`, beside its mentions in `partition`.
    pub fn state(&self, partition: i32, key: AggregateKey, payload: Option<Vec<u8>>) -> Keyed {
        Keyed {
            topic: self.config.state_topic.clone(),
            partition: Some(partition),
            key: key.to_string(),
            payload,
        }
    }

    /// Aggregates held and their estimated bytes, over every partition.
    pub fn size(&self) -> (usize, usize) {
        self.tables
            .values()
            .fold((0, 0), |(n, b), t| (n + t.len(), b + t.bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::fixtures::{day, mention};
    use crate::aggregate::{DailyEvent, StateRecord};

    fn owner_of(partition: i32) -> Owner {
        let mut owner = Owner::new(Valid::documented());
        let table = owner.empty_table();
        owner.take_over(partition, table);
        owner
    }

    #[test]
    fn a_counted_mention_writes_its_value_then_its_state_beside_its_mentions() {
        let mut owner = owner_of(3);
        let mut written = Written::default();
        let event = mention("a1", 0, Some("Harbour Times"), "2024-03-12");
        let counted = owner.apply(3, &event, day("2024-03-12"), &mut written);
        assert_eq!(counted, Counted::Updated);

        let [value] = &written.values[..] else {
            panic!("one value: {:?}", written.values)
        };
        assert_eq!(
            (value.topic.as_str(), value.partition),
            ("events.daily", None)
        );
        let aggregate: DailyEvent =
            serde_json::from_slice(value.payload.as_ref().unwrap()).unwrap();
        assert_eq!(value.key, aggregate.key.to_string());
        assert_eq!(aggregate.mentions, 1);

        let [state] = &written.states[..] else {
            panic!("one state record: {:?}", written.states)
        };
        assert_eq!(state.topic, "demarche.daily-state");
        assert_eq!(
            state.partition,
            Some(3),
            "the state lives beside its mentions"
        );
        assert_eq!(state.key, value.key);
        let record = StateRecord::decode(state.payload.as_ref().unwrap()).unwrap();
        assert_eq!(record.aggregate(), &aggregate);
    }

    #[test]
    fn a_mention_counted_before_writes_nothing() {
        let mut owner = owner_of(0);
        let event = mention("a1", 0, Some("Harbour Times"), "2024-03-12");
        owner.apply(0, &event, day("2024-03-12"), &mut Written::default());
        let mut again = Written::default();
        let counted = owner.apply(0, &event, day("2024-03-13"), &mut again);
        assert_eq!(counted, Counted::Repeated);
        assert!(again.values.is_empty() && again.states.is_empty());
    }

    #[test]
    fn an_aggregate_that_leaves_the_window_is_tombstoned_in_its_partition() {
        let mut owner = owner_of(1);
        let old = mention("a1", 0, None, "2024-03-01");
        owner.apply(1, &old, day("2024-03-01"), &mut Written::default());
        let mut written = Written::default();
        let new = mention("a2", 0, None, "2024-03-20");
        owner.apply(1, &new, day("2024-03-20"), &mut written);
        let tombstones: Vec<&Keyed> = written
            .states
            .iter()
            .filter(|s| s.payload.is_none())
            .collect();
        assert_eq!(tombstones.len(), 1, "{:?}", written.states);
        assert_eq!(tombstones[0].partition, Some(1));
        let (old_key, _) = AggregateKey::of(&old).unwrap();
        assert_eq!(tombstones[0].key, old_key.to_string());
        assert_eq!(owner.size().0, 1, "only the new aggregate is held");
    }

    #[test]
    fn of_several_updates_of_a_key_in_one_batch_only_the_last_state_is_written() {
        let mut owner = owner_of(0);
        let mut written = Written::default();
        for article in ["a1", "a2", "a3"] {
            let event = mention(article, 0, None, "2024-03-12");
            owner.apply(0, &event, day("2024-03-12"), &mut written);
        }
        assert_eq!(written.values.len(), 3, "every update is published");
        let states = written.last_states();
        let [state] = &states[..] else {
            panic!("one state record: {states:?}")
        };
        let record = StateRecord::decode(state.payload.as_ref().unwrap()).unwrap();
        assert_eq!(record.aggregate().mentions, 3);
    }

    #[test]
    fn a_released_partition_is_no_longer_held() {
        let mut owner = owner_of(2);
        owner.apply(
            2,
            &mention("a1", 0, None, "2024-03-12"),
            day("2024-03-12"),
            &mut Written::default(),
        );
        assert_eq!(owner.size().0, 1);
        owner.release(2);
        assert!(!owner.holds(2));
        assert_eq!(owner.size(), (0, 0));
    }
}
