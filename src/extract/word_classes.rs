//! Word classes: the closed word lists the coder asks about (locative prepositions, modifiers,
//! figures, forms of "be" ...), kept in `word_classes.toml` and validated with the other
//! dictionaries. Each token's classes are looked up once, when the sentence is tokenized, in the
//! [`WordTable`] of the coder's dictionaries, so "is token k a locative preposition?" is a bit
//! test rather than a scan of a word list for every token that is asked about.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::dictionary::{self, WordClassesFile};
use super::tokens::Tokens;
use super::DictionaryError;

/// The file the word lists are read from.
const FILE: &str = "word_classes.toml";

/// A closed word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// Prepositions after which a name is a place ("in Moscow"), not an actor.
    Locative,
    /// Prepositions that make a group an object rather than a subject ("talks with Russia").
    Preposition,
    /// Modifiers skipped when looking for the preposition before a name ("in northern Syria").
    Modifier,
    /// Nouns that make "the Georgian town of Gori" a place.
    PlaceNoun,
    /// Nouns after a place name that are part of it ("Kandahar province").
    Region,
    /// Armed forces: a state that moves them acts as its military.
    Force,
    /// Forms of "be" that make a following participle passive.
    Be,
    /// Punctuation a pattern's gap may not cross.
    GapStop,
    /// Words before a month name that make "May" a month rather than a verb.
    MonthCue,
    /// Conjunctions that open a condition: what follows in their clause has not happened.
    Conditional,
    /// Verbs that cancel the event right after them ("postponed talks").
    Cancel,
    /// Punctuation that closes a clause.
    ClauseEnd,
    /// Words that open an intention about the future ("will", "plans to", "is set to"), as
    /// opposed to a commitment made ("agreed to", "pledged to").
    FutureCue,
    /// People who speak or act for the organisation named after them ("a spokesman for the
    /// Taliban", "officials of the ministry"): that organisation is the subject.
    Envoy,
    /// Conjunctions that open a clause of their own, whose subject may follow right after
    /// ("after Kenya closed the border", "before Ghana signed").
    Subordinator,
    /// Number words and vague counts that may stand before a plural actor ("convicted
    /// twelve opposition activists", "arrested dozens of Hamas members").
    Count,
}

impl WordClass {
    /// Every class, with the name of its table in `word_classes.toml`.
    pub const NAMED: [(Self, &'static str); 16] = [
        (Self::Locative, "locative"),
        (Self::Preposition, "preposition"),
        (Self::Modifier, "modifier"),
        (Self::PlaceNoun, "place_noun"),
        (Self::Region, "region"),
        (Self::Force, "force"),
        (Self::Be, "be"),
        (Self::GapStop, "gap_stop"),
        (Self::MonthCue, "month_cue"),
        (Self::Conditional, "conditional"),
        (Self::Cancel, "cancel"),
        (Self::ClauseEnd, "clause_end"),
        (Self::FutureCue, "future_cue"),
        (Self::Envoy, "envoy"),
        (Self::Subordinator, "subordinator"),
        (Self::Count, "count"),
    ];

    /// The class whose table in `word_classes.toml` is `name`.
    fn named(name: &str) -> Option<Self> {
        Self::NAMED
            .iter()
            .find(|(_, n)| *n == name)
            .map(|&(c, _)| c)
    }
}

/// The classes of one token, as a set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClasses(u16);

impl WordClasses {
    /// Whether the set holds `class`.
    pub fn contains(self, class: WordClass) -> bool {
        self.0 & bit(class) != 0
    }
}

fn bit(class: WordClass) -> u16 {
    1 << class as u16
}

/// A short word ASCII lower-cased and packed with its length into one integer: hashing and
/// comparing a key costs a few instructions, a string look-up many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordKey(u128);

impl WordKey {
    /// The longest word, in bytes, that has a key: the low byte of the key holds the length.
    pub const MAX_LEN: usize = 15;

    /// The key of `word`, if it is at most [`WordKey::MAX_LEN`] bytes long.
    pub fn of(word: &str) -> Option<Self> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut packed = [0u8; 16];
        packed[0] = bytes.len() as u8;
        for (slot, b) in packed[1..].iter_mut().zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        Some(Self(u128::from_le_bytes(packed)))
    }
}

/// A map keyed by [`WordKey`], with a hash suited to them.
pub type KeyMap<V> = HashMap<WordKey, V, BuildHasherDefault<KeyHasher>>;

/// Every listed word and its classes: `word_classes.toml` validated and compiled.
#[derive(Debug, Clone, Default)]
pub struct WordTable {
    words: KeyMap<WordClasses>,
}

impl WordTable {
    /// Validates and compiles the word lists: every class is there and no other, and each
    /// word is lower-case, at most [`WordKey::MAX_LEN`] bytes, one token as sentences are cut
    /// (in its normalized form, as the table is looked up with) and listed once in its class.
    pub fn new(file: &WordClassesFile) -> Result<Self, DictionaryError> {
        let mut words = KeyMap::default();
        for (name, list) in &file.classes {
            let class = WordClass::named(name).ok_or_else(|| {
                let known: Vec<&str> = WordClass::NAMED.iter().map(|&(_, n)| n).collect();
                let reason = format!("no such word class; the classes are {}", known.join(", "));
                DictionaryError::invalid(FILE, format!("[{name}]"), reason)
            })?;
            let mut seen = HashSet::new();
            for word in &list.words {
                let key = checked(name, word)?;
                if !seen.insert(word) {
                    return Err(invalid_word(name, word, "is listed twice"));
                }
                words.entry(key).or_insert(WordClasses::default()).0 |= bit(class);
            }
        }
        if let Some((_, name)) = WordClass::NAMED
            .iter()
            .find(|(_, n)| !file.classes.contains_key(*n))
        {
            let reason = "is missing; every word class needs its table (`words = []` if empty)";
            return Err(DictionaryError::invalid(FILE, format!("[{name}]"), reason));
        }
        Ok(Self { words })
    }

    /// The built-in word lists, for tokenizing outside a coder (a coder tokenizes with the
    /// table of its own dictionaries).
    ///
    /// # Panics
    ///
    /// If the built-in `word_classes.toml` is invalid, which its tests rule out.
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<WordTable> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            dictionary::embedded_word_classes()
                .and_then(|file| Self::new(&file))
                .unwrap_or_else(|e| panic!("the built-in word lists are invalid: {e}"))
        })
    }

    /// The classes of `word`, ignoring ASCII case.
    pub fn classes(&self, word: &str) -> WordClasses {
        match WordKey::of(word) {
            Some(k) => self.words.get(&k).copied().unwrap_or_default(),
            None => WordClasses::default(),
        }
    }
}

/// The key of `word` of class `class`, if the word can be looked up as it is written.
fn checked(class: &str, word: &str) -> Result<WordKey, DictionaryError> {
    if word.chars().any(char::is_uppercase) {
        return Err(invalid_word(
            class,
            word,
            "must be lower-case (case is ignored)",
        ));
    }
    let cut = Tokens::with_classes(word, 0, &WordTable::default());
    if cut.len() != 1 || cut.joined != word {
        let reason = format!(
            "must be one token as sentences are cut, in its normalized form; it is cut as {:?}",
            cut.joined
        );
        return Err(invalid_word(class, word, reason));
    }
    WordKey::of(word).ok_or_else(|| {
        let reason = format!(
            "is {} bytes long; a listed word has at most {}",
            word.len(),
            WordKey::MAX_LEN
        );
        invalid_word(class, word, reason)
    })
}

fn invalid_word(class: &str, word: &str, reason: impl Into<String>) -> DictionaryError {
    DictionaryError::invalid(FILE, format!("[{class}] {word:?}"), reason)
}

/// A multiplicative hash of a [`WordKey`]: the keys come from the coder's own tokenizer and
/// word lists, where SipHash's protection against crafted keys buys nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let mixed = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = mixed ^ (mixed >> 29);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
}

#[cfg(test)]
mod tests;
