//! Mapping a slice over a few threads, keeping the order: how a batch of inputs is prepared
//! ([`crate::pipeline`]) and how its records are built ([`crate::kafka`]).

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f)` on up to `workers` threads (the calling thread is one of them), the
/// results in the order of `items`. Items are handed out one at a time, so an expensive item
/// does not hold back a thread's share of cheap ones.
pub fn map<T, R, F>(items: &[T], workers: NonZeroUsize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = workers.get().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
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
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        // A thread the system refuses is not needed: the others take its share.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut parts = vec![work()];
        for helper in helpers {
            // A panic in `f` is the caller's to prevent; re-raise it here if one escaped.
            parts.push(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        for (i, result) in parts.into_iter().flatten() {
            results[i] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every item is mapped once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workers(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).unwrap()
    }

    #[test]
    fn results_keep_the_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        for n in [1, 2, 3, 8] {
            let squares = map(&items, workers(n), |x| x * x);
            assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        }
    }

    #[test]
    fn more_threads_than_items_and_no_items_are_fine() {
        assert_eq!(map(&[7u8], workers(4), |x| *x), vec![7]);
        assert!(map(&[] as &[u8], workers(4), |x| *x).is_empty());
    }

    #[test]
    fn work_is_shared_between_threads() {
        let items: Vec<u64> = (0..64).collect();
        let threads = map(&items, workers(2), |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = threads.into_iter().collect();
        assert_eq!(distinct.len(), 2);
    }
}
