//! The compiled dictionaries a sentence is coded against, passed beside the sentence view
//! ([`super::sentence::Sentence`]): built once with the coder, shared read-only.

use crate::model::CoderInfo;

use super::cameo::CameoTable;
use super::patterns::Patterns;
use super::sentences::SentenceSpan;
use super::tokens::Tokens;
use super::word_classes::WordTable;

/// The pattern phrases, the CAMEO table, the word lists and the versions every event records.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    /// The event and marker patterns, with the negation, hedge and reporting words.
    pub patterns: Patterns,
    /// The CAMEO table.
    pub cameo: CameoTable,
    /// The closed word lists, which sentences are tokenized with.
    pub word_classes: WordTable,
    /// Coder and dictionary versions.
    pub info: CoderInfo,
}

impl Dictionaries {
    /// The tokens of the sentence at `span` of the article body `body`, with these
    /// dictionaries' word lists.
    pub fn tokens(&self, body: &str, span: SentenceSpan) -> Tokens {
        Tokens::with_classes(&body[span.start..span.end], span.start, &self.word_classes)
    }
}
