//! Deduplication: exact and near-duplicate articles against an index rebuilt from a changelog.
//!
//! The same wire story arrives many times: re-sent, under tracking-parameter URLs, republished
//! by other outlets under edited headlines, wrapped in boilerplate, truncated, with a paragraph
//! added or a sentence reworded. Each copy must not be coded again.
//!
//! - [`fingerprint`]: exact-match hashes (canonical URL, body) and a MinHash sketch of the
//!   body's word shingles, with fixed, versioned xxh3 seeds so fingerprints persist.
//! - [`lsh`]: banding of the sketch into candidate keys.
//! - [`DedupIndex`]: the compact index (219 bytes per article measured at one million) that
//!   finds candidates and verifies them (estimated Jaccard, and containment for truncated
//!   copies) into a [`Verdict`].
//! - [`encode_changelog`] / [`decode_changelog`]: the versioned changelog record.
//! - [`ReceivedAt`] and the index's clock (`time.rs`): the time the window runs on.
//! - [`DedupConfig`]: the `[dedup]` section.
//!
//! # Time
//!
//! The window runs on the time each input was *received*, never on the wall clock at
//! processing and not on publication dates: a copy received within the window of its original
//! is a duplicate however old the story, and the index holds what arrived during one window,
//! so memory is bounded by the arrival rate times the window. An input's received time is, in
//! this order:
//!
//! - in the daemon, its Kafka record timestamp. The timestamp is stored in the topic, so a
//!   replay of the same partition reproduces the same times and the same verdicts. It should
//!   say when the record was produced (every client's default `CreateTime`, or the topic's
//!   `LogAppendTime`); a producer that stamps records with the article's date brings back the
//!   publication-time window.
//! - in `demarche extract`, which reads files without record timestamps, the input's position:
//!   the n-th input read is received n seconds after the Unix epoch, as if the corpus had been
//!   produced to Kafka one input a second (see [`crate::offline`]). The window then counts
//!   inputs (604,800 by default), whatever the articles' dates, and bounds memory the same way.
//! - for an input that says nothing (a Kafka record without a timestamp, or
//!   [`crate::pipeline::Pipeline::process`]), the article's publication time;
//! - without either, the index's clock.
//!
//! None of them is taken earlier than the index's clock, the newest received time it holds: an
//! input read after another was not received before it, so an old story read after newer ones
//! (an archive in mixed order, a lagging partition, a re-crawl) is held at the clock's time
//! for a whole window. Nor later than [`MAX_FUTURE_SECS`] past the wall clock: a record
//! timestamp or article date far in the future (a producer's clock gone wrong, a hostile
//! message dated 2099) would otherwise move the clock ahead and expire everything.
//!
//! The received time is taken when fingerprinted and travels in the changelog record (format
//! version 2; version 1 records carry the publication time, read as the received time), so a
//! restarted instance rebuilds the index with the same times. If the index has no clock yet
//! and an input has no time at all, it stays undated until the first dated fingerprint is
//! inserted, and then takes that time. `expire` drops what was received more than the window
//! before the clock.
//!
//! # State
//!
//! The index is a projection of the changelog: `insert` is idempotent (a record seen twice is a
//! no-op), `remove` applies a tombstone, and `expire` returns the ids to tombstone. Only
//! accepted (`New`) articles are inserted, so every `of` names an article that was coded.
//!
//! # The cross-instance race
//!
//! Each instance checks against its own projection. A copy processed by instance Y is missed
//! if its original, accepted by instance X, is not yet in Y's index when Y checks it: between
//! X's check and Y applying X's changelog record lie X's produce latency (linger, acks), Y's
//! changelog fetch latency, and the in-flight depth of Y's pipeline (articles already checked
//! but not yet published). Two copies arriving at two instances within that window are both
//! accepted and both coded; once each record reaches the other instance both stay in the
//! index (a record is inserted without re-checking), and later copies match the most similar
//! of them on every instance alike. Within one instance check-then-insert is synchronous, so
//! there is no window.

mod changelog;
mod config;
pub mod fingerprint;
mod index;
pub mod lsh;
mod slots;
mod table;
mod time;
mod verdict;

pub use changelog::{
    decode_changelog, encode_changelog, DedupError, FORMAT_VERSION, OLDEST_READ_VERSION,
};
pub use config::{DedupConfig, MAX_PERMUTATIONS};
pub use fingerprint::{Fingerprint, Sketch};
pub use index::DedupIndex;
pub use time::{ReceivedAt, MAX_FUTURE_SECS};
pub use verdict::{estimate, sketch_similarity, Similarity, Verdict};
