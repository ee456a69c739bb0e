//! Confidence: the probability that a coded event is right, from a logistic model over a few
//! features of the event (how specific its pattern is, whether its actors and target are known,
//! hedging, anaphora, its quad class). The weights are data (`confidence.toml`), trained by
//! `make train-confidence` on the development (even) halves of the external sets and checked on
//! the held-out halves (`make eval-external` prints the calibration table).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::cameo::CameoTable;
use super::roles::Coded;
use super::DictionaryError;

/// The file the weights come from, for error messages.
const FILE: &str = "confidence.toml";

/// The features, in weight order; every one is 0 or 1 but the bias.
pub const FEATURES: [&str; 15] = [
    "bias",
    "specificity_2",
    "specificity_3_plus",
    "target",
    "source_country",
    "target_country",
    "source_named",
    "hedged",
    "anaphoric",
    "indirect",
    "shifted",
    "quad_verbal_cooperation",
    "quad_material_cooperation",
    "quad_verbal_conflict",
    "quad_material_conflict",
];

/// The feature vector of one event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features(pub [f64; FEATURES.len()]);

impl Features {
    /// The features of a coded event; `cameo` gives its quad class.
    pub fn of(c: &Coded, cameo: &CameoTable) -> Self {
        let quad = cameo.get(c.code).map_or(0, |e| e.cameo.quad_class);
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let target_country = c
            .target
            .as_ref()
            .is_some_and(|t| t.actor.country.is_some() || t.actor.code.is_intergovernmental());
        Self([
            1.0,
            flag(c.specificity == 2),
            flag(c.specificity >= 3),
            flag(c.target.is_some()),
            flag(c.source.actor.country.is_some() || c.source.actor.code.is_intergovernmental()),
            flag(target_country),
            flag(c.source.actor.name.is_some()),
            flag(c.hedged),
            flag(c.anaphoric),
            flag(c.indirect),
            flag(c.shift.is_some()),
            flag(quad == 1),
            flag(quad == 2),
            flag(quad == 3),
            flag(quad == 4),
        ])
    }
}

/// `confidence.toml`: one weight per feature.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceFile {
    /// Feature name -> weight.
    pub weights: BTreeMap<String, f64>,
}

/// The compiled model.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceModel {
    weights: [f64; FEATURES.len()],
}

impl ConfidenceModel {
    /// Validates the weights: every feature once, no other key, finite values.
    pub fn new(file: &ConfidenceFile) -> Result<Self, DictionaryError> {
        if let Some(unknown) = file
            .weights
            .keys()
            .find(|k| !FEATURES.contains(&k.as_str()))
        {
            return Err(DictionaryError::invalid(FILE, unknown, "unknown feature"));
        }
        let mut weights = [0.0; FEATURES.len()];
        for (w, name) in weights.iter_mut().zip(FEATURES) {
            *w = *file
                .weights
                .get(name)
                .ok_or_else(|| DictionaryError::invalid(FILE, name, "weight missing"))?;
            if !w.is_finite() {
                return Err(DictionaryError::invalid(
                    FILE,
                    name,
                    "weight is not a finite number",
                ));
            }
        }
        Ok(Self { weights })
    }

    /// The probability that an event with these features is right, rounded to two decimals.
    pub fn predict(&self, features: &Features) -> f64 {
        let z: f64 = self
            .weights
            .iter()
            .zip(features.0)
            .map(|(w, x)| w * x)
            .sum();
        let p = 1.0 / (1.0 + (-z).exp());
        (p * 100.0).round() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(pairs: &[(&str, f64)]) -> ConfidenceFile {
        ConfidenceFile {
            weights: pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        }
    }

    fn all(value: f64) -> Vec<(&'static str, f64)> {
        FEATURES.iter().map(|f| (*f, value)).collect()
    }

    #[test]
    fn a_missing_or_unknown_feature_is_refused_by_name() {
        let mut pairs = all(0.0);
        pairs.pop();
        let err = ConfidenceModel::new(&file(&pairs)).unwrap_err().to_string();
        assert!(err.contains("quad_material_conflict"), "{err}");
        let mut pairs = all(0.0);
        pairs.push(("verb_tense", 1.0));
        let err = ConfidenceModel::new(&file(&pairs)).unwrap_err().to_string();
        assert!(err.contains("verb_tense"), "{err}");
    }

    #[test]
    fn the_prediction_is_the_logistic_of_the_weighted_features() {
        let model = ConfidenceModel::new(&file(&all(0.0))).expect("model");
        let mut x = Features([0.0; FEATURES.len()]);
        assert_eq!(model.predict(&x), 0.5);
        let mut pairs = all(0.0);
        pairs[0].1 = 2.0;
        pairs[3].1 = -4.0;
        let model = ConfidenceModel::new(&file(&pairs)).expect("model");
        x.0[0] = 1.0;
        assert_eq!(model.predict(&x), 0.88);
        x.0[3] = 1.0;
        assert_eq!(model.predict(&x), 0.12);
    }
}
