//! Where an input was read: the one position type of the input topic.

use std::fmt;

/// A partition and an offset of the input topic. The position of an input (where it was read:
/// to tell a replay from a re-send, to track its records until they are acknowledged, to say
/// where a dead letter came from) or, in a commit, the next input to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// Input partition.
    pub partition: i32,
    /// Input offset.
    pub offset: i64,
}

impl Position {
    /// The input at `offset` of `partition`.
    pub fn new(partition: i32, offset: i64) -> Self {
        Self { partition, offset }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.partition, self.offset)
    }
}
