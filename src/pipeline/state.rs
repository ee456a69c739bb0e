//! The pipeline's state as the Kafka side keeps it in step: changelog records applied to the
//! dedup index (and their origins to the replay guard), and expired fingerprints handed back to
//! be tombstoned.

use crate::dedup::decode_changelog;
use crate::model::{ArticleId, Position};

use super::Pipeline;

/// Why a changelog record could not be applied (it is skipped and counted, never fatal).
#[derive(Debug, thiserror::Error)]
#[error("changelog record for `{key}` cannot be decoded: {message}")]
pub struct ChangelogRecordError {
    /// The record key, lossily decoded.
    pub key: String,
    /// The decoder's complaint.
    pub message: String,
}

impl Pipeline {
    /// Applies one changelog record: a fingerprint, or a tombstone (`None`) removing `key`;
    /// `origin` is where the fingerprint's article was read, if the record says.
    pub fn apply_changelog(
        &mut self,
        key: &[u8],
        value: Option<&[u8]>,
        origin: Option<Position>,
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
