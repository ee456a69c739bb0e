//! Mapping a slice over a few threads, keeping the order: how a batch of inputs is prepared
//! ([`crate::pipeline`]) and how its records are built ([`crate::kafka`]).
//!
//! The helper threads live as long as the [`Workers`] that started them: a batch costs no
//! thread start, no fresh stack and no fresh allocator heap, which the daemon would otherwise
//! pay twice a batch.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A number of threads to map on: the calling thread and `threads - 1` helpers kept waiting.
#[derive(Clone)]
pub struct Workers {
    threads: NonZeroUsize,
    /// The helpers; `None` with one thread, or when the system refused to start them (the
    /// calling thread then maps alone).
    helpers: Option<Arc<rayon::ThreadPool>>,
}

impl std::fmt::Debug for Workers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workers")
            .field("threads", &self.threads)
            .field("helpers", &self.helpers.is_some())
            .finish()
    }
}

impl Workers {
    /// `threads` threads in all: the caller's and `threads - 1` helpers started now.
    pub fn new(threads: NonZeroUsize) -> Self {
        let helpers = (threads.get() > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads.get() - 1)
                    .thread_name(|i| format!("demarche-worker-{i}"))
                    .build()
            })
            .and_then(|built| match built {
                Ok(pool) => Some(Arc::new(pool)),
                Err(error) => {
                    tracing::warn!(%error, "helper threads not started; mapping on one thread");
                    None
                }
            });
        Self { threads, helpers }
    }

    /// The caller's thread alone.
    pub fn one() -> Self {
        Self::new(NonZeroUsize::MIN)
    }

    /// How many threads map.
    pub fn count(&self) -> NonZeroUsize {
        self.threads
    }

    /// `items.iter().map(f)` on these threads, the results in the order of `items`. Items
    /// are handed out one at a time, so an expensive item does not hold back a thread's share
    /// of cheap ones.
    pub fn map<T, R, F>(&self, items: &[T], f: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(&T) -> R + Sync,
    {
        let helpers = match &self.helpers {
            Some(pool) if items.len() > 1 => pool,
            _ => return items.iter().map(f).collect(),
        };
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                match items.get(i) {
                    Some(item) => done.push((i, f(item))),
                    None => return done,
                }
            }
        };
        let helped = Mutex::new(Vec::new());
        let mut parts = helpers.in_place_scope(|scope| {
            for _ in 1..self.threads.get().min(items.len()) {
                scope.spawn(|_| {
                    let part = work();
                    helped.lock().unwrap_or_else(|p| p.into_inner()).push(part);
                });
            }
            vec![work()]
        });
        parts.extend(helped.into_inner().unwrap_or_else(|p| p.into_inner()));
        let mut results: Vec<Option<R>> =
            std::iter::repeat_with(|| None).take(items.len()).collect();
        for (i, result) in parts.into_iter().flatten() {
            results[i] = Some(result);
        }
        results
            .into_iter()
            .map(|result| result.expect("every item is mapped once"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workers(n: usize) -> Workers {
        Workers::new(NonZeroUsize::new(n).unwrap())
    }

    #[test]
    fn results_keep_the_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        for n in [1, 2, 3, 8] {
            let squares = workers(n).map(&items, |x| x * x);
            assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        }
    }

    #[test]
    fn more_threads_than_items_and_no_items_are_fine() {
        assert_eq!(workers(4).map(&[7u8], |x| *x), vec![7]);
        assert!(workers(4).map(&[] as &[u8], |x| *x).is_empty());
    }

    #[test]
    fn work_is_shared_between_threads() {
        let items: Vec<u64> = (0..64).collect();
        let threads = workers(2).map(&items, |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = threads.into_iter().collect();
        assert_eq!(distinct.len(), 2);
    }

    #[test]
    fn the_same_helpers_serve_every_map() {
        let pool = workers(2);
        let seen: std::collections::HashSet<_> = (0..20)
            .flat_map(|_| {
                pool.map(&[0u8; 8], |_| {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    std::thread::current().id()
                })
            })
            .collect();
        // the caller and one helper, the same one every time
        assert_eq!(seen.len(), 2);
    }
}
