//! Word classes: the closed word lists the coder asks about (locative prepositions, modifiers,
//! figures, forms of "be" ...). Each token's classes are looked up once, when the sentence is
//! tokenized, so "is token k a locative preposition?" is a bit test rather than a scan of a
//! word list for every token that is asked about.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

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

/// Every list, its words as the tokenizer normalizes them (ASCII case is ignored).
const LISTS: &[(WordClass, &[&str])] = &[
    (
        WordClass::Locative,
        &[
            "in",
            "at",
            "near",
            "outside",
            "inside",
            "across",
            "throughout",
            "through",
            "around",
            "along",
        ],
    ),
    (
        WordClass::Preposition,
        &[
            "in",
            "at",
            "with",
            "to",
            "from",
            "for",
            "against",
            "on",
            "by",
            "between",
            "over",
            "about",
            "near",
            "outside",
            "into",
            "toward",
            "towards",
            "among",
            "than",
            "like",
            "beyond",
            "under",
            "via",
            "across",
            "after",
            "before",
            "during",
            "within",
            "without",
            "including",
            "upon",
        ],
    ),
    (
        WordClass::Modifier,
        &[
            "the",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "north",
            "south",
            "east",
            "west",
            "neighbouring",
            "neighboring",
            "its",
            "their",
            "his",
            "her",
        ],
    ),
    (
        WordClass::PlaceNoun,
        &[
            "town",
            "city",
            "village",
            "province",
            "region",
            "island",
            "islands",
            "port",
            "capital",
            "district",
            "state",
            "enclave",
            "border",
            "territory",
        ],
    ),
    (
        WordClass::Region,
        &[
            "province", "state", "region", "district", "valley", "county",
        ],
    ),
    (
        WordClass::Force,
        &[
            "troops",
            "forces",
            "military",
            "army",
            "artillery",
            "warships",
            "soldiers",
            "tanks",
            "bombers",
            "jets",
            "warplanes",
            "navy",
            "drills",
            "missiles",
            "reservists",
        ],
    ),
    (
        WordClass::Be,
        &["was", "were", "been", "being", "is", "are", "be"],
    ),
    (
        WordClass::GapStop,
        &[";", ":", ".", "\"", "(", ")", "?", "!"],
    ),
    (
        WordClass::MonthCue,
        &[
            "in", "since", "early", "late", "mid", "of", "until", "by", "last", "this", "next", "-",
        ],
    ),
    (WordClass::Conditional, &["if", "unless", "whether"]),
    (
        WordClass::Cancel,
        &[
            "postponed",
            "postpone",
            "postpones",
            "postponing",
            "cancelled",
            "canceled",
            "cancel",
            "cancels",
            "cancelling",
            "canceling",
            "scrapped",
            "scrap",
            "scraps",
            "delayed",
            "delay",
            "delays",
            "shelved",
            "aborted",
            "off",
        ],
    ),
    (WordClass::ClauseEnd, &[",", ";", ":", "--"]),
    (
        WordClass::FutureCue,
        &[
            "will",
            "'ll",
            "shall",
            "plans",
            "plan",
            "intends",
            "intend",
            "expected",
            "set",
            "scheduled",
            "due",
            "aims",
            "aim",
            "hopes",
            "hope",
            "wants",
            "want",
            "prepares",
            "preparing",
            "going",
        ],
    ),
    (
        WordClass::Envoy,
        &[
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "spokespeople",
            "spokesmen",
            "representative",
            "representatives",
            "envoy",
            "envoys",
            "official",
            "officials",
            "delegation",
            "delegates",
            "member",
            "members",
            "leader",
            "leaders",
            "head",
            "chief",
            "commander",
            "commanders",
        ],
    ),
    (
        WordClass::Subordinator,
        &["after", "before", "since", "until", "once", "when", "while"],
    ),
    (
        WordClass::Count,
        &[
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "fifteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "hundreds",
            "thousand",
            "thousands",
            "dozen",
            "dozens",
            "scores",
            "several",
            "many",
            "numerous",
        ],
    ),
];

/// The classes of one token, as a set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClasses(u16);

impl WordClasses {
    /// The classes of `word`, ignoring ASCII case.
    pub fn of(word: &str) -> Self {
        match WordKey::of(word) {
            Some(k) => table().get(&k).copied().unwrap_or_default(),
            None => Self::default(),
        }
    }

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

/// Every listed word and its classes, built on first use.
fn table() -> &'static KeyMap<WordClasses> {
    static TABLE: OnceLock<KeyMap<WordClasses>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = KeyMap::default();
        for &(class, words) in LISTS {
            for word in words {
                // Every listed word is short: a longer one could never be found.
                debug_assert!(word.len() <= WordKey::MAX_LEN, "{word:?} is too long");
                if let Some(k) = WordKey::of(word) {
                    table.entry(k).or_insert(WordClasses::default()).0 |= bit(class);
                }
            }
        }
        table
    })
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
mod tests {
    use super::*;

    #[test]
    fn listed_words_have_their_classes() {
        for &(class, words) in LISTS {
            for word in words {
                assert!(WordClasses::of(word).contains(class), "{word:?} {class:?}");
                let upper = word.to_ascii_uppercase();
                assert!(WordClasses::of(&upper).contains(class), "{upper:?}");
            }
        }
    }

    #[test]
    fn other_words_have_none() {
        for word in [
            "",
            "inn",
            "i",
            "Moscow",
            "\0",
            "in\0",
            "throughoutthroughout",
        ] {
            assert_eq!(WordClasses::of(word), WordClasses::default(), "{word:?}");
        }
        assert!(WordClasses::of("IN").contains(WordClass::Locative));
        assert!(!WordClasses::of("in").contains(WordClass::Force));
    }
}
