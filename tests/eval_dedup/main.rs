//! Dedup evaluation: a labelled synthetic stream through the dedup index, scored.
//!
//! `cargo test --test eval_dedup` runs a small set (fast in a debug build);
//! `DEMARCHE_EVAL_DEDUP_STORIES=4000 cargo test --release --test eval_dedup` a big one
//! (`make eval-dedup`). `DEMARCHE_EVAL_DEDUP_CONFIG='bands = 12'` overrides `[dedup]` keys, to
//! measure alternatives. Exits non-zero below the targets: precision 0.99 and recall 0.95 on
//! copies, 98% of hard negatives kept apart.

mod corpus;
mod report;
mod rng;
mod stories;
mod vocab;

use std::process::ExitCode;

use demarche::dedup::{DedupConfig, DedupIndex, ReceivedAt};
use demarche::settings::{with_overrides, Valid};

/// Stories in the default (debug-friendly) run.
const DEFAULT_STORIES: usize = 150;
/// The generator's seed: the set is the same on every machine.
const SEED: u64 = 0xded0_e7a1;
/// The pipeline expires once per this many articles.
const EXPIRE_EVERY: usize = 200;

fn main() -> ExitCode {
    let stories = std::env::var("DEMARCHE_EVAL_DEDUP_STORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_STORIES);
    let overrides = std::env::var("DEMARCHE_EVAL_DEDUP_CONFIG").unwrap_or_default();
    let config = match toml::from_str(&overrides).map(|o| with_overrides::<DedupConfig>(&o)) {
        Ok(Ok(config)) => config,
        Ok(Err(e)) | Err(e) => {
            eprintln!("DEMARCHE_EVAL_DEDUP_CONFIG is not a valid [dedup] section: {e}");
            return ExitCode::FAILURE;
        }
    };
    let config = match Valid::new(config) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut index = DedupIndex::new(&config);
    let started = std::time::Instant::now();
    let items = corpus::generate(stories, SEED);
    let mut tally = report::Tally::new(&items, &index);
    for (n, item) in items.iter().enumerate() {
        // The stream arrives as it is published: each article is received at its date.
        let received = item.article.published_at.map(ReceivedAt::from);
        let fp = index.fingerprint(&item.article, received);
        let verdict = index.check_and_insert(fp.clone());
        tally.record(item, &fp, &verdict);
        if n % EXPIRE_EVERY == 0 {
            index.expire();
        }
    }
    println!(
        "dedup evaluation: {stories} stories, {} articles, seed {SEED:#x}, {:.1}s",
        items.len(),
        started.elapsed().as_secs_f64()
    );
    println!("config: {config:?}");
    if tally.print() {
        ExitCode::SUCCESS
    } else {
        println!("FAILED: below target");
        ExitCode::FAILURE
    }
}
