//! The owners' consumer context: the partitions a rebalance takes away, for the loop to let
//! their tables go before it reads on (their next owner restores them).
//!
//! librdkafka calls it inside `poll`, on the loop's own thread, and the loop polls only
//! between batches: a batch's aggregates and state records are written and its offsets
//! committed before any partition of it can be taken away.

use std::sync::Mutex;

use rdkafka::consumer::{BaseConsumer, ConsumerContext, Rebalance};
use rdkafka::ClientContext;

/// Records revoked partitions.
#[derive(Default)]
pub struct OwnersContext {
    revoked: Mutex<Vec<i32>>,
}

impl OwnersContext {
    /// The partitions revoked since the last call.
    pub fn take_revoked(&self) -> Vec<i32> {
        std::mem::take(&mut *self.revoked.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl ClientContext for OwnersContext {}

impl ConsumerContext for OwnersContext {
    fn pre_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(list) = rebalance {
            let mut revoked = self.revoked.lock().unwrap_or_else(|e| e.into_inner());
            revoked.extend(list.elements().iter().map(|e| e.partition()));
            tracing::info!(partitions = ?*revoked, "aggregate partitions released");
        }
    }
}
