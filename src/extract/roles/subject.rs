//! The source of a trigger: the nearest group before it that acts, skipping the objects of
//! prepositions, appositives ("Norway, a NATO member, has refused") and the objects of a
//! coordinated verb or of a verb whose purpose the trigger states.

use super::clauses::{opens_clause, participle_agent, represented};
use super::purpose::is_purpose;
use super::speech::speaker;
use crate::extract::dictionaries::Dictionaries;
use crate::extract::groups::Group;
use crate::extract::sentence::Sentence;
use crate::extract::tokens::Tokens;

/// How many auxiliaries and adverbs may stand between "and" or "but" and a coordinated verb.
const MAX_COORDINATED_GAP: usize = 3;

/// How many lower-case words may open an appositive before its actor ("a close partner of").
const MAX_APPOSITIVE_HEAD: usize = 5;

/// How far after its actor an appositive may close with a comma ("a close partner of
/// Argentina in the region,").
const MAX_APPOSITIVE_TAIL: usize = 10;

/// The nearest group before the trigger that is not the object of a preposition, nor the
/// object of the trigger before it when the two verbs are coordinated ("rebels kidnapped
/// advisers and exploded bombs": the rebels exploded them) or the trigger is an infinitive of
/// purpose ("visited Mali to mediate": the visitor mediates).
pub(super) fn subject<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    first: usize,
    previous: Option<(usize, usize)>,
) -> Option<&'g Group> {
    // Where the object of the trigger before starts: after that trigger for a coordinated verb,
    // within it for a purpose ("will visit Mali and Niger" is one trigger).
    let coordinated = previous.and_then(|(start, end)| {
        if coordinated_verb(ctx.tokens, first) {
            Some(end)
        } else if is_purpose(ctx.tokens, ctx.groups, first, start) {
            Some(start + 1)
        } else {
            None
        }
    });
    for g in ctx.groups.iter().rev().filter(|g| g.last <= first) {
        if (g.last..first).any(|k| ctx.tokens.is(k, ";")) {
            return None;
        }
        if appositive(ctx, g, first) {
            continue;
        }
        let previous_object = coordinated.is_some_and(|p| g.first >= p);
        if previous_object || speaker(ctx, dict, g) {
            continue;
        }
        let object = g.prepositional || g.locative;
        if !object
            || represented(ctx.tokens, g)
            || opens_clause(ctx.tokens, g, first)
            || participle_agent(ctx.tokens, g, first)
        {
            return Some(g);
        }
    }
    None
}

/// Whether the verb at `first` shares the subject of the verb before it: "and" or "but" right
/// before it, or before its auxiliaries and adverbs ("opened its borders but was still
/// refusing").
fn coordinated_verb(tokens: &Tokens, first: usize) -> bool {
    const BETWEEN: &[&str] = &[
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "also",
        "still",
        "then",
        "later",
        "again",
        "subsequently",
        "immediately",
    ];
    let mut k = first;
    for _ in 0..=MAX_COORDINATED_GAP {
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        k = before;
        if tokens.is_any(k, &["and", "but"]) {
            return true;
        }
        if !tokens.is_any(k, BETWEEN) {
            return false;
        }
    }
    false
}

/// Whether `g` is set off by commas after a noun it describes, before the verb at `verb`
/// ("Norway, a NATO member, has refused", "Chile, a close partner of Argentina, criticized
/// Peru"): it is not the subject.
fn appositive(ctx: &Sentence<'_>, g: &Group, verb: usize) -> bool {
    let tokens = ctx.tokens;
    let mut k = g.first;
    while k > 0
        && k + MAX_APPOSITIVE_HEAD > g.first
        && tokens.text(k - 1).starts_with(|c: char| c.is_lowercase())
    {
        k -= 1;
    }
    let opened = k > 0 && tokens.is(k - 1, ",") && k >= 2;
    let closed = (g.last..verb.min(g.last + MAX_APPOSITIVE_TAIL)).any(|j| tokens.is(j, ","));
    let described = opened && ctx.groups.iter().any(|h| h.last == k - 1);
    described && closed
}
