//! Why a message could not become an article.

/// Why a message could not become an article; each becomes a dead letter whose reason header is
/// [`NormalizeError::kind`].
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum NormalizeError {
    /// Not UTF-8.
    #[error("message is not valid utf-8: {0}")]
    InvalidUtf8(String),
    /// Looked like JSON (starts with `{`) but did not parse, or nested too deeply.
    #[error("message is not valid json: {0}")]
    InvalidJson(String),
    /// Valid JSON, but not an object.
    #[error("message is a json {found}, expected an object with the article fields")]
    NotAnObject {
        /// The JSON type found ("array", "string", ...).
        found: &'static str,
    },
    /// A known field had the wrong JSON type.
    #[error("field `{field}` is a json {found}, expected {expected}")]
    InvalidField {
        /// The field as named in the message.
        field: String,
        /// What the field may be.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// The id is longer than [`super::decode::MAX_ID_BYTES`].
    #[error(
        "field `id` is {length} bytes, over the {}-byte limit",
        super::decode::MAX_ID_BYTES
    )]
    IdTooLong {
        /// Its length in bytes.
        length: usize,
    },
    /// No text to code: no body, html or plain text at all.
    #[error("article has no body text (fields body, content, text or html)")]
    EmptyBody,
    /// There was text, but all of it was boilerplate (menus, share lines, credits).
    #[error("article body is only boilerplate, no story text is left after cleaning")]
    OnlyBoilerplate,
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
            Self::NotAnObject { .. } => "not_an_object",
            Self::InvalidField { .. } | Self::IdTooLong { .. } => "invalid_field",
            Self::EmptyBody => "empty_body",
            Self::OnlyBoilerplate => "only_boilerplate",
            Self::TooLarge { .. } => "too_large",
        }
    }
}
