//! Readiness: what `/readyz` and `demarche_ready` report, set by the Kafka side.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::metrics::Metrics;

/// The conditions for serving traffic, each set by the task that knows it.
pub struct Health {
    assigned: AtomicBool,
    restored: AtomicBool,
    metrics: Metrics,
}

impl Health {
    /// Not ready: nothing assigned, nothing restored.
    pub fn new(metrics: Metrics) -> Self {
        metrics.set_ready(false);
        Self {
            assigned: AtomicBool::new(false),
            restored: AtomicBool::new(false),
            metrics,
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

    /// Ready: assigned and restored.
    pub fn is_ready(&self) -> bool {
        self.assigned.load(Ordering::SeqCst) && self.restored.load(Ordering::SeqCst)
    }

    fn publish(&self) {
        self.metrics.set_ready(self.is_ready());
    }
}
