//! Dedup benchmarks: fingerprint throughput, insert+query, rebuild from the changelog, and
//! index memory per article at one million articles.
//!
//! `cargo bench --bench dedup`. Targets (issue 4): fingerprint >= 20,000 articles/s/core for
//! 4 KB bodies; insert+query >= 100,000/s; rebuild >= 200,000 records/s; <= 256 B/article.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use demarche::dedup::{decode_changelog, encode_changelog, DedupIndex, Fingerprint};
use demarche::model::{Article, ArticleId, DatePrecision};
use demarche::settings::Valid;

/// Words news text is made of, for bodies of realistic token lengths.
const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "talks",
    "with",
    "a",
    "of",
    "border",
    "government",
    "officials",
    "in",
    "agreement",
    "foreign",
    "would",
    "to",
    "and",
    "military",
    "sanctions",
    "president",
    "told",
    "reporters",
    "meeting",
    "week",
    "country",
    "security",
    "council",
    "troops",
    "statement",
    "ambassador",
    "relations",
    "trade",
    "pipeline",
    "after",
    "before",
    "region",
    "defence",
    "ministry",
    "spokesman",
    "visit",
    "capital",
    "summit",
    "crisis",
];

/// SplitMix64, for varied but repeatable text.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Article `n` with a body of about `bytes` bytes.
fn article(n: u64, bytes: usize) -> Article {
    let mut state = n.wrapping_mul(0x2545_f491_4f6c_dd1d);
    let mut body = String::with_capacity(bytes + 16);
    while body.len() < bytes {
        let r = next(&mut state);
        body.push_str(WORDS[(r % WORDS.len() as u64) as usize]);
        // Numbers and names make every text its own, as in news.
        if r % 7 == 0 {
            body.push_str(&format!(" {}", r % 10_000));
        }
        body.push_str(if r % 97 == 0 { "\n\n" } else { " " });
    }
    Article {
        id: ArticleId::new(format!("wire-{n:012}")),
        url: Some(format!("https://news.example/world/{n:012}")),
        source: Some("Example".to_owned()),
        title: format!("Story {n}"),
        body,
        published_at: Utc.timestamp_opt(1_700_000_000 + n as i64, 0).single(),
        date_precision: DatePrecision::Exact,
        language: "en".to_owned(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

fn index() -> DedupIndex {
    DedupIndex::new(&Valid::documented())
}

fn fingerprints(index: &DedupIndex, range: std::ops::Range<u64>, bytes: usize) -> Vec<Fingerprint> {
    range
        .map(|n| index.fingerprint(&article(n, bytes), None))
        .collect()
}

fn fingerprint(c: &mut Criterion) {
    let index = index();
    let articles: Vec<Article> = (0..256).map(|n| article(n, 4096)).collect();
    let mut group = c.benchmark_group("dedup/fingerprint");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.bench_function("4KB_bodies", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(index.fingerprint(black_box(a), None));
            }
        })
    });
    group.finish();
}

fn insert_and_query(c: &mut Criterion) {
    let base = index();
    let warm = fingerprints(&base, 0..100_000, 600);
    let fresh = fingerprints(&base, 100_000..120_000, 600);
    let mut group = c.benchmark_group("dedup/insert_query");
    group.throughput(Throughput::Elements(fresh.len() as u64));
    group.sample_size(10);
    group.bench_function("check_and_insert_into_100k", |b| {
        b.iter_batched(
            || {
                let mut index = index();
                warm.iter().cloned().for_each(|fp| index.insert(fp));
                (index, fresh.clone())
            },
            |(mut index, fresh)| {
                for fp in fresh {
                    black_box(index.check_and_insert(fp));
                }
                index
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn rebuild(c: &mut Criterion) {
    let base = index();
    let records: Vec<Vec<u8>> = fingerprints(&base, 0..100_000, 600)
        .iter()
        .map(encode_changelog)
        .collect();
    let mut group = c.benchmark_group("dedup/rebuild");
    group.throughput(Throughput::Elements(records.len() as u64));
    group.sample_size(10);
    group.bench_function("decode_and_insert_100k_records", |b| {
        b.iter(|| {
            let mut index = index();
            for record in &records {
                if let Ok(fp) = decode_changelog(record) {
                    index.insert(fp);
                }
            }
            index
        })
    });
    group.finish();
}

/// Index memory per article at one million articles (printed, not timed by criterion).
fn memory_at_one_million() {
    let started = Instant::now();
    let mut index = index();
    for n in 0..1_000_000u64 {
        // Body length does not change what the index keeps; short bodies keep this quick.
        let fp = index.fingerprint(&article(n, 400), None);
        index.insert(fp);
    }
    let bytes = index.memory_bytes();
    println!(
        "dedup/memory: {} articles, {} bytes of index, {:.1} bytes/article (built in {:.1}s)",
        index.len(),
        bytes,
        bytes as f64 / index.len() as f64,
        started.elapsed().as_secs_f64()
    );
}

/// CPU time this thread has run, from the kernel's scheduler statistics (Linux): on a busy
/// machine, throughput per CPU-second is what a dedicated core would give.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Runs `work` (which handles `n` items) `rounds` times and prints items per CPU-second and
/// per wall-second.
fn per_cpu_second(name: &str, n: usize, rounds: usize, mut work: impl FnMut()) {
    let (wall, cpu) = (Instant::now(), thread_cpu_ns());
    for _ in 0..rounds {
        work();
    }
    let wall = wall.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns().zip(cpu).map(|(b, a)| (b - a) as f64 / 1e9);
    let items = (n * rounds) as f64;
    match cpu {
        Some(cpu) => println!(
            "{name}: {:.0}/s per CPU-second, {:.0}/s wall ({:.0}% of a core)",
            items / cpu,
            items / wall,
            100.0 * cpu / wall
        ),
        None => println!("{name}: {:.0}/s wall", items / wall),
    }
}

/// The throughput figures per CPU-second (printed before criterion's wall-clock ones).
fn cpu_figures() {
    let base = index();
    let articles: Vec<Article> = (0..2000).map(|n| article(n, 4096)).collect();
    per_cpu_second("dedup/cpu/fingerprint_4KB", articles.len(), 3, || {
        for a in &articles {
            black_box(base.fingerprint(a, None));
        }
    });
    let warm = fingerprints(&base, 0..100_000, 600);
    let fresh = fingerprints(&base, 100_000..120_000, 600);
    let mut loaded = index();
    warm.iter().cloned().for_each(|fp| loaded.insert(fp));
    per_cpu_second("dedup/cpu/check_and_insert", fresh.len(), 1, || {
        for fp in fresh.iter().cloned() {
            black_box(loaded.check_and_insert(fp));
        }
    });
    let records: Vec<Vec<u8>> = warm.iter().map(encode_changelog).collect();
    per_cpu_second("dedup/cpu/rebuild_decode_insert", records.len(), 2, || {
        let mut rebuilt = index();
        for record in &records {
            if let Ok(fp) = decode_changelog(record) {
                rebuilt.insert(fp);
            }
        }
        black_box(rebuilt.len());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(8));
    targets = fingerprint, insert_and_query, rebuild
}

fn main() {
    memory_at_one_million();
    cpu_figures();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
