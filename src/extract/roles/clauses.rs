//! Subjects that stand after a preposition yet act: the organisation a spokesman speaks for
//! ("a spokesman for the Taliban claimed"), and the subject of a clause a conjunction opens
//! ("after Kenya closed the border").

use crate::extract::groups::Group;
use crate::extract::tokens::Tokens;
use crate::extract::word_classes::WordClass;

/// Whether `g` follows someone who speaks or acts for it ("a spokesman for the Taliban",
/// "officials of the ministry"): the act is the group's.
pub(super) fn represented(tokens: &Tokens, g: &Group) -> bool {
    let mut k = g.first;
    if k > 0 && tokens.is(k - 1, "the") {
        k -= 1;
    }
    let envoy = k >= 2
        && tokens.is_any(k - 1, &["for", "of", "from"])
        && tokens.is_a(k - 2, WordClass::Envoy);
    // "Authorities in Kenya deported ...", "officials in Washington criticised ...": those
    // who govern a place act for its state.
    let governing = k >= 2 && tokens.is(k - 1, "in") && tokens.is_any(k - 2, GOVERNING);
    envoy || governing
}

/// Plural nouns for those who govern a place, before "in" and its name.
const GOVERNING: &[&str] = &[
    "authorities",
    "officials",
    "leaders",
    "prosecutors",
    "lawmakers",
];

/// Whether `g` is the agent of a participle that describes the subject right before the verb
/// at `verb` ("missiles fired by the Israeli army struck a depot", "a convoy sent by Turkey
/// delivered aid"), or of a noun ("an attack by rebels killed ten"): the agent is whose act the
/// verb reports. The participle follows a noun, not a form of "be" (a passive clause of its
/// own), and the verb follows the agent at once.
pub(super) fn participle_agent(tokens: &Tokens, g: &Group, verb: usize) -> bool {
    let mut k = g.first;
    if k > 0 && tokens.is(k - 1, "the") {
        k -= 1;
    }
    let by = k >= 3 && tokens.is(k - 1, "by");
    let lower = |j: usize| {
        tokens.tokens[j].is_word && tokens.text(j).starts_with(|c: char| c.is_lowercase())
    };
    let participle = by && lower(k - 2) && !tokens.is_a(k - 2, WordClass::Be);
    let noun_before =
        participle && tokens.tokens[k - 3].is_word && !tokens.is_a(k - 3, WordClass::Be);
    noun_before && verb == g.last
}

/// Whether `g` is the subject of a clause of its own that the verb at `verb` opens ("after
/// Kenya closed the border", "before Ghana had signed"): a conjunction before it, at most two
/// auxiliaries or adverbs after it.
pub(super) fn opens_clause(tokens: &Tokens, g: &Group, verb: usize) -> bool {
    const BETWEEN: &[&str] = &[
        "had", "has", "have", "was", "were", "also", "then", "finally",
    ];
    let mut k = g.first;
    if k > 0 && tokens.is(k - 1, "the") {
        k -= 1;
    }
    let opened = k > 0 && tokens.is_a(k - 1, WordClass::Subordinator);
    let next =
        verb >= g.last && verb - g.last <= 2 && (g.last..verb).all(|j| tokens.is_any(j, BETWEEN));
    opened && next
}
