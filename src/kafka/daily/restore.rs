//! Restoring a partition's table: the state topic's partition of the same number, read from
//! its beginning to its end, the latest record of each key kept and tombstoned keys dropped
//! (`Table::restore`, `Table::forget`).

use std::str::FromStr;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError as RdError;
use rdkafka::message::Message;
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

use crate::aggregate::{AggregateKey, StateRecord, Table};

/// Longest a restore waits for the next record before it gives up on the broker.
const STALL: Duration = Duration::from_secs(60);

/// What a restore read.
#[derive(Debug, Default)]
pub struct Restored {
    /// State records restored (the later of a key replacing the earlier).
    pub records: usize,
    /// Records that could not be read (logged, and left out).
    pub unreadable: usize,
    /// Keys that left the window as the records' clock moved: tombstone them.
    pub evicted: Vec<AggregateKey>,
}

/// Reads `partition` of `topic` into `table` with a client of `config` (which reports the end
/// of a partition).
pub fn restore(
    config: &ClientConfig,
    topic: &str,
    partition: i32,
    table: &mut Table,
) -> Result<Restored, RdError> {
    let consumer: BaseConsumer = config.create()?;
    let mut assignment = TopicPartitionList::new();
    assignment.add_partition_offset(topic, partition, Offset::Beginning)?;
    consumer.assign(&assignment)?;
    let mut restored = Restored::default();
    let mut last_progress = Instant::now();
    loop {
        match consumer.poll(Duration::from_millis(200)) {
            None if last_progress.elapsed() > STALL => return Err(RdError::NoMessageReceived),
            None => continue,
            Some(Err(RdError::PartitionEOF(p))) if p == partition => break,
            Some(Err(error)) => return Err(error),
            Some(Ok(message)) => {
                last_progress = Instant::now();
                apply(message.key(), message.payload(), table, &mut restored);
            }
        }
    }
    restored.evicted.sort_unstable();
    restored.evicted.dedup();
    Ok(restored)
}

/// Applies one state record (or tombstone) to `table`.
fn apply(key: Option<&[u8]>, payload: Option<&[u8]>, table: &mut Table, restored: &mut Restored) {
    let key = key
        .and_then(|k| std::str::from_utf8(k).ok())
        .and_then(|k| AggregateKey::from_str(k).ok());
    let Some(key) = key else {
        tracing::warn!("aggregate state record without an aggregate key: left out");
        restored.unreadable += 1;
        return;
    };
    let Some(payload) = payload else {
        table.forget(&key);
        return;
    };
    match StateRecord::decode(payload) {
        Ok(record) if record.key() == key => {
            restored.records += 1;
            restored.evicted.extend(table.restore(record));
        }
        Ok(_) => {
            tracing::warn!(%key, "aggregate state record under another aggregate's key: left out");
            restored.unreadable += 1;
        }
        Err(error) => {
            tracing::warn!(%key, %error, "aggregate state record left out");
            restored.unreadable += 1;
        }
    }
}
