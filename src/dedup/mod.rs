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
//! - [`DedupConfig`]: the `[dedup]` section.
//!
//! # Time
//!
//! The window is measured in *publication* time, never wall-clock time, so the same inputs give
//! the same verdicts from Kafka or from stdin. The index's clock is the newest publication time
//! it has inserted. An undated article is dated with that clock when fingerprinted (and the
//! date travels in its changelog record); if the index has seen no date at all, it stays
//! undated until the first dated article is inserted, and then takes that date. `expire` drops
//! what is more than the window older than the clock: an article dated far in the future would
//! advance the clock and expire everything, so upstream must not let such dates through.
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
mod verdict;

pub use changelog::{decode_changelog, encode_changelog, DedupError, FORMAT_VERSION};
pub use config::{DedupConfig, MAX_PERMUTATIONS};
pub use fingerprint::{Fingerprint, Sketch};
pub use index::DedupIndex;
pub use verdict::{estimate, sketch_similarity, Similarity, Verdict};
