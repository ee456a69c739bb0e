//! The pure pipeline: raw payload -> [`Outcome`], decided in one place.
//!
//! decode + normalize -> dedup verdict -> extract. Synchronous and deterministic: the same
//! payloads in the same order with the same dictionaries give byte-identical events, whether
//! they come from Kafka or from `demarche extract`. The only state is the dedup index, which the
//! Kafka side also feeds from the changelog topic.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::dedup::{decode_changelog, DedupIndex, Fingerprint, Verdict};
use crate::extract::Coder;
use crate::model::{Article, ArticleId, DiplomaticEvent};
use crate::normalize::Normalizer;
use crate::replay::{Origin, ReplayGuard};

/// Origins remembered to recognise replays; far above what can be in flight.
const REPLAY_MEMORY: usize = 1 << 16;

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

/// Why a message is a dead letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    /// Stable snake_case reason ("invalid_json", "too_large", "internal_error").
    pub reason: &'static str,
    /// A readable explanation.
    pub message: String,
    /// The stage that failed internally, when the cause is a bug rather than the input.
    pub failed_stage: Option<&'static str>,
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
            Self::DeadLetter(dl) => Some(dl.reason),
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
    /// (stage label, time) for each stage that ran.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Duration)> {
        [
            ("normalize", self.normalize),
            ("dedup", self.dedup),
            ("extract", self.extract),
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

/// Why a changelog record could not be applied (it is skipped and counted, never fatal).
#[derive(Debug, thiserror::Error)]
#[error("changelog record for `{key}` cannot be decoded: {message}")]
pub struct ChangelogRecordError {
    /// The record key, lossily decoded.
    pub key: String,
    /// The decoder's complaint.
    pub message: String,
}

/// The composed stages and the dedup index.
pub struct Pipeline {
    normalizer: Normalizer,
    index: DedupIndex,
    coder: Arc<Coder>,
    replays: ReplayGuard,
    /// Ids expired from the index and not yet taken (to be tombstoned in the changelog).
    expired: Vec<ArticleId>,
}

impl Pipeline {
    /// Composes built stages.
    pub fn new(normalizer: Normalizer, index: DedupIndex, coder: Arc<Coder>) -> Self {
        Self {
            normalizer,
            index,
            coder,
            replays: ReplayGuard::new(REPLAY_MEMORY),
            expired: Vec::new(),
        }
    }

    /// The coder in use (for its dictionary version).
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// Runs one raw payload through every stage.
    pub fn process(&mut self, payload: &[u8]) -> Processed {
        self.process_from(payload, None)
    }

    /// Runs one payload read at `origin` (see [`crate::replay`]) through every stage.
    pub fn process_from(&mut self, payload: &[u8], origin: Option<Origin>) -> Processed {
        let mut timings = StageTimings::default();
        let outcome = self.decide(payload, origin, &mut timings);
        if let (Outcome::Coded { article_id, .. }, Some(origin)) = (&outcome, origin) {
            self.replays.remember(article_id.clone(), origin);
        }
        Processed { outcome, timings }
    }

    fn decide(
        &mut self,
        payload: &[u8],
        origin: Option<Origin>,
        timings: &mut StageTimings,
    ) -> Outcome {
        let started = Instant::now();
        let normalized = guarded("normalize", || self.normalizer.normalize(payload));
        timings.normalize = started.elapsed();
        let article = match normalized {
            Ok(Ok(article)) => article,
            Ok(Err(e)) => {
                return Outcome::DeadLetter(DeadLetter {
                    reason: e.kind(),
                    message: e.to_string(),
                    failed_stage: None,
                })
            }
            Err(dead) => return Outcome::DeadLetter(dead),
        };
        if !self.normalizer.supports_language(&article.language) {
            return Outcome::UnsupportedLanguage {
                article_id: article.id,
                language: article.language,
            };
        }
        let started = Instant::now();
        let index = &self.index;
        let checked = guarded("dedup", || {
            let fingerprint = index.fingerprint(&article);
            let verdict = index.check(&fingerprint);
            (fingerprint, verdict)
        });
        timings.dedup = started.elapsed();
        let (fingerprint, verdict) = match checked {
            Ok(checked) => checked,
            Err(dead) => return Outcome::DeadLetter(dead),
        };
        let replayed = match (&verdict, origin) {
            (Verdict::ExactDuplicate { of } | Verdict::NearDuplicate { of, .. }, Some(origin)) => {
                self.replays.is_replay(of, origin)
            }
            _ => false,
        };
        if verdict != Verdict::New && !replayed {
            return Outcome::Duplicate {
                article_id: article.id,
                verdict,
            };
        }
        self.code_new(article, fingerprint, timings)
    }

    /// Codes a new article and, only once it is coded, adds it to the index: an article that
    /// ends as a dead letter must not make its re-send look like a duplicate.
    fn code_new(
        &mut self,
        article: Article,
        fingerprint: Fingerprint,
        timings: &mut StageTimings,
    ) -> Outcome {
        let started = Instant::now();
        let coder = &self.coder;
        let coded = guarded("extract", || coder.code(&article));
        timings.extract = started.elapsed();
        match coded {
            Ok(events) => {
                self.index.insert(fingerprint.clone());
                // Expiring here, at a point fixed by the input order, keeps verdicts the same
                // whether the inputs come from Kafka or from `demarche extract`.
                self.expired.extend(self.index.expire());
                Outcome::Coded {
                    article_id: article.id,
                    fingerprint,
                    events,
                }
            }
            Err(dead) => Outcome::DeadLetter(dead),
        }
    }

    /// Applies one changelog record: a fingerprint, or a tombstone (`None`) removing `key`;
    /// `origin` is where the fingerprint's article was read, if the record says.
    pub fn apply_changelog(
        &mut self,
        key: &[u8],
        value: Option<&[u8]>,
        origin: Option<Origin>,
    ) -> Result<(), ChangelogRecordError> {
        let key = String::from_utf8_lossy(key);
        match value {
            None => {
                self.index.remove(&ArticleId::new(key.as_ref()));
                Ok(())
            }
            Some(bytes) => {
                let fingerprint = decode_changelog(bytes).map_err(|e| ChangelogRecordError {
                    key: key.into_owned(),
                    message: e.to_string(),
                })?;
                if let Some(origin) = origin {
                    self.replays
                        .remember(fingerprint.article_id.clone(), origin);
                }
                self.index.insert(fingerprint);
                Ok(())
            }
        }
    }

    /// Takes the ids of fingerprints that expired from the dedup window since the last call,
    /// to be tombstoned in the changelog.
    pub fn take_expired(&mut self) -> Vec<ArticleId> {
        std::mem::take(&mut self.expired)
    }

    /// Fingerprints in the dedup index.
    pub fn index_len(&self) -> usize {
        self.index.len()
    }
}

/// Runs a stage, turning a panic (a bug on some input) into a dead letter instead of a crash.
fn guarded<T>(stage: &'static str, f: impl FnOnce() -> T) -> Result<T, DeadLetter> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        DeadLetter {
            reason: "internal_error",
            message: format!("the {stage} stage failed on this input: {what}"),
            failed_stage: Some(stage),
        }
    })
}
