//! The pure pipeline: raw payload -> [`Outcome`], decided in one place.
//!
//! decode + normalize -> dedup verdict -> extract. Synchronous and deterministic: the same
//! payloads in the same order with the same dictionaries give byte-identical events, whether
//! they come from Kafka or from `demarche extract`, and whether they are processed one by one or
//! in batches over several threads. The only state is the dedup index (which the Kafka side
//! also feeds from the changelog topic) and the replay guard.
//!
//! Each input goes through two steps. `prepare` reads the shared state only: it normalizes,
//! fingerprints, takes a provisional verdict and codes the article if that verdict says it is
//! new (or a replay); many inputs can be prepared at once on several threads. Then `settle`, in
//! input order, gives the final verdict against the index as it stands at the input's turn
//! (earlier inputs of the same batch included), codes what the provisional verdict wrongly
//! skipped, and updates the index. The outcome is therefore the one a strictly sequential run
//! gives.
//!
//! An [`Input`] carries, besides its payload, where it was read (to tell a replay from a
//! re-send) and when it was received, the time the dedup window runs on: the Kafka record
//! timestamp, or `demarche extract`'s count of inputs (see [`crate::dedup`], "Time").

mod dead_letter;
mod input;
mod outcome;
mod state;

use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

use crate::dedup::{DedupIndex, Fingerprint, ReceivedAt, Verdict};
use crate::extract::Coder;
use crate::model::{Article, ArticleId, DiplomaticEvent, Position};
use crate::normalize::Normalizer;
use crate::parallel::Workers;
use crate::replay::ReplayGuard;

pub use dead_letter::{DeadLetter, DeadLetterReason, Stage};
pub use input::Input;
pub use outcome::{Outcome, OutcomeKind, Processed, StageTimings};
pub use state::ChangelogRecordError;

/// Origins remembered to recognise replays, unless configured (`pipeline.replay_memory`).
const REPLAY_MEMORY: usize = 1 << 16;

/// One input, prepared (see the module documentation) and waiting for its turn.
struct Prepared {
    step: PreparedStep,
    timings: StageTimings,
}

enum PreparedStep {
    /// Decided without the index: a dead letter or an unsupported language.
    Final(Outcome),
    /// An article whose fingerprint or provisional verdict failed (a panic): both are taken
    /// again at its turn, against the index as sequential processing would see it.
    Unchecked(Box<Article>),
    /// An article to settle against the index.
    Article(Box<Candidate>),
}

struct Candidate {
    article: Article,
    fingerprint: Fingerprint,
    /// When the input says it was received, to take its received time again at its turn.
    received: Option<ReceivedAt>,
    /// The verdict against the index as it was when prepared, and the index's change count
    /// then: it still holds if nothing changed since (the clock included).
    provisional: Verdict,
    seen_changes: u64,
    /// The coder's result, if the provisional verdict called for coding.
    coded: Option<Result<Vec<DiplomaticEvent>, DeadLetter>>,
}

/// Whether articles are checked against the dedup index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dedup {
    /// Copies of an article seen before end as duplicates (the daemon; `extract` by default).
    #[default]
    On,
    /// Every article is coded as new and the index stays empty (`extract --no-dedup`, for a
    /// corpus already deduplicated, or to count every copy).
    Off,
}

/// The composed stages and the dedup index.
pub struct Pipeline {
    normalizer: Normalizer,
    index: DedupIndex,
    coder: Arc<Coder>,
    replays: ReplayGuard,
    /// Ids expired from the index and not yet taken (to be tombstoned in the changelog).
    expired: Vec<ArticleId>,
    /// Threads that prepare a batch.
    workers: Workers,
    dedup: Dedup,
}

impl Pipeline {
    /// Composes built stages; batches are prepared on one thread (see [`Self::with_workers`]).
    pub fn new(normalizer: Normalizer, index: DedupIndex, coder: Arc<Coder>) -> Self {
        Self {
            normalizer,
            index,
            coder,
            replays: ReplayGuard::new(REPLAY_MEMORY),
            expired: Vec::new(),
            workers: Workers::one(),
            dedup: Dedup::On,
        }
    }

    /// The same pipeline preparing batches on `workers` threads (it starts the helpers).
    pub fn with_workers(mut self, workers: NonZeroUsize) -> Self {
        self.workers = Workers::new(workers);
        self
    }

    /// Remembers the origins of the last `capacity` accepted inputs to recognise replays.
    pub fn with_replay_memory(mut self, capacity: NonZeroUsize) -> Self {
        self.replays = ReplayGuard::new(capacity.get());
        self
    }

    /// How many origins the replay guard remembers.
    pub fn replay_memory(&self) -> usize {
        self.replays.capacity()
    }

    /// The same pipeline with dedup on or off.
    pub fn with_dedup(mut self, dedup: Dedup) -> Self {
        self.dedup = dedup;
        self
    }

    /// The threads that prepare a batch, for other work of the batch (building its records).
    pub fn workers(&self) -> &Workers {
        &self.workers
    }

    /// The coder in use (for its dictionary version).
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// Runs one raw payload, read without Kafka, through every stage.
    pub fn process(&mut self, payload: &[u8]) -> Processed {
        self.process_input(Input::new(payload))
    }

    /// Runs one input through every stage.
    pub fn process_input(&mut self, input: Input<'_>) -> Processed {
        let prepared = self.prepare(input);
        self.settle(prepared, input)
    }

    /// Runs a batch of inputs through every stage; the outcomes, in order, are those of
    /// [`Self::process_input`] called on each in turn. The batch is prepared on the configured
    /// number of threads.
    pub fn process_batch(&mut self, inputs: &[Input<'_>]) -> Vec<Processed> {
        if self.workers.count().get() == 1 || inputs.len() < 2 {
            return inputs
                .iter()
                .map(|&input| self.process_input(input))
                .collect();
        }
        let prepared = self.workers.map(inputs, |&input| self.prepare(input));
        prepared
            .into_iter()
            .zip(inputs)
            .map(|(prepared, &input)| self.settle(prepared, input))
            .collect()
    }

    /// Everything that reads the shared state only: normalize, fingerprint, a provisional
    /// verdict and, if it says the article is new (or replayed), the coding.
    fn prepare(&self, input: Input<'_>) -> Prepared {
        let mut timings = StageTimings::default();
        let step = self.prepare_step(input, &mut timings);
        Prepared { step, timings }
    }

    fn prepare_step(&self, input: Input<'_>, timings: &mut StageTimings) -> PreparedStep {
        let started = Instant::now();
        let normalized = guarded(Stage::Normalize, || {
            self.normalizer.normalize(input.payload)
        });
        timings.normalize = started.elapsed();
        let article = match normalized {
            Ok(Ok(article)) => article,
            Ok(Err(e)) => {
                return PreparedStep::Final(Outcome::DeadLetter(DeadLetter {
                    reason: DeadLetterReason::from(&e),
                    message: e.to_string(),
                    failed_stage: None,
                }))
            }
            Err(dead) => return PreparedStep::Final(Outcome::DeadLetter(dead)),
        };
        if !self.normalizer.supports_language(&article.language) {
            return PreparedStep::Final(Outcome::UnsupportedLanguage {
                article_id: article.id,
                language: article.language,
            });
        }
        let Ok((fingerprint, provisional)) = self.check(&article, input.received, timings) else {
            return PreparedStep::Unchecked(Box::new(article));
        };
        let coded = self
            .to_code(&provisional, input.origin)
            .then(|| self.code(&article, timings));
        PreparedStep::Article(Box::new(Candidate {
            article,
            fingerprint,
            received: input.received,
            provisional,
            seen_changes: self.index.changes(),
            coded,
        }))
    }

    /// Gives a prepared input its final outcome against the index as it stands now, and
    /// updates the index. Inputs must be settled in the order they were read, on the pipeline
    /// that prepared them.
    fn settle(&mut self, prepared: Prepared, input: Input<'_>) -> Processed {
        let Prepared { step, mut timings } = prepared;
        let origin = input.origin;
        let outcome = match step {
            PreparedStep::Final(outcome) => outcome,
            PreparedStep::Article(candidate) => {
                self.settle_article(*candidate, origin, &mut timings)
            }
            PreparedStep::Unchecked(article) => {
                match self.check(&article, input.received, &mut timings) {
                    Ok((fingerprint, verdict)) => {
                        let candidate = Candidate {
                            article: *article,
                            fingerprint,
                            received: input.received,
                            provisional: verdict,
                            seen_changes: self.index.changes(),
                            coded: None,
                        };
                        self.settle_article(candidate, origin, &mut timings)
                    }
                    Err(dead) => Outcome::DeadLetter(dead),
                }
            }
        };
        if let (Outcome::Coded { article_id, .. }, Some(origin)) = (&outcome, origin) {
            self.replays.remember(article_id.clone(), origin);
        }
        Processed { outcome, timings }
    }

    fn settle_article(
        &mut self,
        candidate: Candidate,
        origin: Option<Position>,
        timings: &mut StageTimings,
    ) -> Outcome {
        let Candidate {
            article,
            mut fingerprint,
            received,
            provisional,
            seen_changes,
            coded,
        } = candidate;
        let verdict = if seen_changes == self.index.changes() {
            provisional
        } else {
            let started = Instant::now();
            let index = &self.index;
            let checked = guarded(Stage::Dedup, || {
                // The received time is taken against the index's clock at the input's turn.
                fingerprint.received_at = index.received_at(received, article.published_at);
                index.check(&fingerprint)
            });
            timings.dedup += started.elapsed();
            match checked {
                Ok(verdict) => verdict,
                Err(dead) => return Outcome::DeadLetter(dead),
            }
        };
        if !self.to_code(&verdict, origin) {
            return Outcome::Duplicate {
                article_id: article.id,
                verdict,
            };
        }
        let coded = match coded {
            Some(coded) => coded,
            None => self.code(&article, timings),
        };
        match coded {
            Ok(events) => {
                // With dedup off nothing is remembered, so nothing expires.
                if self.dedup == Dedup::On {
                    // Only once coded does an article enter the index: one that ends as a dead
                    // letter must not make its re-send look like a duplicate. Received no
                    // earlier than the clock, it is never past the window already.
                    self.index.insert(fingerprint.clone());
                    // Expiring here, at a point fixed by the input order, keeps verdicts the
                    // same for the same inputs and received times, in batches or one by one.
                    self.expired.extend(self.index.expire());
                }
                Outcome::Coded {
                    article_id: article.id,
                    fingerprint,
                    events,
                }
            }
            Err(dead) => Outcome::DeadLetter(dead),
        }
    }

    /// Fingerprints an article whose input says it was received at `received`, and checks it
    /// against the index as it stands now.
    fn check(
        &self,
        article: &Article,
        received: Option<ReceivedAt>,
        timings: &mut StageTimings,
    ) -> Result<(Fingerprint, Verdict), DeadLetter> {
        let started = Instant::now();
        let (index, dedup) = (&self.index, self.dedup);
        let checked = guarded(Stage::Dedup, || {
            // The fingerprint is taken either way: a coded outcome carries it.
            let fingerprint = index.fingerprint(article, received);
            let verdict = match dedup {
                Dedup::On => index.check(&fingerprint),
                Dedup::Off => Verdict::New,
            };
            (fingerprint, verdict)
        });
        timings.dedup += started.elapsed();
        checked
    }

    /// Whether an input with this verdict is coded: a new article, or one that duplicates only
    /// itself, read again from the same position (a replay).
    fn to_code(&self, verdict: &Verdict, origin: Option<Position>) -> bool {
        match (verdict, origin) {
            (Verdict::New, _) => true,
            (Verdict::ExactDuplicate { of } | Verdict::NearDuplicate { of, .. }, Some(origin)) => {
                self.replays.is_replay(of, origin)
            }
            _ => false,
        }
    }

    fn code(
        &self,
        article: &Article,
        timings: &mut StageTimings,
    ) -> Result<Vec<DiplomaticEvent>, DeadLetter> {
        let started = Instant::now();
        let coded = guarded(Stage::Extract, || self.coder.code(article));
        timings.extract = started.elapsed();
        coded
    }
}

/// Runs a stage, turning a panic (a bug on some input) into a dead letter instead of a crash.
fn guarded<T>(stage: Stage, f: impl FnOnce() -> T) -> Result<T, DeadLetter> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        DeadLetter {
            reason: DeadLetterReason::InternalError,
            message: format!("the {stage} stage failed on this input: {what}"),
            failed_stage: Some(stage),
        }
    })
}
