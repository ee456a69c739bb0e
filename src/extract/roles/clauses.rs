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
    k >= 2 && tokens.is_any(k - 1, &["for", "of", "from"]) && tokens.is_a(k - 2, WordClass::Envoy)
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
