//! Settings: raw layered configuration -> validated, typed `Settings`.
//!
//! (Being written: see the foundation issue.) Stage modules own the config section of their
//! stage and validate it with [`InvalidSetting`], naming keys relative to their section.

use std::fmt;

/// A configuration value that parsed but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSetting {
    /// Dotted key path, e.g. `dedup.threshold`.
    pub key: String,
    /// What is wrong and what would be right, lower-case.
    pub reason: String,
}

impl InvalidSetting {
    /// A new invalid-setting error for `key`.
    pub fn new(key: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            reason: reason.into(),
        }
    }

    /// The same error with the key prefixed by its section (`threshold` -> `dedup.threshold`).
    pub fn in_section(mut self, section: &str) -> Self {
        self.key = format!("{section}.{}", self.key);
        self
    }
}

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid value for `{}`: {}", self.key, self.reason)
    }
}

impl std::error::Error for InvalidSetting {}
