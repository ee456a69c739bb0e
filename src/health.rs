//! Readiness: what `/readyz` and `demarche_ready` report, set by the Kafka side.
//!
//! Ready means able to make progress: input partitions assigned, the dedup state restored, and
//! both the consumer and the producer connected to at least one broker.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::metrics::Metrics;

/// The conditions for serving traffic, each set by the task that knows it.
pub struct Health {
    assigned: AtomicBool,
    restored: AtomicBool,
    consumer_connected: AtomicBool,
    producer_connected: AtomicBool,
    metrics: Metrics,
}

/// A Kafka client whose broker connections readiness depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// The consumer of the input topic.
    Consumer,
    /// The producer of every output.
    Producer,
}

impl Health {
    /// Not ready: nothing assigned, nothing restored. Clients count as connected until their
    /// first report says otherwise.
    pub fn new(metrics: Metrics) -> Self {
        metrics.set_ready(false);
        Self {
            assigned: AtomicBool::new(false),
            restored: AtomicBool::new(false),
            consumer_connected: AtomicBool::new(true),
            producer_connected: AtomicBool::new(true),
            metrics,
        }
    }

    /// Whether `client` can reach at least one broker. Logs the changes.
    pub fn set_connected(&self, client: Client, connected: bool) {
        let flag = match client {
            Client::Consumer => &self.consumer_connected,
            Client::Producer => &self.producer_connected,
        };
        if flag.swap(connected, Ordering::SeqCst) != connected {
            if connected {
                tracing::info!(?client, "broker reachable again");
            } else {
                tracing::warn!(?client, "no broker reachable: not ready");
            }
            self.publish();
        }
    }

    /// Whether partitions of the input topic are assigned to this instance.
    pub fn set_assigned(&self, assigned: bool) {
        self.assigned.store(assigned, Ordering::SeqCst);
        self.publish();
    }

    /// Whether the dedup index has been rebuilt from the changelog to its end.
    pub fn set_restored(&self, restored: bool) {
        self.restored.store(restored, Ordering::SeqCst);
        self.publish();
    }

    /// Whether the dedup state is restored.
    pub fn is_restored(&self) -> bool {
        self.restored.load(Ordering::SeqCst)
    }

    /// Ready: assigned, restored and connected.
    pub fn is_ready(&self) -> bool {
        [
            &self.assigned,
            &self.restored,
            &self.consumer_connected,
            &self.producer_connected,
        ]
        .iter()
        .all(|flag| flag.load(Ordering::SeqCst))
    }

    fn publish(&self) {
        self.metrics.set_ready(self.is_ready());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health() -> Health {
        let metrics = Metrics::new(&prometheus::Registry::new()).expect("metrics");
        Health::new(metrics)
    }

    #[test]
    fn ready_only_when_assigned_restored_and_connected() {
        let health = health();
        assert!(!health.is_ready());
        health.set_assigned(true);
        health.set_restored(true);
        assert!(health.is_ready());
        health.set_connected(Client::Producer, false);
        assert!(
            !health.is_ready(),
            "a producer without brokers cannot make progress"
        );
        health.set_connected(Client::Producer, true);
        health.set_connected(Client::Consumer, false);
        assert!(
            !health.is_ready(),
            "a consumer without brokers cannot make progress"
        );
        health.set_connected(Client::Consumer, true);
        assert!(health.is_ready());
    }
}
