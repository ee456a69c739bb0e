//! Per-article storage of the index, column by column so that nothing is padded or boxed.
//!
//! A slot keeps what verification needs: the id (in one shared byte arena), the exact-match
//! hashes, a time, the shingle count and one byte of each MinHash value. Removal marks a
//! slot dead; [`Slots::compact`] later drops dead slots and renumbers the rest.

/// Marks a dead slot in `id_len`.
const DEAD: u32 = u32::MAX;

/// Columns grow by `capacity / GROWTH_DIVISOR` (a quarter) when full.
const GROWTH_DIVISOR: usize = 4;

/// Stored time of a fingerprint that had no date when it was inserted.
pub const UNDATED: u32 = 0;

/// What the index stores of one article, by value, to insert it.
#[derive(Debug)]
pub struct SlotData<'a> {
    /// The article id.
    pub id: &'a str,
    /// Canonical URL hash, 0 for none.
    pub url_hash: u64,
    /// Body hash, 0 for none.
    pub body_hash: u64,
    /// Stored time (see [`to_stored_time`]).
    pub time: u32,
    /// Shingle count, 0 when there is no usable sketch.
    pub shingles: u16,
    /// One byte per MinHash value (all zero without a sketch).
    pub signature: &'a [u8],
}

/// The columns.
#[derive(Debug)]
pub struct Slots {
    stride: usize,
    signatures: Vec<u8>,
    shingles: Vec<u16>,
    times: Vec<u32>,
    url_hashes: Vec<u64>,
    body_hashes: Vec<u64>,
    id_starts: Vec<u32>,
    id_lens: Vec<u32>,
    ids: String,
    dead: usize,
}

impl Slots {
    /// Empty storage for signatures of `stride` bytes.
    pub fn new(stride: usize) -> Self {
        Self {
            stride,
            signatures: Vec::new(),
            shingles: Vec::new(),
            times: Vec::new(),
            url_hashes: Vec::new(),
            body_hashes: Vec::new(),
            id_starts: Vec::new(),
            id_lens: Vec::new(),
            ids: String::new(),
            dead: 0,
        }
    }

    /// Number of slots, dead ones included.
    pub fn total(&self) -> usize {
        self.times.len()
    }

    /// Bytes of signature per slot.
    pub fn signature_len(&self) -> usize {
        self.stride
    }

    /// Number of dead slots.
    pub fn dead(&self) -> usize {
        self.dead
    }

    /// Appends a slot; returns its number.
    pub fn push(&mut self, data: &SlotData<'_>) -> u32 {
        let slot = self.total() as u32;
        if self.times.len() == self.times.capacity() {
            self.reserve_slots(self.times.capacity() / GROWTH_DIVISOR + 16);
        }
        if self.ids.capacity() - self.ids.len() < data.id.len() {
            self.ids
                .reserve_exact(self.ids.capacity() / GROWTH_DIVISOR + data.id.len() + 256);
        }
        self.signatures.extend_from_slice(data.signature);
        self.shingles.push(data.shingles);
        self.times.push(data.time);
        self.url_hashes.push(data.url_hash);
        self.body_hashes.push(data.body_hash);
        self.id_starts.push(self.ids.len() as u32);
        self.id_lens.push(data.id.len() as u32);
        self.ids.push_str(data.id);
        slot
    }

    /// Room for `more` slots in every column, exactly: the columns grow by a quarter at a
    /// time rather than doubling, so that spare capacity stays under 25% of the memory budget.
    fn reserve_slots(&mut self, more: usize) {
        self.signatures.reserve_exact(more * self.stride);
        self.shingles.reserve_exact(more);
        self.times.reserve_exact(more);
        self.url_hashes.reserve_exact(more);
        self.body_hashes.reserve_exact(more);
        self.id_starts.reserve_exact(more);
        self.id_lens.reserve_exact(more);
    }

    /// Whether a slot holds a live article.
    pub fn alive(&self, slot: u32) -> bool {
        self.id_lens[slot as usize] != DEAD
    }

    /// Marks a slot dead.
    pub fn kill(&mut self, slot: u32) {
        if self.alive(slot) {
            self.id_lens[slot as usize] = DEAD;
            self.dead += 1;
        }
    }

    /// The id of a live slot.
    pub fn id(&self, slot: u32) -> &str {
        let start = self.id_starts[slot as usize] as usize;
        let len = self.id_lens[slot as usize] as usize;
        self.ids.get(start..start + len).unwrap_or_default()
    }

    /// The signature bytes of a slot.
    pub fn signature(&self, slot: u32) -> &[u8] {
        let start = slot as usize * self.stride;
        &self.signatures[start..start + self.stride]
    }

    /// The shingle count of a slot (0: no sketch).
    pub fn shingles(&self, slot: u32) -> u16 {
        self.shingles[slot as usize]
    }

    /// The URL hash of a slot (0: none).
    pub fn url_hash(&self, slot: u32) -> u64 {
        self.url_hashes[slot as usize]
    }

    /// The body hash of a slot (0: none).
    pub fn body_hash(&self, slot: u32) -> u64 {
        self.body_hashes[slot as usize]
    }

    /// The stored times, by slot.
    pub fn times(&self) -> &[u32] {
        &self.times
    }

    /// Dates every undated slot (after the index first learns the time).
    pub fn date_undated(&mut self, time: u32) {
        for stored in self.times.iter_mut().filter(|t| **t == UNDATED) {
            *stored = time;
        }
    }

    /// Drops dead slots, keeping the order of the rest; returns the new number of each old slot
    /// (`None` for dead ones), for renumbering references.
    pub fn compact(&mut self) -> Vec<Option<u32>> {
        let mut renumber = Vec::with_capacity(self.total());
        let mut ids = String::with_capacity(self.ids.len());
        let mut next = 0usize;
        for old in 0..self.total() {
            if !self.alive(old as u32) {
                renumber.push(None);
                continue;
            }
            let id_start = ids.len() as u32;
            ids.push_str(self.id(old as u32));
            self.signatures.copy_within(
                old * self.stride..(old + 1) * self.stride,
                next * self.stride,
            );
            self.shingles[next] = self.shingles[old];
            self.times[next] = self.times[old];
            self.url_hashes[next] = self.url_hashes[old];
            self.body_hashes[next] = self.body_hashes[old];
            self.id_lens[next] = self.id_lens[old];
            self.id_starts[next] = id_start;
            renumber.push(Some(next as u32));
            next += 1;
        }
        self.signatures.truncate(next * self.stride);
        for column in [&mut self.times, &mut self.id_starts, &mut self.id_lens] {
            column.truncate(next);
        }
        self.shingles.truncate(next);
        self.url_hashes.truncate(next);
        self.body_hashes.truncate(next);
        self.ids = ids;
        self.dead = 0;
        renumber
    }

    /// Heap bytes held, counting capacity rather than length.
    pub fn memory_bytes(&self) -> usize {
        self.signatures.capacity()
            + self.shingles.capacity() * 2
            + (self.times.capacity() + self.id_starts.capacity() + self.id_lens.capacity()) * 4
            + (self.url_hashes.capacity() + self.body_hashes.capacity()) * 8
            + self.ids.capacity()
    }
}

/// Received seconds as stored: seconds since the Unix epoch, clamped to 1..=u32::MAX (years
/// 1970 to 2106), because 0 means undated.
pub fn to_stored_time(seconds: i64) -> u32 {
    u32::try_from(seconds.max(1)).unwrap_or(u32::MAX)
}
