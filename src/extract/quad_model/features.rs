//! A sentence's features as the model and the training script both read them: its distinct
//! words (runs of ASCII letters and digits, lowercased) and, if the weights file says so, its
//! adjacent word pairs ("imposed sanctions"), each hashed (64-bit FNV-1a) into one of the
//! file's numbered buckets, so that the file holds numbers and no text. The split here and in
//! `config/models/train_quad_class.py` must agree.

/// The buckets of the sentence's distinct features: lowercased runs of ASCII letters and
/// digits, and the pairs of adjacent runs joined by a space if `bigrams` (every other character
/// separates words, as in the training script).
pub fn buckets_of(sentence: &str, bigrams: bool, buckets: u64) -> Vec<u64> {
    let words = sentence
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for word in words {
        out.push(fnv1a(FNV_OFFSET, word));
        if let (true, Some(before)) = (bigrams, previous) {
            // The hash of "before word", continued from "before" without a copy.
            out.push(fnv1a(fnv1a(fnv1a(FNV_OFFSET, before), " "), word));
        }
        previous = Some(word);
    }
    // Distinct features, as the script's set: equal strings have equal hashes, and two
    // features that share a bucket are one feature to the model too.
    for h in &mut out {
        *h %= buckets;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The 64-bit FNV-1a hash of nothing.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a of `state`'s text followed by `text` lowercased (ASCII).
pub fn fnv1a(state: u64, text: &str) -> u64 {
    text.bytes().fold(state, |h, byte| {
        (h ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}
