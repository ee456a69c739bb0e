//! Readiness and liveness: what `/readyz`, `demarche_ready` and `/healthz` report, set by the
//! Kafka side.
//!
//! Ready means able to make progress: input partitions assigned, the dedup state restored, and
//! both the consumer and the producer connected to at least one broker. Live means the consume
//! loop keeps turning: once it consumes, it beats at every turn (idle turns included, at least
//! every 20 ms), and a loop silent for longer than `http.liveness_timeout` is stuck, so the
//! orchestrator restarts it. Restoring the dedup state and draining at shutdown do not beat:
//! they are bounded by readiness and by the shutdown deadline.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::metrics::Metrics;

/// The conditions for serving traffic, each set by the task that knows it.
pub struct Health {
    assigned: AtomicBool,
    restored: AtomicBool,
    consumer_connected: AtomicBool,
    producer_connected: AtomicBool,
    /// When the consume loop last turned, in milliseconds after `epoch` (plus one, so that 0
    /// means "not consuming").
    last_beat_ms: AtomicU64,
    epoch: Instant,
    liveness_timeout: Duration,
    metrics: Metrics,
}

/// Why the daemon is not live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stalled {
    /// How long the consume loop has not turned.
    pub silent_for: Duration,
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
    /// first report says otherwise. Live until the consume loop has beaten once and then stays
    /// silent for longer than `liveness_timeout`.
    pub fn new(metrics: Metrics, liveness_timeout: Duration) -> Self {
        metrics.set_ready(false);
        Self {
            assigned: AtomicBool::new(false),
            restored: AtomicBool::new(false),
            consumer_connected: AtomicBool::new(true),
            producer_connected: AtomicBool::new(true),
            last_beat_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            liveness_timeout,
            metrics,
        }
    }

    /// The consume loop turned.
    pub fn beat(&self) {
        self.beat_at(Instant::now());
    }

    /// The consume loop stopped consuming (shutdown): its silence from now on is not a stall.
    pub fn stop_beating(&self) {
        self.last_beat_ms.store(0, Ordering::SeqCst);
    }

    /// Whether the consume loop keeps turning.
    pub fn liveness(&self) -> Result<(), Stalled> {
        self.liveness_at(Instant::now())
    }

    fn beat_at(&self, at: Instant) {
        let ms = at.saturating_duration_since(self.epoch).as_millis() as u64;
        self.last_beat_ms.store(ms + 1, Ordering::SeqCst);
    }

    fn liveness_at(&self, now: Instant) -> Result<(), Stalled> {
        let last = self.last_beat_ms.load(Ordering::SeqCst);
        if last == 0 {
            return Ok(());
        }
        let beat = self.epoch + Duration::from_millis(last - 1);
        let silent_for = now.saturating_duration_since(beat);
        if silent_for > self.liveness_timeout {
            Err(Stalled { silent_for })
        } else {
            Ok(())
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
        Health::new(metrics, Duration::from_secs(60))
    }

    #[test]
    fn live_until_the_loop_has_turned_and_then_fallen_silent_too_long() {
        let health = health();
        let start = Instant::now();
        assert!(
            health
                .liveness_at(start + Duration::from_secs(3600))
                .is_ok(),
            "restoring the state is not a stall"
        );
        health.beat_at(start);
        assert!(health.liveness_at(start + Duration::from_secs(59)).is_ok());
        let stalled = health
            .liveness_at(start + Duration::from_secs(61))
            .expect_err("a loop silent for 61 s with a 60 s limit is stuck");
        assert!(stalled.silent_for >= Duration::from_secs(61));
        health.beat_at(start + Duration::from_secs(61));
        assert!(health.liveness_at(start + Duration::from_secs(62)).is_ok());
        health.stop_beating();
        assert!(
            health
                .liveness_at(start + Duration::from_secs(3600))
                .is_ok(),
            "draining at shutdown is not a stall"
        );
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
