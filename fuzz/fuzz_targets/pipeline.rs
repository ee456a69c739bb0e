//! Message bytes -> outcomes, through every stage of one pipeline with a fresh dedup index.
//!
//! The input is split on NUL bytes into up to four messages processed in order, so that
//! duplicates of earlier messages are reached. A panic in any stage is a crash here (the
//! pipeline's own guard would only turn it into a dead letter).

#![no_main]

use std::sync::{Arc, OnceLock};

use demarche::dedup::{DedupConfig, DedupIndex};
use demarche::extract::Coder;
use demarche::normalize::{NormalizeConfig, Normalizer};
use demarche::pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;

const MAX_MESSAGES: usize = 4;

struct Stages {
    normalizer: Normalizer,
    coder: Arc<Coder>,
}

fn stages() -> &'static Stages {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    STAGES.get_or_init(|| Stages {
        normalizer: Normalizer::new(&NormalizeConfig::default()).expect("default config"),
        coder: Arc::new(Coder::embedded().expect("the built-in dictionaries are valid")),
    })
}

fuzz_target!(|data: &[u8]| {
    let stages = stages();
    let index = DedupIndex::new(&DedupConfig::default()).expect("default config");
    let mut pipeline = Pipeline::new(stages.normalizer.clone(), index, Arc::clone(&stages.coder));
    for message in data.split(|b| *b == 0).take(MAX_MESSAGES) {
        pipeline.process(message);
    }
});
