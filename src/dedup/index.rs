//! The dedup index: a projection of the changelog that answers "seen before?".
//!
//! One [`TagTable`] maps 32-bit tags to slots: the id, the URL hash and every LSH band key of
//! each article (or its body hash when it has no usable sketch). A hit is only a candidate: it
//! is verified against the slot (same id, same full hash, or a MinHash estimate over the
//! thresholds) before a verdict. See the `dedup` module docs for time and expiry.

use chrono::{DateTime, Utc};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::model::{Article, ArticleId};
use crate::settings::Valid;

use super::config::DedupConfig;
use super::fingerprint::{Fingerprint, Fingerprinter, Sketch};
use super::lsh::Banding;
use super::slots::{to_stored_time, SlotData, Slots, UNDATED};
use super::table::TagTable;
use super::time::{Clock, ReceivedAt};
use super::verdict::{estimate, Thresholds, Verdict};

const ID_SEED: u64 = 0x6465_6475_7069_6478; // "dedupidx"
/// Tags of exact hashes are taken from these seeds' mixes so that they do not collide by
/// construction with band keys.
const URL_TAG: u64 = 0x7572_6c5f_7461_6721;
const BODY_TAG: u64 = 0x626f_6479_5f74_6167;

/// The dedup index.
#[derive(Debug)]
pub struct DedupIndex {
    fingerprinter: Fingerprinter,
    banding: Banding,
    thresholds: Thresholds,
    window_secs: i64,
    table: TagTable,
    slots: Slots,
    /// Newest received time inserted: the index's notion of "now".
    clock: Clock,
    /// Oldest dated slot time, a lower bound: lets `expire` return at once when nothing is due.
    oldest: u32,
    /// Insertions, removals and expiries so far: an unchanged count means unchanged verdicts.
    changes: u64,
}

impl DedupIndex {
    /// An empty index.
    pub fn new(config: &Valid<DedupConfig>) -> Self {
        Self {
            fingerprinter: Fingerprinter::new(config),
            banding: Banding {
                bands: config.bands,
                rows: config.band_rows,
            },
            thresholds: Thresholds {
                jaccard: config.jaccard_threshold,
                containment: config.containment_threshold,
                containment_min_jaccard: config.containment_min_jaccard,
            },
            window_secs: i64::try_from(config.window_secs).unwrap_or(i64::MAX),
            table: TagTable::default(),
            slots: Slots::new(config.permutations),
            clock: Clock::new(),
            oldest: u32::MAX,
            changes: 0,
        }
    }

    /// The same index reading the wall clock from `now` (seconds since the Unix epoch).
    pub fn with_wall_clock(mut self, now: fn() -> i64) -> Self {
        self.clock = self.clock.with_wall(now);
        self
    }

    /// Fingerprints an article whose input says it was received at `received` (`None`: it does
    /// not say); pure: reads the index only for its clock (see [`Self::received_at`]).
    pub fn fingerprint(&self, article: &Article, received: Option<ReceivedAt>) -> Fingerprint {
        let received = self.received_at(received, article.published_at);
        self.fingerprinter.fingerprint(article, received)
    }

    /// The time an input is received by the index at this point of the stream: the time it
    /// says (`received`), else its article's publication time, never earlier than the clock
    /// nor more than [`super::MAX_FUTURE_SECS`] past the wall clock; else the clock (see the
    /// `dedup` module docs).
    pub fn received_at(
        &self,
        received: Option<ReceivedAt>,
        published: Option<DateTime<Utc>>,
    ) -> Option<ReceivedAt> {
        self.clock.received(received, published)
    }

    /// The verdict for a fingerprint against the index: same id, then same canonical URL, then
    /// same body, then the most similar verified near duplicate.
    pub fn check(&self, fp: &Fingerprint) -> Verdict {
        if self.find_id(fp.article_id.as_str()).is_some() {
            return Verdict::ExactDuplicate {
                of: fp.article_id.clone(),
            };
        }
        let exact = |slot: u32| Verdict::ExactDuplicate {
            of: ArticleId::new(self.slots.id(slot)),
        };
        if let Some(slot) = fp.url_hash.and_then(|h| self.find_url(h)) {
            return exact(slot);
        }
        if let Some(slot) = fp.body_hash.and_then(|h| self.find_body(h)) {
            return exact(slot);
        }
        match self.usable(fp) {
            Some(sketch) => self.near(fp, sketch),
            None => Verdict::New,
        }
    }

    /// Checks, and inserts the fingerprint if it is new; returns the verdict.
    pub fn check_and_insert(&mut self, fp: Fingerprint) -> Verdict {
        let verdict = self.check(&fp);
        if verdict == Verdict::New {
            self.insert(fp);
        }
        verdict
    }

    /// Adds a fingerprint. Idempotent: a fingerprint whose id is held already is ignored, so the
    /// same changelog record arriving twice changes nothing.
    pub fn insert(&mut self, fp: Fingerprint) {
        if self.find_id(fp.article_id.as_str()).is_some() {
            return;
        }
        self.changes += 1;
        let time = self.advance_clock(fp.received_at);
        let sketch = self.usable(&fp);
        let signature = match sketch {
            Some(s) => compact_signature(s),
            None => vec![0; self.slots.signature_len()],
        };
        let slot = self.slots.push(&SlotData {
            id: fp.article_id.as_str(),
            url_hash: fp.url_hash.unwrap_or(0),
            body_hash: fp.body_hash.unwrap_or(0),
            time,
            shingles: sketch.map_or(0, |s| u16::try_from(s.shingles.max(1)).unwrap_or(u16::MAX)),
            signature: &signature,
        });
        self.table.insert(id_tag(fp.article_id.as_str()), slot);
        if let Some(h) = fp.url_hash {
            self.table.insert(hash_tag(h, URL_TAG), slot);
        }
        match sketch {
            Some(s) => {
                for key in self.banding.keys(&s.minhash) {
                    self.table.insert(key_tag(key), slot);
                }
            }
            None => {
                if let Some(h) = fp.body_hash {
                    self.table.insert(hash_tag(h, BODY_TAG), slot);
                }
            }
        }
    }

    /// Removes an article (a changelog tombstone); unknown ids are ignored.
    pub fn remove(&mut self, id: &ArticleId) {
        if let Some(slot) = self.find_id(id.as_str()) {
            self.changes += 1;
            self.slots.kill(slot);
            self.maybe_compact();
        }
    }

    /// Drops fingerprints received more than the window before the clock;
    /// returns their ids, to be tombstoned. Nothing younger than the window is dropped; to keep
    /// this cheap when called often, it only scans once the oldest entry is a sixty-fourth of
    /// the window overdue, so entries live at most `window * 65/64`.
    pub fn expire(&mut self) -> Vec<ArticleId> {
        let Some(clock) = self.clock.now() else {
            return Vec::new();
        };
        let cutoff = clock.as_secs().saturating_sub(self.window_secs);
        let slack = self.window_secs / 64;
        if i64::from(self.oldest) >= cutoff.saturating_sub(slack) {
            return Vec::new();
        }
        let mut expired = Vec::new();
        let mut oldest = u32::MAX;
        for slot in 0..self.slots.total() as u32 {
            if !self.slots.alive(slot) {
                continue;
            }
            let time = self.slots.times()[slot as usize];
            if i64::from(time) < cutoff {
                expired.push(ArticleId::new(self.slots.id(slot)));
                self.slots.kill(slot);
            } else {
                oldest = oldest.min(time);
            }
        }
        self.oldest = oldest;
        if !expired.is_empty() {
            self.changes += 1;
        }
        self.maybe_compact();
        expired
    }

    /// How many times the index has changed (an insertion, a removal, an expiry that dropped
    /// something): a verdict taken at one count holds as long as the count does.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Number of fingerprints held.
    pub fn len(&self) -> usize {
        self.slots.total() - self.slots.dead()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes held by the index (allocated capacity, not length).
    pub fn memory_bytes(&self) -> usize {
        self.table.memory_bytes() + self.slots.memory_bytes()
    }

    /// The newest received time inserted.
    pub fn clock(&self) -> Option<ReceivedAt> {
        self.clock.now()
    }

    /// The sketch of a fingerprint, if it can be compared with this index's sketches.
    fn usable<'a>(&self, fp: &'a Fingerprint) -> Option<&'a Sketch> {
        fp.sketch
            .as_ref()
            .filter(|s| self.fingerprinter.compatible(s))
    }

    /// Moves the clock forward to a fingerprint's received time (see [`Clock::advance`]);
    /// returns the time to store it by. The first time the index learns dates what it holds
    /// undated.
    fn advance_clock(&mut self, received_at: Option<ReceivedAt>) -> u32 {
        let first = self.clock.now().is_none();
        let Some(time) = self.clock.advance(received_at) else {
            return UNDATED;
        };
        let stored = to_stored_time(time.as_secs());
        if first {
            self.slots.date_undated(stored);
        }
        self.oldest = self.oldest.min(stored);
        stored
    }

    /// The LSH candidates of a sketch: slots sharing a band key whose stored bytes of that band
    /// agree too, in slot order, each once.
    fn candidates(&self, sketch: &Sketch, signature: &[u8]) -> Vec<u32> {
        let mut candidates = Vec::new();
        for (band, key) in self.banding.keys(&sketch.minhash).enumerate() {
            let rows = self.banding.rows_of(band);
            candidates.extend(self.table.get(key_tag(key)).filter(|&slot| {
                self.slots.alive(slot)
                    && self.slots.shingles(slot) > 0
                    && self.slots.signature(slot)[rows.clone()] == signature[rows.clone()]
            }));
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// The verdict among the LSH candidates: a candidate with the same body is an exact
    /// duplicate; else the verified candidate with the highest Jaccard estimate (ties to the
    /// smaller id, so that the verdict does not depend on slot numbering).
    fn near(&self, fp: &Fingerprint, sketch: &Sketch) -> Verdict {
        let signature = compact_signature(sketch);
        let shingles = u16::try_from(sketch.shingles.max(1)).unwrap_or(u16::MAX);
        let mut best: Option<(f64, &str)> = None;
        for slot in self.candidates(sketch, &signature) {
            let id = self.slots.id(slot);
            if fp.body_hash == Some(self.slots.body_hash(slot)) {
                return Verdict::ExactDuplicate {
                    of: ArticleId::new(id),
                };
            }
            let stored = self.slots.signature(slot);
            let sim = estimate(&signature, stored, shingles, self.slots.shingles(slot));
            if !self.thresholds.accepts(sim) {
                continue;
            }
            let better = match best {
                None => true,
                Some((j, b)) => sim.jaccard > j || (sim.jaccard == j && id < b),
            };
            if better {
                best = Some((sim.jaccard, id));
            }
        }
        match best {
            Some((similarity, id)) => Verdict::NearDuplicate {
                of: ArticleId::new(id),
                similarity,
            },
            None => Verdict::New,
        }
    }

    fn find_id(&self, id: &str) -> Option<u32> {
        self.table
            .get(id_tag(id))
            .find(|&slot| self.slots.alive(slot) && self.slots.id(slot) == id)
    }

    fn find_url(&self, hash: u64) -> Option<u32> {
        self.table
            .get(hash_tag(hash, URL_TAG))
            .find(|&slot| self.slots.alive(slot) && self.slots.url_hash(slot) == hash)
    }

    /// A slot with this body hash that had no usable sketch (sketched bodies are found among
    /// the LSH candidates: an identical body has identical bands).
    fn find_body(&self, hash: u64) -> Option<u32> {
        self.table
            .get(hash_tag(hash, BODY_TAG))
            .find(|&slot| self.slots.alive(slot) && self.slots.body_hash(slot) == hash)
    }

    /// Drops dead slots once they are an eighth of all slots.
    fn maybe_compact(&mut self) {
        let dead = self.slots.dead();
        if dead == 0 || dead * 8 < self.slots.total() {
            return;
        }
        let renumber = self.slots.compact();
        self.table
            .retain(|slot| renumber.get(slot as usize).copied().flatten());
    }
}

/// The byte of each MinHash value that the index keeps.
fn compact_signature(sketch: &Sketch) -> Vec<u8> {
    sketch.minhash.iter().map(|&m| m as u8).collect()
}

/// The table tag of an article id.
fn id_tag(id: &str) -> u32 {
    (xxh3_64_with_seed(id.as_bytes(), ID_SEED) >> 32) as u32
}

/// The table tag of an exact hash of some kind.
fn hash_tag(hash: u64, kind: u64) -> u32 {
    ((hash ^ kind).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

/// The table tag of an LSH band key.
fn key_tag(key: u64) -> u32 {
    (key >> 32) as u32
}
