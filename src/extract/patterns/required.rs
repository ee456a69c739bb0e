//! The words a phrase cannot match without: a cheap test that rules a phrase out before
//! [`super::steps::match_steps`] walks its gaps and alternatives.
//!
//! Every mandatory word step of a phrase must stand somewhere in the sentence, so one of its
//! alternatives' first words must occur in it. Most phrases tried at an anchor fail for want
//! of a later word, and the set answers that with a few bit tests.

use super::steps::Step;

/// For each mandatory word step of a phrase after its anchor, the first words of its
/// alternatives (sorted, without repeats): one of them must occur in the sentence.
pub(super) fn required_words(steps: &[Step]) -> Vec<Vec<u32>> {
    steps
        .iter()
        .skip(1)
        .filter_map(|step| match step {
            // An empty alternative would match anywhere: such a step requires nothing.
            Step::Words(alts) if !alts.iter().any(Vec::is_empty) => {
                let mut firsts: Vec<u32> = alts.iter().map(|a| a[0]).collect();
                firsts.sort_unstable();
                firsts.dedup();
                Some(firsts)
            }
            Step::Words(_) => None,
            Step::Optional(_) | Step::Gap(_) | Step::Actor => None,
        })
        .collect()
}

/// The pattern words present in one sentence, one bit per word id.
#[derive(Debug, Clone, Default)]
pub(super) struct WordSet {
    bits: Vec<u64>,
}

impl WordSet {
    /// The set of `ids` that are below `vocabulary` (the others are no pattern word).
    pub(super) fn new(ids: &[u32], vocabulary: usize) -> Self {
        let mut bits = vec![0u64; vocabulary.div_ceil(64)];
        for &id in ids {
            if let Some(word) = bits.get_mut(id as usize / 64) {
                *word |= 1 << (id % 64);
            }
        }
        Self { bits }
    }

    /// Whether word `id` occurs in the sentence.
    pub(super) fn contains(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }
}

/// Whether every required step of a phrase has one of its words in the sentence.
pub(super) fn may_match(required: &[Vec<u32>], present: &WordSet) -> bool {
    required
        .iter()
        .all(|firsts| firsts.iter().any(|&w| present.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_needs_one_word_of_each_mandatory_step() {
        // "agree|agreed [to] * hold|holds": the anchor, an optional word, a gap, a word step.
        let steps = vec![
            Step::Words(vec![vec![1], vec![2]]),
            Step::Optional(vec![vec![3]]),
            Step::Gap(5),
            Step::Words(vec![vec![5, 6], vec![4], vec![5, 7]]),
        ];
        let required = required_words(&steps);
        assert_eq!(required, vec![vec![4, 5]]);
        assert!(may_match(&required, &WordSet::new(&[1, 9, 5], 10)));
        assert!(may_match(&required, &WordSet::new(&[2, 4], 10)));
        assert!(!may_match(&required, &WordSet::new(&[1, 3, 6], 10)));
        assert!(!WordSet::new(&[u32::MAX], 10).contains(9));
    }
}
