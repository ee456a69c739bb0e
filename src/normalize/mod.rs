//! Normalization: raw message bytes -> clean [`Article`]. (Placeholder being replaced by the
//! normalization issue; interface is fixed.)

use serde::Deserialize;

use crate::model::{Article, ArticleId, DatePrecision};
use crate::settings::InvalidSetting;

/// The `[normalize]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct NormalizeConfig {
    /// Largest accepted message, bytes.
    pub max_message_bytes: usize,
    /// ISO 639-1 codes of the languages the coder supports.
    pub languages: Vec<String>,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        Self {
            max_message_bytes: 1 << 20,
            languages: vec!["en".into()],
        }
    }
}

impl NormalizeConfig {
    /// Checks values serde cannot; keys are relative to `[normalize]`.
    pub fn validate(&self) -> Result<(), InvalidSetting> {
        if self.max_message_bytes == 0 {
            return Err(InvalidSetting::new("max_message_bytes", "must be positive"));
        }
        Ok(())
    }
}

/// Why a message could not become an article; each becomes a dead letter.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum NormalizeError {
    /// Not UTF-8.
    #[error("message is not valid utf-8: {0}")]
    InvalidUtf8(String),
    /// Looked like JSON but did not parse.
    #[error("message is not valid json: {0}")]
    InvalidJson(String),
    /// No text to code.
    #[error("article has no body text")]
    EmptyBody,
    /// Over the size cap.
    #[error("message is {size} bytes, over the {limit}-byte cap (normalize.max_message_bytes)")]
    TooLarge {
        /// Message size.
        size: usize,
        /// The cap.
        limit: usize,
    },
}

impl NormalizeError {
    /// Stable machine-readable kind, used as the dead-letter reason and metric label.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidUtf8(_) => "invalid_utf8",
            Self::InvalidJson(_) => "invalid_json",
            Self::EmptyBody => "empty_body",
            Self::TooLarge { .. } => "too_large",
        }
    }
}

/// The composed normalization stages.
#[derive(Debug, Clone)]
pub struct Normalizer {
    config: NormalizeConfig,
}

impl Normalizer {
    /// Builds the normalizer from its validated config.
    pub fn new(config: &NormalizeConfig) -> Result<Self, InvalidSetting> {
        config.validate().map_err(|e| e.in_section("normalize"))?;
        Ok(Self {
            config: config.clone(),
        })
    }

    /// Whether articles in `language` are coded.
    pub fn supports_language(&self, language: &str) -> bool {
        self.config.languages.iter().any(|l| l == language)
    }

    /// Turns one raw message payload into an article.
    pub fn normalize(&self, payload: &[u8]) -> Result<Article, NormalizeError> {
        if payload.len() > self.config.max_message_bytes {
            return Err(NormalizeError::TooLarge {
                size: payload.len(),
                limit: self.config.max_message_bytes,
            });
        }
        let text =
            std::str::from_utf8(payload).map_err(|e| NormalizeError::InvalidUtf8(e.to_string()))?;
        let (id, title, body) = if text.trim_start().starts_with('{') {
            let v: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| NormalizeError::InvalidJson(e.to_string()))?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
            (s("id"), s("title"), s("body"))
        } else {
            let (t, b) = text.split_once('\n').unwrap_or((text, ""));
            (String::new(), t.trim().to_owned(), b.trim().to_owned())
        };
        if body.trim().is_empty() {
            return Err(NormalizeError::EmptyBody);
        }
        let id = if id.is_empty() {
            format!("{:016x}", xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
        } else {
            id
        };
        Ok(Article {
            id: ArticleId::new(id),
            url: None,
            source: None,
            title,
            body,
            published_at: None,
            date_precision: DatePrecision::Unknown,
            language: "en".into(),
            wire_sources: vec![],
            dateline: None,
        })
    }
}
