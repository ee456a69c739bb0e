//! `[pipeline]`: how many threads prepare inputs, and how many inputs a batch holds.

use std::num::NonZeroUsize;

use serde::Deserialize;

use super::InvalidSetting;

/// `[pipeline]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineSettings {
    /// Threads that prepare inputs (normalize, fingerprint, code) and serialize their records.
    pub workers: Workers,
    /// Most inputs taken from the consumer and prepared together.
    pub batch_max: NonZeroUsize,
    /// Input positions remembered to tell a replay (an input read again after a crash or a
    /// rebalance) from a re-send; checked at start against what can be uncommitted.
    pub replay_memory: NonZeroUsize,
}

impl PipelineSettings {
    /// The fewest positions the replay guard must remember for an input topic of `partitions`:
    /// every input that can be read again, i.e. those in flight on every partition
    /// (`kafka.max_in_flight_per_partition`) plus a batch taken beyond that.
    pub fn replay_memory_needed(&self, partitions: usize, max_in_flight: NonZeroUsize) -> usize {
        partitions.saturating_mul(max_in_flight.get().saturating_add(self.batch_max.get()))
    }
}

/// How many threads prepare inputs: `"auto"` or a number from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workers {
    /// One per core available to the process (its CPU quota or affinity, as the standard
    /// library reads them).
    PerCore,
    /// Exactly this many.
    Fixed(NonZeroUsize),
}

impl Workers {
    /// The number of threads.
    pub fn count(self) -> NonZeroUsize {
        match self {
            Self::Fixed(n) => n,
            Self::PerCore => std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
        }
    }
}

impl<'de> Deserialize<'de> for Workers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Count(u64),
            Word(String),
        }
        let expected = "expected \"auto\" or a number of threads from 1";
        // A count may come as text: a variable's value is a string where the default is one.
        let count =
            match Raw::deserialize(deserializer).map_err(|_| serde::de::Error::custom(expected))? {
                Raw::Word(word) if word == "auto" => return Ok(Self::PerCore),
                Raw::Word(word) => word.trim().parse().ok(),
                Raw::Count(n) => Some(n),
            };
        count
            .and_then(|n| usize::try_from(n).ok())
            .and_then(NonZeroUsize::new)
            .map(Self::Fixed)
            .ok_or_else(|| serde::de::Error::custom(expected))
    }
}

/// More threads than this gain nothing on any machine the daemon runs on; a larger value is
/// taken for a typo.
pub const MAX_WORKERS: usize = 256;
/// A batch larger than this holds inputs back for seconds before any is published.
pub const MAX_BATCH: usize = 4096;

impl PipelineSettings {
    /// Checks what serde cannot, naming the key.
    pub fn validate(&self) -> Result<(), InvalidSetting> {
        if matches!(self.workers, Workers::Fixed(n) if n.get() > MAX_WORKERS) {
            return Err(InvalidSetting::new(
                "pipeline.workers",
                format!("must be at most {MAX_WORKERS} (or \"auto\": one per core)"),
            ));
        }
        if self.batch_max.get() > MAX_BATCH {
            return Err(InvalidSetting::new(
                "pipeline.batch_max",
                format!("must be at most {MAX_BATCH}"),
            ));
        }
        Ok(())
    }
}
