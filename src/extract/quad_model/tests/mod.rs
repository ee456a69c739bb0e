//! The fallback model as a specification: what it guesses, and when it stays silent.
//!
//! - `model`: how a weights file is read and a sentence classified;
//! - `guess`: the event guessed from a class, and the sentences left alone;
//! - `classes`: the classes and their CAMEO codes.

mod classes;
mod guess;
mod model;

use crate::extract::quad_model::features::{fnv1a, FNV_OFFSET};
use crate::extract::quad_model::model::QuadModel;

/// Buckets of the test models.
const BUCKETS: u64 = 1 << 16;

/// The classes of the test models: the quad classes, with material conflict split by root.
const QUAD: &str = r#"["010", "040", "060", "110", "140", "170", "180", "190"]"#;

/// A model file with these biases and these features' weights.
pub(super) fn model_file(bigrams: bool, bias: [f64; 8], weights: &[(&str, [f64; 8])]) -> String {
    let weights: Vec<String> = weights
        .iter()
        .map(|(feature, w)| format!("\"{}\": {w:?}", fnv1a(FNV_OFFSET, feature) % BUCKETS))
        .collect();
    format!(
        "{{\"about\": \"test model\", \"bigrams\": {bigrams}, \"buckets\": {BUCKETS}, \
         \"classes\": {QUAD}, \"bias\": {bias:?}, \"weights\": {{{}}}}}",
        weights.join(", ")
    )
}

/// A model that knows a handful of words: "shelled" weighs towards fighting,
/// "talks" towards verbal cooperation, "imposed sanctions" (the pair) towards verbal
/// conflict, "said" towards a statement; without a known word the statement bias wins.
pub(super) fn tiny(bigrams: bool) -> QuadModel {
    let text = model_file(
        bigrams,
        [0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        &[
            ("shelled", [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]),
            ("talks", [0.0, 2.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            (
                "imposed sanctions",
                [0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0],
            ),
            ("held", [0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]),
            ("said", [2.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        ],
    );
    QuadModel::parse(&text).expect("the tiny model is valid")
}
