//! Reported speech: who speaks is neither source nor target of what is reported (", police
//! said", "according to the army"), a quotation's speaker acts for its pronoun subject, and a
//! reported obligation ("Canada said Venezuela must ...") is the speaker's demand.

use crate::extract::cameo::Shift;
use crate::extract::dictionaries::Dictionaries;
use crate::extract::groups::Group;
use crate::extract::sentence::Sentence;
use crate::extract::triggers::Trigger;

/// Whether the trigger is a reported obligation ("must return", "should withdraw").
pub(super) fn is_obligation(ctx: &Sentence<'_>, t: &Trigger<'_>) -> bool {
    t.shift == Some(Shift::Demand)
        && ctx
            .tokens
            .is_any(t.first, &["must", "should", "has", "have"])
}

/// Whether the trigger lays the blame on its subject ("Hezbollah was behind the attack",
/// "the rebels were responsible for the bombing"): reported, it is the speaker's accusation.
pub(super) fn is_reported_blame(ctx: &Sentence<'_>, t: &Trigger<'_>) -> bool {
    t.code == "112"
        && t.shift.is_none()
        && ctx
            .tokens
            .is_any(t.first, &["was", "were", "is", "are", "had", "has", "have"])
}

/// The speaker of the clause whose subject is `g`: "Egypt said (on Friday that) Libya ...":
/// a reporting verb at most six words before `g`, and the group before it.
pub(super) fn reported_speaker<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    g: &Group,
) -> Option<&'g Group> {
    let reporting = |k: usize| dict.patterns.is_reporting(ctx.tokens, k);
    let k = (g.first.saturating_sub(6)..g.first)
        .rev()
        .take_while(|&k| !ctx.groups.iter().any(|h| h.first <= k && k < h.last))
        .find(|&k| reporting(k))?;
    ctx.groups
        .iter()
        .rev()
        .find(|h| h.last <= k && !h.prepositional && !h.locative)
}

/// Words that open a sentence's introductory phrase: "On Monday, Israel said ...", "In a
/// statement, the ministry said ...", "Later, officials said ...".
const INTRODUCTORY: &[&str] = &[
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "following",
    "earlier",
    "later",
    "meanwhile",
    "separately",
    "yesterday",
    "today",
    "overnight",
    "late",
    "early",
    "last",
    "however",
];

/// How many tokens an introductory phrase may have, its comma included.
const MAX_INTRODUCTORY: usize = 8;

/// Whether `g` only says who reported the sentence: ", Iraqi police said", "officials told
/// reporters", "according to the army". A speaker is neither source nor target of the events
/// it reports. A comma that closes the sentence's introductory phrase ("On Monday, Israel said
/// it would ...") does not make the speaker a trailing one: what it says comes after it.
pub(super) fn speaker(ctx: &Sentence<'_>, dict: &Dictionaries, g: &Group) -> bool {
    let reporting = |k: usize| dict.patterns.is_reporting(ctx.tokens, k);
    let followed = g.last < ctx.tokens.len() && reporting(g.last);
    let trailing = followed
        && g.first > 0
        && ctx.tokens.is_any(g.first - 1, &[",", "\"", "''"])
        && !introduced(ctx, g.first - 1);
    let according =
        g.first >= 2 && ctx.tokens.is(g.first - 1, "to") && ctx.tokens.is(g.first - 2, "according");
    trailing || according
}

/// Whether the token at `comma` is the comma that closes a short phrase opening the sentence
/// with a preposition or a time adverb, and no other comma or quotation mark comes before it.
fn introduced(ctx: &Sentence<'_>, comma: usize) -> bool {
    let tokens = ctx.tokens;
    comma < MAX_INTRODUCTORY
        && tokens.is(comma, ",")
        && tokens.is_any(0, INTRODUCTORY)
        && !(1..comma).any(|k| tokens.is_any(k, &[",", "\"", "''"]))
}

/// `"We are concerned ...," Shoigu said`: the speaker of a quotation whose subject is a pronoun.
pub(super) fn attribution<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    last: usize,
) -> Option<&'g Group> {
    let reporting = |k: usize| dict.patterns.is_reporting(ctx.tokens, k);
    ctx.groups.iter().find(|g| {
        g.first >= last
            && ((g.last < ctx.tokens.len() && reporting(g.last))
                || (g.first > 0 && reporting(g.first - 1)))
    })
}
