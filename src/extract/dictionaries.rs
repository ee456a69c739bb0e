//! The compiled dictionaries a sentence is coded against, passed beside the sentence view
//! ([`super::sentence::Sentence`]): built once with the coder, shared read-only.

use crate::model::CoderInfo;

use super::cameo::CameoTable;
use super::patterns::Patterns;

/// The pattern phrases, the CAMEO table and the versions every event records.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    /// The event and marker patterns, with the negation, hedge and reporting words.
    pub patterns: Patterns,
    /// The CAMEO table.
    pub cameo: CameoTable,
    /// Coder and dictionary versions.
    pub info: CoderInfo,
}
