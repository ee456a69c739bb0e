//! The changelog record: a fingerprint as the value of a `demarche.dedup-state` record.
//!
//! A compact, versioned binary layout, little-endian, independent of the machine and of serde:
//!
//! ```text
//! "DF"            magic, 2 bytes
//! version         u8 (= FORMAT_VERSION)
//! flags           u8: 1 time, 2 url_hash, 4 body_hash, 8 sketch
//! id_len, id      u32, UTF-8 bytes
//! time            i64 seconds since the Unix epoch   (if flag 1)
//! url_hash        u64                                (if flag 2)
//! body_hash       u64                                (if flag 4)
//! sketch          scheme u8, shingle_size u8, shingles u32,
//!                 count u16, count x u32 minima      (if flag 8)
//! ```
//!
//! Versions differ in what the time is:
//!
//! - 2 (written): when the article was received, [`Fingerprint::received_at`], the time the
//!   dedup window runs on, so a restarted instance rebuilds the index with the same times.
//! - 1 (still read): the article's publication time, which the index of releases before 2 kept
//!   it by. It is read as the received time: the one the writer's index held it by, so
//!   fingerprints of a changelog written before the upgrade expire when they did.
//!
//! The record carries the full 32-bit minima although the index keeps one byte of each, so a
//! later release can rebuild a richer index from the same log. A decoder refuses versions it
//! does not know rather than guessing.

use thiserror::Error;

use crate::model::ArticleId;

use super::config::MAX_PERMUTATIONS;
use super::fingerprint::{Fingerprint, Sketch};
use super::time::ReceivedAt;

/// Version of the layout above that this release writes.
pub const FORMAT_VERSION: u8 = 2;
/// The oldest version this release reads.
pub const OLDEST_READ_VERSION: u8 = 1;

const MAGIC: &[u8; 2] = b"DF";
const HAS_TIME: u8 = 1;
const HAS_URL: u8 = 2;
const HAS_BODY: u8 = 4;
const HAS_SKETCH: u8 = 8;
const KNOWN_FLAGS: u8 = HAS_TIME | HAS_URL | HAS_BODY | HAS_SKETCH;

/// Errors of the dedup layer: a changelog record that cannot be decoded.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum DedupError {
    /// The record is not a dedup fingerprint at all.
    #[error("changelog record does not start with the fingerprint magic \"DF\"")]
    BadMagic,
    /// Written by a newer (or unknown) release.
    #[error(
        "changelog record has format version {0}; this release reads versions \
         {OLDEST_READ_VERSION} to {FORMAT_VERSION}"
    )]
    UnsupportedVersion(u8),
    /// Flags this release does not know.
    #[error("changelog record has unknown flags {0:#04x}")]
    UnknownFlags(u8),
    /// The record ends early.
    #[error("changelog record is truncated: {field} needs {needed} bytes at offset {offset}")]
    Truncated {
        /// The field being read.
        field: &'static str,
        /// Bytes it needs.
        needed: usize,
        /// Where it starts.
        offset: usize,
    },
    /// The article id is not UTF-8.
    #[error("changelog record has an article id that is not valid utf-8")]
    InvalidId,
    /// More MinHash values than any config allows.
    #[error("changelog record has {0} minhash values; at most {MAX_PERMUTATIONS} are allowed")]
    TooManyPermutations(usize),
    /// Bytes left after the record.
    #[error("changelog record has {0} unexpected trailing bytes")]
    TrailingBytes(usize),
}

/// Encodes a fingerprint as a changelog record value.
pub fn encode_changelog(fp: &Fingerprint) -> Vec<u8> {
    let id = fp.article_id.as_str().as_bytes();
    let sketch_len = fp.sketch.as_ref().map_or(0, |s| 8 + 4 * s.minhash.len());
    let mut out = Vec::with_capacity(8 + id.len() + 24 + sketch_len);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT_VERSION);
    let flag = |present: bool, bit: u8| if present { bit } else { 0 };
    out.push(
        flag(fp.received_at.is_some(), HAS_TIME)
            | flag(fp.url_hash.is_some(), HAS_URL)
            | flag(fp.body_hash.is_some(), HAS_BODY)
            | flag(fp.sketch.is_some(), HAS_SKETCH),
    );
    out.extend_from_slice(&(id.len() as u32).to_le_bytes());
    out.extend_from_slice(id);
    if let Some(t) = fp.received_at {
        out.extend_from_slice(&t.as_secs().to_le_bytes());
    }
    for hash in [fp.url_hash, fp.body_hash].into_iter().flatten() {
        out.extend_from_slice(&hash.to_le_bytes());
    }
    if let Some(sketch) = &fp.sketch {
        out.push(sketch.scheme);
        out.push(sketch.shingle_size);
        out.extend_from_slice(&sketch.shingles.to_le_bytes());
        // Sketches longer than the u16 count are never made (MAX_PERMUTATIONS); clamp anyway.
        let minhash = &sketch.minhash[..sketch.minhash.len().min(usize::from(u16::MAX))];
        out.extend_from_slice(&(minhash.len() as u16).to_le_bytes());
        for m in minhash {
            out.extend_from_slice(&m.to_le_bytes());
        }
    }
    out
}

/// Decodes a changelog record value of any version this release reads (see the module
/// documentation); any malformed input is an error, never a panic.
pub fn decode_changelog(bytes: &[u8]) -> Result<Fingerprint, DedupError> {
    let mut r = Reader { bytes, offset: 0 };
    if r.take("magic", 2)? != MAGIC {
        return Err(DedupError::BadMagic);
    }
    let version = r.u8("version")?;
    if !(OLDEST_READ_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(DedupError::UnsupportedVersion(version));
    }
    let flags = r.u8("flags")?;
    if flags & !KNOWN_FLAGS != 0 {
        return Err(DedupError::UnknownFlags(flags));
    }
    let id_len = r.u32("id length")? as usize;
    let id =
        std::str::from_utf8(r.take("article id", id_len)?).map_err(|_| DedupError::InvalidId)?;
    let article_id = ArticleId::new(id);
    // Version 1's publication time is read as the received time (see the module docs).
    let received_at = (flags & HAS_TIME != 0)
        .then(|| r.u64("time").map(|v| ReceivedAt::from_secs(v as i64)))
        .transpose()?;
    let url_hash = (flags & HAS_URL != 0)
        .then(|| r.u64("url_hash"))
        .transpose()?;
    let body_hash = (flags & HAS_BODY != 0)
        .then(|| r.u64("body_hash"))
        .transpose()?;
    let sketch = (flags & HAS_SKETCH != 0)
        .then(|| read_sketch(&mut r))
        .transpose()?;
    if r.offset != bytes.len() {
        return Err(DedupError::TrailingBytes(bytes.len() - r.offset));
    }
    Ok(Fingerprint {
        article_id,
        received_at,
        url_hash,
        body_hash,
        sketch,
    })
}

fn read_sketch(r: &mut Reader<'_>) -> Result<Sketch, DedupError> {
    let scheme = r.u8("sketch scheme")?;
    let shingle_size = r.u8("shingle size")?;
    let shingles = r.u32("shingle count")?;
    let count = usize::from(u16::from_le_bytes(fixed(r.take("minhash count", 2)?)));
    if count > MAX_PERMUTATIONS {
        return Err(DedupError::TooManyPermutations(count));
    }
    let minhash = r
        .take("minhash", 4 * count)?
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(fixed(c)))
        .collect();
    Ok(Sketch {
        scheme,
        shingle_size,
        shingles,
        minhash,
    })
}

/// A bounds-checked cursor.
struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, field: &'static str, needed: usize) -> Result<&'a [u8], DedupError> {
        let truncated = DedupError::Truncated {
            field,
            needed,
            offset: self.offset,
        };
        let end = self.offset.checked_add(needed).ok_or(truncated.clone())?;
        let slice = self.bytes.get(self.offset..end).ok_or(truncated)?;
        self.offset = end;
        Ok(slice)
    }

    fn u8(&mut self, field: &'static str) -> Result<u8, DedupError> {
        Ok(self.take(field, 1)?[0])
    }

    fn u32(&mut self, field: &'static str) -> Result<u32, DedupError> {
        Ok(u32::from_le_bytes(fixed(self.take(field, 4)?)))
    }

    fn u64(&mut self, field: &'static str) -> Result<u64, DedupError> {
        Ok(u64::from_le_bytes(fixed(self.take(field, 8)?)))
    }
}

/// A slice of known length as an array (the caller took exactly `N` bytes).
fn fixed<const N: usize>(slice: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&slice[..N]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint(received_at: Option<i64>) -> Fingerprint {
        Fingerprint {
            article_id: ArticleId::new("wire-1"),
            received_at: received_at.map(ReceivedAt::from_secs),
            url_hash: Some(0x0102_0304_0506_0708),
            body_hash: None,
            sketch: Some(Sketch {
                scheme: 1,
                shingle_size: 4,
                shingles: 3,
                minhash: vec![7, 0xffff_ffff],
            }),
        }
    }

    /// The bytes of `fingerprint(Some(1_700_000_000))` in a version's layout.
    fn record(version: u8) -> Vec<u8> {
        let mut bytes = vec![b'D', b'F', version, HAS_TIME | HAS_URL | HAS_SKETCH];
        bytes.extend_from_slice(&[6, 0, 0, 0]);
        bytes.extend_from_slice(b"wire-1");
        bytes.extend_from_slice(&1_700_000_000i64.to_le_bytes());
        bytes.extend_from_slice(&[8, 7, 6, 5, 4, 3, 2, 1]);
        bytes.extend_from_slice(&[1, 4, 3, 0, 0, 0, 2, 0]);
        bytes.extend_from_slice(&[7, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
        bytes
    }

    #[test]
    fn version_2_carries_the_received_time() {
        let fp = fingerprint(Some(1_700_000_000));
        let encoded = encode_changelog(&fp);
        assert_eq!(encoded, record(2), "the layout is the documented one");
        assert_eq!(decode_changelog(&encoded), Ok(fp));
        let undated = fingerprint(None);
        assert_eq!(decode_changelog(&encode_changelog(&undated)), Ok(undated));
    }

    #[test]
    fn a_version_1_record_still_decodes_its_publication_time_as_received() {
        assert_eq!(
            decode_changelog(&record(1)),
            Ok(fingerprint(Some(1_700_000_000)))
        );
    }

    #[test]
    fn versions_this_release_does_not_know_are_refused() {
        for version in [0, FORMAT_VERSION + 1] {
            assert_eq!(
                decode_changelog(&record(version)),
                Err(DedupError::UnsupportedVersion(version))
            );
        }
    }
}
