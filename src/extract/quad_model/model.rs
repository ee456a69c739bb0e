//! The weights: a multinomial logistic regression over a sentence's hashed features, read from
//! `config/models/quad_class.json` (written by `config/models/train_quad_class.py`, `make
//! train-quad-class`) and validated once.
//!
//! The file names its classes by their generic CAMEO codes (`classes`), gives one bias per
//! class and, for each bucket that weighs anything, one weight per class.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::classes::{EventClass, COUNT};
use super::features::buckets_of;
use crate::extract::DictionaryError;

/// The file the weights come from, for error messages.
pub(super) const FILE: &str = "config/models/quad_class.json";

/// The weights built into the binary.
const EMBEDDED: &str = include_str!("../../../config/models/quad_class.json");

/// Most buckets a weights file may ask for: the table from bucket to row takes four bytes a
/// bucket.
const MAX_BUCKETS: u64 = 1 << 24;
/// A bucket without weights.
const NO_ROW: u32 = u32::MAX;

/// The model's answer for one sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// The most probable class.
    pub class: EventClass,
    /// Its probability, 0 to 1.
    pub probability: f64,
    /// The summed probability of the classes of its quad class ([`EventClass::quad`]): how
    /// likely the sentence reports an event of that kind, whichever category it is.
    pub quad_probability: f64,
}

/// `quad_class.json` as the training script writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    /// What the file is and where it came from.
    #[allow(dead_code)]
    about: String,
    /// Whether adjacent word pairs are features.
    bigrams: bool,
    /// How many buckets the features are hashed into.
    buckets: u64,
    /// The classes, in weight order, by their generic CAMEO codes.
    classes: Vec<String>,
    /// One bias per class.
    bias: Vec<f64>,
    /// Bucket number -> one weight per class; buckets not listed weigh nothing.
    weights: HashMap<String, Vec<f64>>,
}

/// The compiled model: read-only once built.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadModel {
    bigrams: bool,
    buckets: u64,
    classes: Vec<EventClass>,
    bias: Vec<f64>,
    /// Bucket number -> row of `weights`, or [`NO_ROW`]: one array read per feature.
    row_of: Vec<u32>,
    /// One weight per class for each bucket that has weights, row after row.
    weights: Vec<f64>,
}

impl QuadModel {
    /// The model built into the binary, parsed once per process and shared: every coder built
    /// afterwards reads the same weights.
    pub fn embedded() -> Result<&'static Self, DictionaryError> {
        static SHARED: OnceLock<Result<QuadModel, DictionaryError>> = OnceLock::new();
        SHARED
            .get_or_init(|| Self::parse(EMBEDDED))
            .as_ref()
            .map_err(copy)
    }

    /// Reads and validates a weights file: known, distinct classes, one finite weight per
    /// class for every bucket, and one bias per class.
    pub fn parse(text: &str) -> Result<Self, DictionaryError> {
        let raw: RawModel = serde_json::from_str(text).map_err(|e| DictionaryError::Parse {
            file: FILE.to_owned(),
            message: e.to_string(),
        })?;
        if !(1..=MAX_BUCKETS).contains(&raw.buckets) {
            return Err(DictionaryError::invalid(
                FILE,
                "buckets",
                format!("must be between 1 and {MAX_BUCKETS}"),
            ));
        }
        let classes = classes(&raw.classes)?;
        let n = classes.len();
        let bias = per_class(&raw.bias, n, "bias")?;
        let mut row_of = vec![NO_ROW; raw.buckets as usize];
        let mut weights = Vec::with_capacity(raw.weights.len() * n);
        for (bucket, w) in &raw.weights {
            let b: u64 = bucket
                .parse()
                .ok()
                .filter(|b| *b < raw.buckets)
                .ok_or_else(|| {
                    DictionaryError::invalid(FILE, bucket, "not a bucket number below buckets")
                })?;
            row_of[b as usize] = (weights.len() / n) as u32;
            weights.extend(per_class(w, n, bucket)?);
        }
        Ok(Self {
            bigrams: raw.bigrams,
            buckets: raw.buckets,
            classes,
            bias,
            row_of,
            weights,
        })
    }

    /// The most probable class of the sentence and its probability.
    pub fn classify(&self, sentence: &str) -> Prediction {
        let n = self.classes.len();
        let mut scores = [0.0; COUNT];
        let z = &mut scores[..n];
        z.copy_from_slice(&self.bias);
        for bucket in buckets_of(sentence, self.bigrams, self.buckets) {
            let row = self.row_of[bucket as usize];
            if row != NO_ROW {
                let start = row as usize * n;
                for (zk, wk) in z.iter_mut().zip(&self.weights[start..start + n]) {
                    *zk += wk;
                }
            }
        }
        // The first of equal scores wins, as in the training script.
        let best = (1..n).fold(0, |best, k| if z[k] > z[best] { k } else { best });
        let class = self.classes[best];
        let (mut total, mut same_quad) = (0.0, 0.0);
        for (zk, c) in z.iter().zip(&self.classes) {
            let e = (zk - z[best]).exp();
            total += e;
            if c.quad() == class.quad() {
                same_quad += e;
            }
        }
        Prediction {
            class,
            probability: 1.0 / total,
            quad_probability: same_quad / total,
        }
    }
}

/// The classes a file names, each by a known generic code and once.
fn classes(codes: &[String]) -> Result<Vec<EventClass>, DictionaryError> {
    let mut out: Vec<EventClass> = Vec::with_capacity(codes.len());
    for code in codes {
        let class = EventClass::of_generic_code(code).ok_or_else(|| {
            DictionaryError::invalid(FILE, code, "not the generic code of an event class")
        })?;
        if out.contains(&class) {
            return Err(DictionaryError::invalid(FILE, code, "class listed twice"));
        }
        out.push(class);
    }
    if out.is_empty() {
        return Err(DictionaryError::invalid(FILE, "classes", "lists no class"));
    }
    Ok(out)
}

/// Exactly one finite number per class, or an error naming the entry.
fn per_class(values: &[f64], classes: usize, entry: &str) -> Result<Vec<f64>, DictionaryError> {
    if values.len() != classes {
        return Err(DictionaryError::invalid(
            FILE,
            entry,
            format!("needs {classes} weights, one per class"),
        ));
    }
    if values.iter().any(|w| !w.is_finite()) {
        return Err(DictionaryError::invalid(
            FILE,
            entry,
            "weight is not a finite number",
        ));
    }
    Ok(values.to_vec())
}

/// The same error again, for each caller of the shared model (a parse of the built-in file
/// fails with `Parse` or `Invalid` only).
fn copy(e: &DictionaryError) -> DictionaryError {
    match e {
        DictionaryError::Invalid {
            file,
            entry,
            reason,
        } => DictionaryError::invalid(file, entry.clone(), reason.clone()),
        other => DictionaryError::Parse {
            file: FILE.to_owned(),
            message: match other {
                DictionaryError::Parse { message, .. } => message.clone(),
                _ => other.to_string(),
            },
        },
    }
}
