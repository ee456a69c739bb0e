//! A compact multimap from 32-bit tags to article slots: ordered linear probing.
//!
//! Each entry is one `u64` (tag in the high half, slot + 1 in the low half, 0 for empty). An
//! entry's home is `tag * homes / 2^32`, which grows with the tag, so the table is a sorted
//! array with gaps: an entry sits at or after its home, entries appear in tag order, and nothing
//! wraps around (a small tail past the last home absorbs overflow). Lookups scan from the home
//! and stop at the first larger tag; this keeps probes short at a 74-93% load, which is what makes
//! the index fit in its memory budget. Deletion is a filtering pass ([`TagTable::retain`]):
//! the index removes articles lazily and compacts in batches.

/// Load factor above which the table grows.
const MAX_LOAD: f64 = 0.93;
/// Growth factor: the load after growing is `MAX_LOAD / GROWTH` (0.74).
const GROWTH: f64 = 1.25;
/// Smallest number of homes.
const MIN_HOMES: usize = 64;

/// The tag-to-slot multimap.
#[derive(Debug, Clone)]
pub struct TagTable {
    entries: Vec<u64>,
    homes: usize,
    len: usize,
}

impl Default for TagTable {
    fn default() -> Self {
        Self::with_homes(MIN_HOMES)
    }
}

impl TagTable {
    /// An empty table with `homes` home positions.
    fn with_homes(homes: usize) -> Self {
        Self {
            entries: vec![0; homes + tail_len(homes)],
            homes,
            len: 0,
        }
    }

    /// Number of entries.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Heap bytes held.
    pub fn memory_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<u64>()
    }

    /// Adds an entry (duplicates allowed).
    pub fn insert(&mut self, tag: u32, slot: u32) {
        if (self.len + 1) as f64 > self.homes as f64 * MAX_LOAD {
            self.grow();
        }
        let entry = (u64::from(tag) << 32) | (u64::from(slot) + 1);
        loop {
            let mut at = self.home(tag);
            while at < self.entries.len() && self.entries[at] != 0 && self.entries[at] <= entry {
                at += 1;
            }
            let free = (at..self.entries.len()).find(|&i| self.entries[i] == 0);
            if let Some(free) = free {
                self.entries.copy_within(at..free, at + 1);
                self.entries[at] = entry;
                self.len += 1;
                return;
            }
            self.grow();
        }
    }

    /// The slots stored under `tag`, in slot order.
    pub fn get(&self, tag: u32) -> impl Iterator<Item = u32> + '_ {
        self.entries[self.home(tag)..]
            .iter()
            .take_while(move |&&e| e != 0 && (e >> 32) as u32 <= tag)
            .filter(move |&&e| (e >> 32) as u32 == tag)
            .map(|&e| (e as u32).wrapping_sub(1))
    }

    /// Keeps the entries whose slot `renumber` maps to a new slot, renumbered, in one pass;
    /// `renumber` must keep slot order (it does when it drops slots and closes the gaps).
    pub fn retain(&mut self, mut renumber: impl FnMut(u32) -> Option<u32>) {
        let mut next_free = 0;
        for i in 0..self.entries.len() {
            let entry = std::mem::take(&mut self.entries[i]);
            if entry == 0 {
                continue;
            }
            let Some(slot) = renumber((entry as u32).wrapping_sub(1)) else {
                self.len -= 1;
                continue;
            };
            let entry = (entry & !u64::from(u32::MAX)) | (u64::from(slot) + 1);
            // Entries only move towards their home, never past it: `at <= i`.
            let at = self.home((entry >> 32) as u32).max(next_free);
            self.entries[at] = entry;
            next_free = at + 1;
        }
    }

    /// Home position of a tag.
    fn home(&self, tag: u32) -> usize {
        ((u64::from(tag) * self.homes as u64) >> 32) as usize
    }

    /// Rebuilds with more homes; entries are already in order, so each lands in one step.
    fn grow(&mut self) {
        let mut homes = ((self.homes as f64) * GROWTH) as usize;
        if (self.len + 1) as f64 > homes as f64 * MAX_LOAD {
            homes = ((self.len + 1) as f64 / MAX_LOAD * GROWTH) as usize;
        }
        let mut grown = Self::with_homes(homes.max(MIN_HOMES));
        let mut next_free = 0;
        for &entry in self.entries.iter().filter(|&&e| e != 0) {
            let at = grown.home((entry >> 32) as u32).max(next_free);
            if at >= grown.entries.len() {
                grown.entries.resize(at + tail_len(homes), 0);
            }
            grown.entries[at] = entry;
            next_free = at + 1;
        }
        grown.len = self.len;
        *self = grown;
    }
}

/// Overflow positions past the last home.
fn tail_len(homes: usize) -> usize {
    64 + homes / 256
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(table: &TagTable, tag: u32) -> Vec<u32> {
        table.get(tag).collect()
    }

    #[test]
    fn holds_several_slots_per_tag_and_finds_them_after_growth() {
        let mut table = TagTable::default();
        for slot in 0..5000u32 {
            table.insert(slot.wrapping_mul(2_654_435_761), slot);
            table.insert(7, slot % 3);
        }
        assert_eq!(table.len(), 10_000);
        assert_eq!(slots(&table, 7).len(), 5000);
        for slot in 0..5000u32 {
            assert!(slots(&table, slot.wrapping_mul(2_654_435_761)).contains(&slot));
        }
        assert!(slots(&table, 8).is_empty());
    }

    #[test]
    fn extreme_tags_stay_in_bounds() {
        let mut table = TagTable::default();
        for slot in 0..1000 {
            table.insert(u32::MAX, slot);
            table.insert(0, slot);
        }
        assert_eq!(slots(&table, u32::MAX).len(), 1000);
        assert_eq!(slots(&table, 0).len(), 1000);
    }

    #[test]
    fn retain_removes_and_keeps_the_rest_findable() {
        let mut table = TagTable::default();
        for slot in 0..3000u32 {
            table.insert(slot.wrapping_mul(40_503) % 500, slot);
        }
        table.retain(|slot| (slot % 2 == 0).then_some(slot / 2));
        assert_eq!(table.len(), 1500);
        for slot in (0..3000u32).step_by(2) {
            let found = slots(&table, slot.wrapping_mul(40_503) % 500).contains(&(slot / 2));
            assert!(found, "slot {slot}");
        }
    }
}
