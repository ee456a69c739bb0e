//! Phrases as matched: every pattern word interned once into a [`Vocab`], each sentence's tokens
//! looked up once into [`WordIds`], so matching compares integers instead of strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::extract::sentence::Sentence;
use crate::extract::tokens::Tokens;
use crate::extract::word_classes::{KeyMap, WordClass, WordKey};

use super::required::WordSet;
use super::syntax::Elem;

/// The id of a token that is no pattern word.
const UNKNOWN: u32 = u32::MAX;

/// The words of every pattern, ASCII lower-cased, each with a small integer id.
#[derive(Debug, Clone, Default)]
pub(super) struct Vocab {
    /// The longest word, in bytes: longer tokens need no look-up.
    longest: usize,
    ids: HashMap<String, u32, BuildHasherDefault<WordHasher>>,
    /// The same ids for the words short enough to have a [`WordKey`], which most tokens have.
    short: KeyMap<u32>,
}

/// A fast hasher for short words (FNV-1a): the vocabulary is fixed at start-up and looked up
/// for every token, where SipHash's protection against crafted keys buys nothing.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Vocab {
    /// The id of `word` (ASCII case ignored), added if new.
    fn intern(&mut self, word: &str) -> u32 {
        let key = word.to_ascii_lowercase();
        self.longest = self.longest.max(key.len());
        let next = u32::try_from(self.ids.len()).unwrap_or(UNKNOWN - 1);
        if let Some(short) = WordKey::of(&key) {
            self.short.entry(short).or_insert(next);
        }
        *self.ids.entry(key).or_insert(next)
    }

    /// Number of distinct words.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The id of every token of the sentence: equal ids mean the texts are equal ignoring ASCII
    /// case, exactly as [`Tokens::is`] compares them.
    pub(super) fn lookup(&self, tokens: &Tokens) -> WordIds {
        let mut lower = String::new();
        let ids = (0..tokens.len())
            .map(|i| {
                let text = tokens.text(i);
                if text.len() > self.longest {
                    return UNKNOWN;
                }
                if let Some(key) = WordKey::of(text) {
                    return self.short.get(&key).copied().unwrap_or(UNKNOWN);
                }
                // Most tokens are lower case already: only the others are copied.
                let key = if text.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.clear();
                    lower.push_str(text);
                    lower.make_ascii_lowercase();
                    lower.as_str()
                } else {
                    text
                };
                self.ids.get(key).copied().unwrap_or(UNKNOWN)
            })
            .collect::<Vec<u32>>();
        let present = WordSet::new(&ids, self.len());
        WordIds { ids, present }
    }
}

/// The pattern-word id of each token of one sentence.
#[derive(Debug, Clone, Default)]
pub struct WordIds {
    ids: Vec<u32>,
    /// The same ids as a set.
    present: WordSet,
}

impl WordIds {
    /// The ids, one per token.
    pub(super) fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The pattern words of the sentence.
    pub(super) fn present(&self) -> &WordSet {
        &self.present
    }
}

/// One element of a phrase, its words as ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// Alternatives, each a sequence of word ids.
    Words(Vec<Vec<u32>>),
    /// Optional alternatives.
    Optional(Vec<Vec<u32>>),
    /// Up to this many tokens.
    Gap(usize),
    /// An actor group, the target.
    Actor,
}

/// The steps of a compiled phrase, its words interned into `vocab`.
pub(super) fn steps(elems: &[Elem], vocab: &mut Vocab) -> Vec<Step> {
    let mut ids = |alts: &Vec<Vec<String>>| -> Vec<Vec<u32>> {
        alts.iter()
            .map(|alt| alt.iter().map(|w| vocab.intern(w)).collect())
            .collect()
    };
    elems
        .iter()
        .map(|e| match e {
            Elem::Words(alts) => Step::Words(ids(alts)),
            Elem::Optional(alts) => Step::Optional(ids(alts)),
            Elem::Gap(max) => Step::Gap(*max),
            Elem::Actor => Step::Actor,
        })
        .collect()
}

/// Matches `steps` from token `at`: the end of the match and the number of words and actor
/// tokens it matched (its strength).
pub(super) fn match_steps(
    steps: &[Step],
    s: &Sentence<'_>,
    at: usize,
    slot: &mut Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let Some((step, rest)) = steps.split_first() else {
        return Some((at, 0));
    };
    match step {
        Step::Words(alts) => match_words(alts, rest, s, at, slot),
        Step::Optional(alts) => {
            match_words(alts, rest, s, at, slot).or_else(|| match_steps(rest, s, at, slot))
        }
        Step::Gap(max) => match_gap(*max, rest, s, at, slot),
        Step::Actor => match_actor(rest, s, at, slot),
    }
}

/// The first alternative standing at `at` after which the rest matches.
fn match_words(
    alts: &[Vec<u32>],
    rest: &[Step],
    s: &Sentence<'_>,
    at: usize,
    slot: &mut Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    alts.iter()
        .filter(|alt| stands_at(s.words.ids(), at, alt))
        .find_map(|alt| {
            match_steps(rest, s, at + alt.len(), slot).map(|(end, w)| (end, w + alt.len()))
        })
}

/// Whether the words of `alt` stand at token `at`. Most alternatives fail on their first word,
/// so that is compared before the rest (a slice comparison would call `memcmp` every time).
fn stands_at(words: &[u32], at: usize, alt: &[u32]) -> bool {
    let Some(here) = words.get(at..at + alt.len()) else {
        return false;
    };
    here.first() == alt.first() && here.iter().zip(alt).all(|(a, b)| a == b)
}

/// Skips up to `max` tokens, not across a stop, before the rest matches. The hyphens of a
/// compound are not counted: "a two-month-old state of emergency" skips three words.
fn match_gap(
    max: usize,
    rest: &[Step],
    s: &Sentence<'_>,
    at: usize,
    slot: &mut Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let tokens = s.tokens;
    let mut k = at;
    let mut skipped = 0;
    while k <= tokens.len() {
        if let Some(r) = match_steps(rest, s, k, slot) {
            return Some(r);
        }
        if k == tokens.len() || (!tokens.tokens[k].is_word && tokens.is_a(k, WordClass::GapStop)) {
            break;
        }
        if !tokens.is(k, "-") {
            skipped += 1;
        }
        if skipped > max {
            break;
        }
        k += 1;
    }
    None
}

/// An actor group (or a determiner and one, see [`after_determiner`]) at `at` before the rest matches; it becomes the slot.
fn match_actor(
    rest: &[Step],
    s: &Sentence<'_>,
    at: usize,
    slot: &mut Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let tokens = s.tokens;
    // "convicted 19 Boko Haram members", "arrested dozens of opposition activists": a count
    // before a plural actor is part of its noun phrase.
    let at = after_count(tokens, at).unwrap_or(at);
    let actor_at = |k: usize| s.actor_end.get(k).copied().flatten().map(|end| (k, end));
    let (start, end) = actor_at(at).or_else(|| actor_at(after_determiner(tokens, at)))?;
    // Names the dictionaries do not know may follow the actor ("accused U.S. journalist
    // Evan Gershkovich of", "accused China's Huawei of").
    let mut after = end;
    if tokens.is(after, "'s") {
        after += 1;
    }
    let mut names = after;
    while names < tokens.len()
        && names < after + 3
        && tokens.text(names).starts_with(char::is_uppercase)
    {
        names += 1;
    }
    let resume = if names > after { names } else { end };
    // An acronym in brackets may follow the name ("the Kenya Defence Forces (KDF) with").
    let r = match_steps(rest, s, resume, slot).or_else(|| {
        let close = bracket_end(tokens, resume)?;
        match_steps(rest, s, close, slot)
    });
    if r.is_some() {
        *slot = Some((start, end));
    }
    r.map(|(end, w)| (end, w + 1))
}

/// The token after the determiner and modifiers that may open an actor's noun phrase at `at`
/// ("the", "his", "the new", "its visiting"): "congratulated the new Polish prime minister",
/// "telephoned his Russian counterpart". Without them, `at` itself.
fn after_determiner(tokens: &Tokens, at: usize) -> usize {
    let mut k = at;
    if tokens.is_any(k, DETERMINERS) {
        k += 1;
    }
    let modifiers = (k..k + MAX_MODIFIERS)
        .take_while(|&j| tokens.is_any(j, ACTOR_MODIFIERS))
        .count();
    k + modifiers
}

/// Determiners and possessives that may open an actor's noun phrase.
const DETERMINERS: &[&str] = &["the", "his", "her", "its", "their", "our"];

/// How many modifiers may stand between the determiner and the actor.
const MAX_MODIFIERS: usize = 2;

/// Modifiers of a person or body that say when or in what capacity it acts, not who it is.
const ACTOR_MODIFIERS: &[&str] = &[
    "new",
    "newly",
    "elected",
    "visiting",
    "outgoing",
    "incoming",
    "interim",
    "acting",
    "embattled",
    "rival",
    "neighbouring",
    "neighboring",
];

/// Words that may qualify a count ("at least 12", "more than 200", "some 40").
const COUNT_QUALIFIERS: &[&str] = &[
    "about",
    "nearly",
    "around",
    "over",
    "some",
    "almost",
    "roughly",
    "approximately",
    "another",
];

/// The token after a count at `at` ("45", "1,200", "at least 12", "dozens of", "several"), if
/// one stands there.
fn after_count(tokens: &Tokens, at: usize) -> Option<usize> {
    let mut k = at;
    if tokens.is_any(k, &["at", "more", "up"]) && tokens.is_any(k + 1, &["least", "than", "to"]) {
        k += 2;
    } else if tokens.is_any(k, COUNT_QUALIFIERS) {
        k += 1;
    }
    let digits =
        |j: usize| j < tokens.len() && tokens.text(j).starts_with(|c: char| c.is_ascii_digit());
    let start = k;
    if digits(k) {
        k += 1;
        // "1,200" may be split at its comma.
        while tokens.is(k, ",") && digits(k + 1) {
            k += 2;
        }
    } else if tokens.is_a(k, WordClass::Count) {
        k += 1;
        if tokens.is(k, "of") {
            k += 1;
        }
    }
    (k > start).then_some(k)
}

/// The token after a short bracket opening at `at` ("(LAF)", "(U.N.)"), if there is one.
fn bracket_end(tokens: &Tokens, at: usize) -> Option<usize> {
    const MAX_BRACKET: usize = 4;
    if !tokens.is(at, "(") {
        return None;
    }
    (at + 1..(at + 2 + MAX_BRACKET).min(tokens.len()))
        .find(|&k| tokens.is(k, ")"))
        .map(|k| k + 1)
}
