//! The `[normalize]` config section.

use std::path::PathBuf;

use serde::Deserialize;

use crate::settings::{InvalidSetting, Section};

/// The `[normalize]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NormalizeConfig {
    /// Largest accepted message, bytes; larger messages become `too_large` dead letters.
    pub max_message_bytes: usize,
    /// ISO 639-1 codes of the languages the coder supports; articles in any other language get
    /// the outcome `unsupported_language`.
    pub languages: Vec<String>,
    /// ISO 639-1 code assumed when the message names no language and its text is too short to
    /// detect one reliably.
    pub default_language: String,
    /// Bodies shorter than this many characters are not run through language detection: the
    /// given language (or `default_language`) is trusted instead.
    pub min_detect_chars: usize,
    /// Sources whose numeric dates are month-first ("11/02/2013" is 2 November): publisher names
    /// as they appear in `source` ("CNN") or host names and host suffixes ("nytimes.com", ".us").
    /// Every other source is read day-first; a date whose first number is over 12 ("13/02")
    /// is day-first whatever the source.
    pub month_first: Vec<String>,
    /// A TOML file of boilerplate rules replacing the built-in
    /// `config/normalize/boilerplate.toml`; `None` (empty in the file) for the built-in rules.
    #[serde(deserialize_with = "crate::settings::empty_as_none")]
    pub boilerplate_rules: Option<PathBuf>,
}

/// The documented defaults of `config/default.toml`.
impl Default for NormalizeConfig {
    fn default() -> Self {
        crate::settings::documented()
    }
}

impl Section for NormalizeConfig {
    const NAME: &'static str = "normalize";

    fn check(&self) -> Result<(), InvalidSetting> {
        if self.max_message_bytes == 0 {
            return Err(InvalidSetting::new("max_message_bytes", "must be positive"));
        }
        if self.languages.is_empty() {
            return Err(InvalidSetting::new(
                "languages",
                "must name at least one iso 639-1 code, e.g. [\"en\"]",
            ));
        }
        if let Some(bad) = self.languages.iter().find(|l| !is_iso639_1(l)) {
            return Err(InvalidSetting::new(
                "languages",
                format!("`{bad}` is not a lower-case iso 639-1 code such as \"en\""),
            ));
        }
        if !is_iso639_1(&self.default_language) {
            return Err(InvalidSetting::new(
                "default_language",
                format!(
                    "`{}` is not a lower-case iso 639-1 code such as \"en\"",
                    self.default_language
                ),
            ));
        }
        if self.month_first.iter().any(|s| s.trim().is_empty()) {
            return Err(InvalidSetting::new(
                "month_first",
                "entries must be source names or host names, not empty",
            ));
        }
        Ok(())
    }
}

/// Two lower-case ASCII letters.
fn is_iso639_1(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}
