//! Closing the Kafka clients at shutdown, off the async runtime and within a budget.
//!
//! Dropping a consumer leaves its group, which runs the revoke callback (a flush and a commit)
//! and waits for the coordinator; dropping the last producer handle purges and destroys it.
//! These are blocking librdkafka calls, and on a broken cluster they can wait far longer than
//! an orchestrator's grace period. They run on a thread of their own; past the budget the
//! daemon exits without waiting for them, and what they could not commit is read again at the
//! next start.

use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// The least time granted to closing, even when draining used up the shutdown deadline: enough
/// for a healthy group coordinator to answer a leave-group request.
const LEAST_BUDGET: Duration = Duration::from_secs(2);

/// Notes when `shutdown` is cancelled, so that closing can take what is left of the deadline.
pub fn stopping_time(shutdown: &CancellationToken) -> JoinHandle<Instant> {
    let shutdown = shutdown.clone();
    tokio::spawn(async move {
        shutdown.cancelled().await;
        Instant::now()
    })
}

/// What is left of `deadline` since shutdown began (`stopping`), and never less than
/// [`LEAST_BUDGET`].
pub async fn budget(stopping: JoinHandle<Instant>, deadline: Duration) -> Duration {
    let spent = stopping
        .await
        .map_or(Duration::ZERO, |began| began.elapsed());
    deadline.saturating_sub(spent).max(LEAST_BUDGET)
}

/// Drops `clients` on a thread of their own and waits at most `budget` for it to finish.
/// Returns whether they closed in time.
pub async fn close<T: Send + 'static>(clients: T, budget: Duration) -> bool {
    let (closed, done) = oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("kafka-close".to_owned())
        .spawn(move || {
            drop(clients);
            let _ = closed.send(());
        });
    if let Err(error) = spawned {
        // The closure, and the clients with it, were dropped here, on the runtime.
        tracing::warn!(%error, "no thread to close the kafka clients on; closed inline");
        return true;
    }
    match tokio::time::timeout(budget, done).await {
        Ok(_) => {
            tracing::info!("kafka clients closed");
            true
        }
        Err(_) => {
            tracing::warn!(
                ?budget,
                "kafka clients did not close in time; exiting without waiting for them"
            );
            false
        }
    }
}

/// Waits at most `budget` for a task that ends on shutdown, and returns what it returned.
pub async fn join<T>(task: JoinHandle<T>, name: &str, budget: Duration) -> Option<T> {
    match tokio::time::timeout(budget, task).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            tracing::warn!(%error, task = name, "task failed");
            None
        }
        Err(_) => {
            tracing::warn!(?budget, task = name, "task did not end in time");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct SlowToDrop(Duration);

    impl Drop for SlowToDrop {
        fn drop(&mut self) {
            std::thread::sleep(self.0);
        }
    }

    #[tokio::test]
    async fn clients_that_close_quickly_are_waited_for() {
        assert!(
            close(
                SlowToDrop(Duration::from_millis(10)),
                Duration::from_secs(5)
            )
            .await
        );
    }

    #[tokio::test]
    async fn clients_that_do_not_close_within_the_budget_are_left_behind() {
        let started = Instant::now();
        let closed = close(
            SlowToDrop(Duration::from_secs(5)),
            Duration::from_millis(50),
        )
        .await;
        assert!(!closed);
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[tokio::test]
    async fn the_budget_is_what_is_left_of_the_deadline_but_never_below_the_least() {
        let shutdown = CancellationToken::new();
        let stopping = stopping_time(&shutdown);
        shutdown.cancel();
        let left = budget(stopping, Duration::from_secs(30)).await;
        assert!(left > Duration::from_secs(29) && left <= Duration::from_secs(30));

        let shutdown = CancellationToken::new();
        let stopping = stopping_time(&shutdown);
        shutdown.cancel();
        assert_eq!(budget(stopping, Duration::ZERO).await, LEAST_BUDGET);
    }
}
