//! Message bytes -> outcomes, through every stage of one pipeline with a fresh dedup index.
//!
//! The input is split on NUL bytes into up to four messages processed in order, so that
//! duplicates of earlier messages are reached. A panic in any stage is a crash here (the
//! pipeline's own guard would only turn it into a dead letter). The same messages are then run
//! as one batch prepared on two threads on a second pipeline: every outcome must be the one-by-
//! one outcome.

#![no_main]

use std::num::NonZeroUsize;
use std::sync::{Arc, OnceLock};

use demarche::dedup::DedupIndex;
use demarche::settings::Valid;
use demarche::extract::Coder;
use demarche::normalize::Normalizer;
use demarche::pipeline::{Input, Pipeline};
use libfuzzer_sys::fuzz_target;

const MAX_MESSAGES: usize = 4;

struct Stages {
    normalizer: Normalizer,
    coder: Arc<Coder>,
}

fn stages() -> &'static Stages {
    static STAGES: OnceLock<Stages> = OnceLock::new();
    STAGES.get_or_init(|| Stages {
        normalizer: Normalizer::new(&Valid::documented()).expect("default config"),
        coder: Arc::new(Coder::embedded().expect("the built-in dictionaries are valid")),
    })
}

fn pipeline(stages: &Stages) -> Pipeline {
    let index = DedupIndex::new(&Valid::documented());
    Pipeline::new(stages.normalizer.clone(), index, Arc::clone(&stages.coder))
}

fuzz_target!(|data: &[u8]| {
    let stages = stages();
    let messages: Vec<&[u8]> = data.split(|b| *b == 0).take(MAX_MESSAGES).collect();
    let mut one_by_one = pipeline(stages);
    let expected: Vec<String> = messages
        .iter()
        .map(|message| format!("{:?}", one_by_one.process(message).outcome))
        .collect();
    let mut batched = pipeline(stages).with_workers(NonZeroUsize::new(2).expect("two"));
    let inputs: Vec<Input<'_>> = messages.iter().map(|m| Input::new(m)).collect();
    let got: Vec<String> = batched
        .process_batch(&inputs)
        .iter()
        .map(|processed| format!("{:?}", processed.outcome))
        .collect();
    assert_eq!(got, expected, "a batch must end as one-by-one processing");
});
