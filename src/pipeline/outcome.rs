//! What processing one input gives: its [`Outcome`] and where the time went.

use std::time::Duration;

use super::dead_letter::{DeadLetter, Stage};
use crate::dedup::{Fingerprint, Verdict};
use crate::model::{ArticleId, DiplomaticEvent};

/// How one input ended. Not an error: every variant is an expected, counted result.
#[derive(Debug)]
pub enum Outcome {
    /// A new article, coded; `events` may be empty (the outcome is then "no events"). Its
    /// fingerprint is written to the changelog with the events.
    Coded {
        /// The article's id.
        article_id: ArticleId,
        /// What the dedup index learnt of it.
        fingerprint: Fingerprint,
        /// The coded events, in sentence order.
        events: Vec<DiplomaticEvent>,
    },
    /// An article seen before; not coded again.
    Duplicate {
        /// The duplicate's id.
        article_id: ArticleId,
        /// Of what it is a duplicate, and how.
        verdict: Verdict,
    },
    /// An article in a language the coder does not support.
    UnsupportedLanguage {
        /// The article's id.
        article_id: ArticleId,
        /// The language given or detected.
        language: String,
    },
    /// A message that could not be read; it goes to the dead letter topic.
    DeadLetter(DeadLetter),
}

/// The kind of an [`Outcome`], as counted in metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// New article with at least one event.
    Published,
    /// New article without events.
    NoEvents,
    /// Exact or near duplicate.
    Duplicate,
    /// Not in a supported language.
    UnsupportedLanguage,
    /// Could not be read.
    DeadLetter,
}

impl OutcomeKind {
    /// The metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::NoEvents => "no_events",
            Self::Duplicate => "duplicate",
            Self::UnsupportedLanguage => "unsupported_language",
            Self::DeadLetter => "dead_letter",
        }
    }
}

impl Outcome {
    /// The kind, for counting.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Self::Coded { events, .. } if events.is_empty() => OutcomeKind::NoEvents,
            Self::Coded { .. } => OutcomeKind::Published,
            Self::Duplicate { .. } => OutcomeKind::Duplicate,
            Self::UnsupportedLanguage { .. } => OutcomeKind::UnsupportedLanguage,
            Self::DeadLetter(_) => OutcomeKind::DeadLetter,
        }
    }

    /// The dead-letter reason or the duplicate kind, the label that qualifies the kind.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            Self::DeadLetter(dl) => Some(dl.reason.as_str()),
            Self::Duplicate { verdict, .. } => match verdict {
                Verdict::ExactDuplicate { .. } => Some("exact"),
                Verdict::NearDuplicate { .. } => Some("near"),
                Verdict::New => None,
            },
            _ => None,
        }
    }
}

/// Time spent in each stage for one input.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    /// Decode and normalize.
    pub normalize: Duration,
    /// Fingerprint and verdict.
    pub dedup: Duration,
    /// Event coding.
    pub extract: Duration,
}

impl StageTimings {
    /// (stage, time) for each stage that ran.
    pub fn iter(&self) -> impl Iterator<Item = (Stage, Duration)> {
        [
            (Stage::Normalize, self.normalize),
            (Stage::Dedup, self.dedup),
            (Stage::Extract, self.extract),
        ]
        .into_iter()
        .filter(|(_, took)| !took.is_zero())
    }
}

/// One processed input.
#[derive(Debug)]
pub struct Processed {
    /// How it ended.
    pub outcome: Outcome,
    /// Where the time went.
    pub timings: StageTimings,
}
