//! Why an input is a dead letter, and which stage failed: typed here, spelled as strings only
//! at the edges (the `demarche.error.kind` header, metric labels, `demarche extract`'s report).
//!
//! The strings are a public contract (README, `schemas/dead-letter.schema.json`, dashboards):
//! the tests below pin them.

use std::fmt;

use crate::normalize::NormalizeError;

/// Why a message is a dead letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// The stable reason.
    pub reason: DeadLetterReason,
    /// A readable explanation.
    pub message: String,
    /// The stage that failed internally, when the cause is a bug rather than the input.
    pub failed_stage: Option<Stage>,
}

/// The stable reason of a dead letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadLetterReason {
    /// Not UTF-8.
    InvalidUtf8,
    /// Not JSON, though it looked like it.
    InvalidJson,
    /// JSON, but not an object.
    NotAnObject,
    /// A field of the wrong type, or an id too long.
    InvalidField,
    /// No body text.
    EmptyBody,
    /// Only boilerplate once cleaned.
    OnlyBoilerplate,
    /// The message is over `normalize.max_message_bytes`.
    TooLarge,
    /// A record it would publish is over `topics.max_record_bytes`.
    OutputTooLarge,
    /// A stage failed on it (a bug): see [`DeadLetter::failed_stage`].
    InternalError,
}

impl DeadLetterReason {
    /// Every reason, in the order of the schema's enumeration.
    pub const ALL: [Self; 9] = [
        Self::InvalidUtf8,
        Self::InvalidJson,
        Self::NotAnObject,
        Self::InvalidField,
        Self::EmptyBody,
        Self::OnlyBoilerplate,
        Self::TooLarge,
        Self::OutputTooLarge,
        Self::InternalError,
    ];

    /// The wire form: the `demarche.error.kind` header and the metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidUtf8 => "invalid_utf8",
            Self::InvalidJson => "invalid_json",
            Self::NotAnObject => "not_an_object",
            Self::InvalidField => "invalid_field",
            Self::EmptyBody => "empty_body",
            Self::OnlyBoilerplate => "only_boilerplate",
            Self::TooLarge => "too_large",
            Self::OutputTooLarge => "output_too_large",
            Self::InternalError => "internal_error",
        }
    }
}

impl From<&NormalizeError> for DeadLetterReason {
    fn from(error: &NormalizeError) -> Self {
        match error {
            NormalizeError::InvalidUtf8(_) => Self::InvalidUtf8,
            NormalizeError::InvalidJson(_) => Self::InvalidJson,
            NormalizeError::NotAnObject { .. } => Self::NotAnObject,
            NormalizeError::InvalidField { .. } | NormalizeError::IdTooLong { .. } => {
                Self::InvalidField
            }
            NormalizeError::EmptyBody => Self::EmptyBody,
            NormalizeError::OnlyBoilerplate => Self::OnlyBoilerplate,
            NormalizeError::TooLarge { .. } => Self::TooLarge,
        }
    }
}

impl fmt::Display for DeadLetterReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stage of the processing of one input, as timed and as named when it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Decode and normalize.
    Normalize,
    /// Fingerprint and verdict.
    Dedup,
    /// Event coding.
    Extract,
    /// Serializing the outcome's records.
    Publish,
}

impl Stage {
    /// The metric label (`stage` of the stage-duration and processing-error metrics).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normalize => "normalize",
            Self::Dedup => "dedup",
            Self::Extract => "extract",
            Self::Publish => "publish",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reasons_are_those_the_dead_letter_schema_lists_in_its_order() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/dead-letter.schema.json"))
                .expect("schema");
        let listed = &schema["properties"]["demarche.error.kind"]["enum"];
        let ours: Vec<&str> = DeadLetterReason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(*listed, serde_json::json!(ours));
    }

    #[test]
    fn a_normalize_error_keeps_the_reason_it_names_itself() {
        let errors = [
            NormalizeError::InvalidUtf8("x".into()),
            NormalizeError::InvalidJson("x".into()),
            NormalizeError::NotAnObject { found: "array" },
            NormalizeError::InvalidField {
                field: "title".into(),
                expected: "a string",
                found: "number",
            },
            NormalizeError::IdTooLong { length: 9_999 },
            NormalizeError::EmptyBody,
            NormalizeError::OnlyBoilerplate,
            NormalizeError::TooLarge { size: 2, limit: 1 },
        ];
        for error in &errors {
            assert_eq!(
                DeadLetterReason::from(error).as_str(),
                error.kind(),
                "{error}"
            );
        }
    }

    #[test]
    fn stages_keep_their_metric_labels() {
        let labels: Vec<&str> = [
            Stage::Normalize,
            Stage::Dedup,
            Stage::Extract,
            Stage::Publish,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect();
        assert_eq!(labels, ["normalize", "dedup", "extract", "publish"]);
    }
}
