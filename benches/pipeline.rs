//! The whole pure pipeline in process, articles/s on one core: decode, normalize, dedup
//! (check and insert, with expiry), code, on a fixed generated corpus of JSON articles shaped
//! like the loopback benchmark's (`benches/loopback.py`: 4-9 news sentences, ~700 bytes).
//!
//! `articles` runs the inputs one by one on one thread; `batches_of_64` runs them as the
//! daemon does under load, in batches prepared on `pipeline.workers` threads (default: one per
//! core), with the same outcomes. Both use the daemon's allocator.
//!
//! `cargo bench --bench pipeline`; `PIPELINE_CPU_ARTICLES=20000 cargo bench --bench pipeline`
//! prints the CPU per article of `batches_of_64` over that many articles instead.

use std::hint::black_box;
use std::num::NonZeroUsize;

use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use std::sync::Arc;

use demarche::dedup::DedupIndex;
use demarche::extract::Coder;
use demarche::normalize::Normalizer;
use demarche::pipeline::{Input, Pipeline};
use demarche::settings::Settings;

// The tests' input articles (tests/it/support); this corpus sets fewer fields than they do.
#[allow(dead_code)]
#[path = "../tests/it/support/article.rs"]
mod article;
use article::Article;

#[path = "support/cpu.rs"]
mod cpu;
use cpu::process_cpu_seconds;

/// Sentence shapes, states and weekdays, shared with `benches/loopback.py`.
#[derive(serde::Deserialize)]
struct Shapes {
    states: Vec<String>,
    shapes: Vec<String>,
    days: Vec<String>,
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Inputs per batch, as `pipeline.batch_max` by default.
const BATCH: usize = 64;

/// Articles per iteration.
const CORPUS: usize = 1_000;

/// A deterministic generator (xorshift), so that every run codes the same corpus.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

fn article(i: usize, corpus: &Shapes, random: &mut Random) -> Vec<u8> {
    let states = &corpus.states;
    let mut sentences = Vec::new();
    for _ in 0..4 + random.below(6) {
        let a = random.below(states.len());
        let b = (a + 1 + random.below(states.len() - 1)) % states.len();
        let n = (2 + random.below(9_998)).to_string();
        let day = &corpus.days[random.below(corpus.days.len())];
        let shape = &corpus.shapes[random.below(corpus.shapes.len())];
        let sentence = shape
            .replace("{A}", &states[a])
            .replace("{B}", &states[b])
            .replace("{n}", &n)
            .replace("{day}", day);
        sentences.push(sentence);
    }
    let paragraphs: Vec<String> = sentences.chunks(2).map(|pair| pair.join(" ")).collect();
    Article::new(format!("bench-{i}"), paragraphs.join("\n\n"))
        .url(format!("https://news.example.org/bench/{i}"))
        .source("Example Wire")
        .title(format!("Report {i}"))
        .published_at(format!("2024-06-{:02}T12:00:00Z", 1 + i % 28))
        .payload()
}

/// The first `n` articles of the generated corpus.
fn corpus(n: usize) -> Vec<Vec<u8>> {
    let shapes: Shapes =
        serde_json::from_str(include_str!("corpus.json")).expect("benches/corpus.json");
    let mut random = Random(0x0dd_ba11_c0de);
    (0..n).map(|i| article(i, &shapes, &mut random)).collect()
}

fn pipeline(c: &mut Criterion) {
    let settings = Settings::load(None).expect("default settings");
    // The dictionaries are compiled once, as at start-up; every iteration starts from an empty
    // dedup index, so that it does the same work.
    let coder = Arc::new(Coder::from_config(&settings.extract).expect("dictionaries"));
    let fresh = || {
        Pipeline::new(
            Normalizer::new(&settings.normalize).expect("normalize settings"),
            DedupIndex::new(&settings.dedup),
            Arc::clone(&coder),
        )
    };
    let corpus = corpus(CORPUS);
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    eprintln!(
        "pipeline corpus: {CORPUS} articles, {} bytes on average",
        bytes / CORPUS
    );
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(CORPUS as u64));
    group.sample_size(10);
    group.bench_function("articles", |b| {
        b.iter_batched(
            fresh,
            |mut pipeline| {
                for payload in &corpus {
                    black_box(pipeline.process(payload));
                }
                pipeline
            },
            BatchSize::PerIteration,
        );
    });
    let workers: NonZeroUsize = settings.pipeline.workers.count();
    eprintln!("batches prepared on {workers} threads");
    group.bench_function("batches_of_64", |b| {
        b.iter_batched(
            || fresh().with_workers(workers),
            |mut pipeline| {
                for batch in corpus.chunks(BATCH) {
                    let inputs: Vec<Input<'_>> = batch.iter().map(|p| Input::new(p)).collect();
                    black_box(pipeline.process_batch(&inputs));
                }
                pipeline
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// `PIPELINE_CPU_ARTICLES=N`: codes N generated articles through one pipeline in batches of
/// 64, as `batches_of_64` does and as the daemon does with N articles from a topic (one dedup
/// index that grows over the run), and prints the CPU it took per article: the figure
/// `benches/loopback.sh` compares the daemon's with. Criterion times wall clock, which a shared
/// machine makes noisy; CPU time is what the two runs are compared on.
fn cpu_per_article(articles: usize) {
    let settings = Settings::load(None).expect("default settings");
    let coder = Arc::new(Coder::from_config(&settings.extract).expect("dictionaries"));
    let corpus = corpus(articles);
    let workers = settings.pipeline.workers.count();
    let mut pipeline = Pipeline::new(
        Normalizer::new(&settings.normalize).expect("normalize settings"),
        DedupIndex::new(&settings.dedup),
        Arc::clone(&coder),
    )
    .with_workers(workers);
    let before = process_cpu_seconds();
    for batch in corpus.chunks(BATCH) {
        let inputs: Vec<Input<'_>> = batch.iter().map(|p| Input::new(p)).collect();
        black_box(pipeline.process_batch(&inputs));
    }
    let cpu = process_cpu_seconds() - before;
    println!(
        "batches_of_64 on {workers} threads: CPU {cpu:.2} s = {:.1} us an article ({articles} articles)",
        cpu / articles as f64 * 1e6,
    );
}

criterion_group!(benches, pipeline);

fn main() {
    match std::env::var("PIPELINE_CPU_ARTICLES").map(|n| n.parse::<usize>()) {
        Ok(Ok(articles)) => cpu_per_article(articles),
        Ok(Err(e)) => panic!("PIPELINE_CPU_ARTICLES: {e}"),
        Err(_) => {
            benches();
            criterion::Criterion::default()
                .configure_from_args()
                .final_summary();
        }
    }
}
