//! Event coding: article text -> CAMEO events. (Placeholder being replaced by the coding issue;
//! interface is fixed.)

use std::path::Path;

use serde::Deserialize;

use crate::model::{Article, DiplomaticEvent};
use crate::settings::InvalidSetting;

/// The `[extract]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ExtractConfig {
    /// Directory of dictionaries; empty means the dictionaries built into the binary.
    pub dictionaries: String,
}

impl ExtractConfig {
    /// Checks values serde cannot; keys are relative to `[extract]`.
    pub fn validate(&self) -> Result<(), InvalidSetting> {
        Ok(())
    }
}

/// Why dictionaries could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A file could not be read.
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The compiled coder.
#[derive(Debug)]
pub struct Coder {
    dictionary_version: String,
}

impl Coder {
    /// The coder with the built-in dictionaries.
    pub fn embedded() -> Result<Self, DictionaryError> {
        Ok(Self {
            dictionary_version: "none".into(),
        })
    }

    /// The coder with dictionaries from `dir`.
    pub fn from_dir(_dir: &Path) -> Result<Self, DictionaryError> {
        Self::embedded()
    }

    /// The coder the config asks for.
    pub fn from_config(config: &ExtractConfig) -> Result<Self, DictionaryError> {
        if config.dictionaries.is_empty() {
            Self::embedded()
        } else {
            Self::from_dir(Path::new(&config.dictionaries))
        }
    }

    /// Content hash of the dictionaries.
    pub fn dictionary_version(&self) -> &str {
        &self.dictionary_version
    }

    /// Codes every event of an article.
    pub fn code(&self, _article: &Article) -> Vec<DiplomaticEvent> {
        Vec::new()
    }
}
