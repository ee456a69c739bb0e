//! What the pipeline is given of one input: its payload, where it was read and when it was
//! received.

use crate::dedup::ReceivedAt;
use crate::model::Position;

/// One input to process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    /// The message payload.
    pub payload: &'a [u8],
    /// Where it was read (partition and offset), to tell a replay from a re-send; `None`
    /// offline.
    pub origin: Option<Position>,
    /// When it was received, the time the dedup window runs on: the Kafka record timestamp,
    /// or `demarche extract`'s count of inputs; `None` if unknown, and the article's
    /// publication time stands in (see [`crate::dedup`], "Time").
    pub received: Option<ReceivedAt>,
}

impl<'a> Input<'a> {
    /// A payload with no position and no received time.
    pub fn new(payload: &'a [u8]) -> Self {
        Self {
            payload,
            origin: None,
            received: None,
        }
    }

    /// The same input, read at `origin`.
    pub fn read_at(self, origin: Position) -> Self {
        Self {
            origin: Some(origin),
            ..self
        }
    }

    /// The same input, received at `received` (`None`: unknown).
    pub fn received_at(self, received: Option<ReceivedAt>) -> Self {
        Self { received, ..self }
    }
}
