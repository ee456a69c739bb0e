//! The `[extract]` configuration section.

use std::path::PathBuf;

use serde::Deserialize;

use crate::settings::{InvalidSetting, Section};

/// The `[extract]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExtractConfig {
    /// Directory of dictionaries (the eleven files of `config/dictionaries/`: `countries.toml`,
    /// `organisations.toml`, `office_holders.toml`, `agents.toml`, `places.toml`,
    /// `patterns.toml`, `cameo.toml`, `armed_groups.toml`, `gazetteer.toml`,
    /// `confidence.toml`, `domestic.toml`); `None` (empty in the file) means the dictionaries
    /// built into the binary.
    #[serde(deserialize_with = "crate::settings::empty_as_none")]
    pub dictionaries: Option<PathBuf>,
    /// Events whose confidence is below this (0 to 1) are not emitted; 0 keeps every event.
    pub min_confidence: f64,
    /// Sentences longer than this many bytes are skipped: they are tables, lists or markup
    /// rather than prose, and coding them would only produce noise.
    pub max_sentence_bytes: usize,
}

/// The documented defaults of `config/default.toml`.
impl Default for ExtractConfig {
    fn default() -> Self {
        crate::settings::documented()
    }
}

impl Section for ExtractConfig {
    const NAME: &'static str = "extract";

    fn check(&self) -> Result<(), InvalidSetting> {
        if !(0.0..=1.0).contains(&self.min_confidence) {
            return Err(InvalidSetting::new(
                "min_confidence",
                format!("must be between 0 and 1, got {}", self.min_confidence),
            ));
        }
        if self.max_sentence_bytes < 20 {
            return Err(InvalidSetting::new(
                "max_sentence_bytes",
                format!("must be at least 20, got {}", self.max_sentence_bytes),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_name_their_key() {
        assert_eq!(ExtractConfig::default().check(), Ok(()));
        let bad = ExtractConfig {
            min_confidence: 1.5,
            ..ExtractConfig::default()
        };
        assert_eq!(bad.check().map_err(|e| e.key), Err("min_confidence".into()));
        let bad = ExtractConfig {
            max_sentence_bytes: 3,
            ..ExtractConfig::default()
        };
        assert_eq!(
            bad.check().map_err(|e| e.key),
            Err("max_sentence_bytes".into())
        );
    }
}
