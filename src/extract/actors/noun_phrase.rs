//! Word-shape tests around a noun phrase: whether "the" introduces it, where it ends, and
//! whether a word is capitalised. Recognition uses them to tell "the army" from "the army
//! commander" and an agent word from the adjective of a longer phrase.

use crate::extract::dates;
use crate::extract::tokens::Tokens;
use crate::extract::word_classes::WordClass;

/// Whether "the" stands before `first`, alone or before at most two lower-case modifiers, or
/// opens a possessive that points back to the state or place of the story ("the state's
/// governor", "the country's foreign minister").
pub(super) fn after_the(tokens: &Tokens, first: usize) -> bool {
    let mut k = first;
    for _ in 0..=2 {
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        if tokens.is(before, "the") || the_places(tokens, before) {
            return true;
        }
        if !is_modifier(tokens, before) {
            return false;
        }
        k = before;
    }
    false
}

/// Nouns that, after "the" and before "'s", stand for the state or place a story is about.
const PLACE_OWNERS: &[&str] = &["country", "nation", "government", "kingdom", "republic"];

/// Whether token `k` is the "'s" of "the state's" or "the country's".
fn the_places(tokens: &Tokens, k: usize) -> bool {
    k >= 2
        && tokens.is(k, "'s")
        && tokens.is(k - 2, "the")
        && (tokens.is_a(k - 1, WordClass::PlaceNoun) || tokens.is_any(k - 1, PLACE_OWNERS))
}

/// How many words the tokens `first..last` are written as: "al-Thani" is one word of three
/// tokens, "Ban Ki-moon" two.
pub(super) fn word_count(tokens: &Tokens, first: usize, last: usize) -> usize {
    (first..last)
        .filter(|&k| k == first || tokens.tokens[k].start > tokens.tokens[k - 1].end)
        .count()
}

/// Whether the word before `k` ends its noun phrase: `k` is past the sentence, punctuation
/// other than a hyphen, a function word or adverb, or a verb in the past tense.
pub(super) fn ends_noun_phrase(tokens: &Tokens, k: usize) -> bool {
    const AFTER_NOUN: &[&str] = &[
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "near",
        "of",
        "with",
        "against",
        "from",
        "by",
        "said",
        "says",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "will",
        "would",
        "could",
        "also",
        "then",
        "later",
        "reportedly",
        "allegedly",
        "again",
        "vs",
    ];
    if k >= tokens.len() {
        return true;
    }
    let text = tokens.text(k);
    if !tokens.tokens[k].is_word {
        return text != "-";
    }
    // "military and civilian personnel": two adjectives joined before one noun.
    if tokens.is_any(k, &["and", "or"])
        && k + 2 < tokens.len()
        && tokens.tokens[k + 1].is_word
        && tokens
            .text(k + 1)
            .starts_with(|c: char| c.is_ascii_lowercase())
    {
        return ends_word(tokens, k + 2, AFTER_NOUN);
    }
    ends_word(tokens, k, AFTER_NOUN)
}

/// Whether token `k` is punctuation other than a hyphen, one of `after`, or a verb in the past
/// tense.
fn ends_word(tokens: &Tokens, k: usize, after: &[&str]) -> bool {
    let text = tokens.text(k);
    if !tokens.tokens[k].is_word {
        return text != "-";
    }
    tokens.is_any(k, after) || (text.len() > 4 && text.ends_with("ed"))
}

/// A lower-case word that may modify an agent ("federal", "strategic").
pub(super) fn is_modifier(tokens: &Tokens, k: usize) -> bool {
    tokens.tokens[k].is_word
        && tokens.text(k).starts_with(|c: char| c.is_ascii_lowercase())
        && !tokens.is_any(
            k,
            &[
                "and", "or", "of", "to", "the", "a", "an", "in", "on", "at", "by", "with", "for",
                "from",
            ],
        )
}

/// Whether a word starts with a capital letter (a name, or a sentence's first word).
pub(super) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Words of address and titles that are no agent word before a surname ("Mr Trump", "Colonel
/// Gaddafi"), which are not names themselves.
const HONORIFICS: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Lord",
    "Colonel",
    "Col",
    "Gen",
    "Sheikh",
    "Mullah",
    "Ayatollah",
    "Marshal",
];

/// A capitalised word of letters (a given name or surname), not an abbreviation in capitals.
pub(super) fn is_name_word(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_uppercase)
        && text.len() > 1
        && chars.clone().any(char::is_lowercase)
        && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// Whether the words `first..last` stand next to a capitalised name outside them ("Abdelaziz"
/// in "Abdelaziz Bouteflika", "al-Thani" in "Hamad bin Khalifa al-Thani"). The first word of a
/// sentence is capitalised whatever it is ("Today Trump said"), and so are dates after a name.
pub(super) fn beside_a_name(tokens: &Tokens, first: usize, last: usize) -> bool {
    let before = first
        .checked_sub(1)
        .filter(|&k| k > 0)
        .map(|k| tokens.text(k));
    let named_before = before.is_some_and(|w| is_name_word(w) && !HONORIFICS.contains(&w));
    let after = (last < tokens.len()).then(|| tokens.text(last));
    let named_after = after.is_some_and(|w| is_name_word(w) && !dates::is_calendar_name(w));
    named_before || named_after
}
